/// A partition of rows into labelled groups (treatment groups or strata).
///
/// Codes run from 0 to `labels.count - 1`; the label order is the order used in every output,
/// matching R's factor levels (sorted).
public struct Grouping: Sendable, Equatable {
    /// The group code of each row.
    public let codes: [Int]
    /// The label of each code.
    public let labels: [String]

    /// Groups from text labels, levels sorted in byte order as R sorts character vectors in the C locale.
    public init(labels values: [String]) {
        let levels = Array(Set(values)).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
        var index: [String: Int] = [:]
        for (k, level) in levels.enumerated() { index[level] = k }
        codes = values.map { index[$0]! }
        labels = levels
    }

    /// Groups from numeric values, levels sorted numerically; labels print the shortest exact decimal.
    public init(numeric values: [Double]) {
        let levels: [Double]
        if values.contains(where: \.isNaN) {
            levels = Array(Set(values)).sorted()
            var index: [Double: Int] = [:]
            for (k, level) in levels.enumerated() { index[level] = k }
            codes = values.map { index[$0]! }
        } else {
            // One radix order of the values; a new level wherever the sorted value changes (−0 ties with 0).
            let order = RadixOrder.sorted(values.map(RadixOrder.signedKey))
            var codes = [Int](repeating: 0, count: values.count)
            var found: [Double] = []
            for i in order {
                if found.last != values[i] { found.append(values[i]) }
                codes[i] = found.count - 1
            }
            self.codes = codes
            levels = found
        }
        labels = levels.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int64($0)) : "\($0)" }
    }

    /// Groups from explicit codes and labels.
    public init(codes: [Int], labels: [String]) throws(SurvivalError) {
        for (row, c) in codes.enumerated() where c < 0 || c >= labels.count {
            throw .invalidArgument("group code \(c) at row \(row + 1) is outside 0..<\(labels.count)")
        }
        self.codes = codes
        self.labels = labels
    }

    /// One group holding every row.
    public static func single(count: Int, label: String = "all") -> Grouping {
        // A fixed one-level grouping; codes are all zero so construction cannot fail.
        Grouping(trusted: Array(repeating: 0, count: count), labels: [label])
    }

    init(trusted codes: [Int], labels: [String]) {
        self.codes = codes
        self.labels = labels
    }
}

/// Right-censored or left-truncated survival data: one row per interval `(entry, exit]`.
///
/// Without entry times every row is at risk from time 0 (or from −∞, which is the same for estimation).
public struct SurvivalData: Sendable {
    /// Exit (event or censoring) time of each row.
    public let exit: [Double]
    /// Entry time of each row for delayed entry (counting-process data), or nil.
    public let entry: [Double]?
    /// Whether each row ends in the event.
    public let event: [Bool]
    /// Case weights (all 1 when none were given).
    public let weights: [Double]
    /// Whether case weights were supplied.
    public let isWeighted: Bool
    /// Number of rows whose entry or exit time was moved by `timefix` (0 when off or nothing was nearly tied).
    public let timesMerged: Int

    /// Number of rows.
    public var count: Int { exit.count }

    /// Validates and stores the data. Times must be finite and non-negative, entry strictly before exit,
    /// weights finite and positive.
    ///
    /// `timefix` (on by default, as in R's `survfit`, `survdiff` and `coxph`) merges times that differ only by
    /// floating-point noise, as R's `aeqSurv`: the distinct entry and exit values are sorted and a value within
    /// √ε absolutely, or √ε relative to the mean absolute distinct value, of the one before it is replaced by the
    /// first value of its run. A merge that leaves a row's entry equal to its exit is an error.
    public init(exit: [Double], event: [Bool], entry: [Double]? = nil, weights: [Double]? = nil,
                timefix: Bool = true) throws(SurvivalError) {
        let n = exit.count
        guard event.count == n else { throw .lengthMismatch("\(n) times but \(event.count) event indicators") }
        if let entry, entry.count != n { throw .lengthMismatch("\(n) exit times but \(entry.count) entry times") }
        if let weights, weights.count != n { throw .lengthMismatch("\(n) times but \(weights.count) weights") }
        for i in 0..<n {
            let t = exit[i]
            if !t.isFinite { throw .nonFinite(name: "time", row: i, value: t) }
            if t < 0 { throw .negativeTime(row: i, value: t) }
            if let entry {
                let s = entry[i]
                if !s.isFinite { throw .nonFinite(name: "entry time", row: i, value: s) }
                if s < 0 { throw .negativeTime(row: i, value: s) }
                if s >= t { throw .entryNotBeforeExit(row: i, entry: s, exit: t) }
            }
            if let weights {
                let w = weights[i]
                if !w.isFinite { throw .nonFinite(name: "weight", row: i, value: w) }
                if w <= 0 { throw .nonPositiveWeight(row: i, value: w) }
            }
        }
        var exit = exit, entry = entry
        var merged = 0
        if timefix, let cuts = TimeFix.cuts(exit, entry ?? []) {
            var changed = [Bool](repeating: false, count: n)
            for i in 0..<n {
                let x = TimeFix.snap(exit[i], cuts)
                if x != exit[i] { exit[i] = x; changed[i] = true }
            }
            if var e = entry {
                for i in 0..<n {
                    let s = TimeFix.snap(e[i], cuts)
                    if s != e[i] { e[i] = s; changed[i] = true }
                    if s >= exit[i] {
                        throw .invalidArgument("row \(i + 1): merging nearly tied times (timefix) leaves the interval (\(s), \(exit[i])] of length 0; turn timefix off or round the times")
                    }
                }
                entry = e
            }
            merged = changed.filter { $0 }.count
        }
        self.exit = exit
        self.event = event
        self.entry = entry
        self.weights = weights ?? Array(repeating: 1, count: n)
        self.isWeighted = weights != nil
        self.timesMerged = merged
    }
}

/// R's `aeqSurv`: which nearly tied times to merge.
enum TimeFix {
    static let tolerance = Double.ulpOfOne.squareRoot()

    /// The run starts to snap values to, or nil when no two distinct values are nearly tied. Integer times below
    /// 1/√ε can never be nearly tied, so the common case costs one pass and no sort.
    static func cuts(_ values: [Double], _ more: [Double] = []) -> [Double]? {
        let safe: (Double) -> Bool = { $0 == $0.rounded() && abs($0) < 1 / tolerance }
        if values.allSatisfy(safe) && more.allSatisfy(safe) { return nil }
        let unique = Array(Set(values).union(more)).sorted()
        guard unique.count > 1 else { return nil }
        let meanAbs = unique.reduce(0) { $0 + abs($1) } / Double(unique.count)
        var cuts = [unique[0]]
        var any = false
        for k in 1..<unique.count {
            let dy = unique[k] - unique[k - 1]
            if dy <= tolerance || dy / meanAbs <= tolerance { any = true } else { cuts.append(unique[k]) }
        }
        return any ? cuts : nil
    }

    /// The largest cut ≤ t (R's `findInterval`).
    static func snap(_ t: Double, _ cuts: [Double]) -> Double {
        var lo = 0, hi = cuts.count
        while lo < hi { let mid = (lo + hi) / 2; if cuts[mid] <= t { lo = mid + 1 } else { hi = mid } }
        return lo == 0 ? t : cuts[lo - 1]
    }
}
