import Foundation

/// Harrell's concordance between a risk score and survival, with its infinitesimal-jackknife standard error,
/// as R's `survival::concordance` (default `timewt = "n"`).
public struct ConcordanceResult: Sendable, Equatable {
    /// (concordant + tied.x/2) / (concordant + discordant + tied.x).
    public let concordance: Double
    /// √Σᵢ (wᵢ ∂C/∂wᵢ)² (R's `concordance()$var` is its square).
    public let standardError: Double
    /// Weighted count of comparable pairs ordered as the score predicts (higher score, earlier event).
    public let concordant: Double
    /// Weighted count of comparable pairs ordered against the score.
    public let discordant: Double
    /// Comparable pairs with equal scores (R's `tied.x`).
    public let tiedScore: Double
    /// Pairs of events at the same time, not comparable (R's `tied.y`).
    public let tiedTime: Double
}

public enum Concordance {
    /// Concordance of `score` with survival where a higher score predicts a shorter time (as for a Cox linear
    /// predictor, R's `concordance(fit)`). For an event of row i at time t the comparable partners are the rows at
    /// risk at t (entry < t ≤ exit) that do not have an event at t (events at the same time are R's `tied.y`);
    /// pairs are formed within strata only, and a pair's weight is the product of the case weights.
    ///
    /// O(n log n): the rows are ordered once by (stratum, time) and the scores ranked once within strata (radix
    /// sorts); two sweeps over time keep weighted counts per score rank in a Fenwick tree, one answering for each
    /// event its partners (the shorter member of its pairs), one for each row the earlier events it outlived
    /// (the longer member).
    public static func harrell(_ data: SurvivalData, score: [Double], strata: Grouping? = nil) throws(SurvivalError) -> ConcordanceResult {
        let n = data.count
        guard n > 0 else { throw .empty }
        guard score.count == n else { throw .lengthMismatch("\(n) rows but \(score.count) scores") }
        if let strata, strata.codes.count != n { throw .lengthMismatch("\(n) rows but \(strata.codes.count) stratum codes") }
        for (i, s) in score.enumerated() where !s.isFinite { throw .nonFinite(name: "score", row: i, value: s) }
        let stratified = strata.map { s in s.codes.contains { $0 != s.codes[0] } } ?? false
        let stratumKeys = stratified ? strata!.codes.map { UInt64($0) } : nil
        func byStratum(_ order: [Int]) -> [Int] { stratumKeys.map { RadixOrder.sorted($0, start: order) } ?? order }
        func sameStratum(_ a: Int, _ b: Int) -> Bool { !stratified || strata!.codes[a] == strata!.codes[b] }

        // Dense score ranks within each stratum (equal scores share a rank, so ties are exact equality).
        let scoreOrder = byStratum(RadixOrder.sorted(score.map(RadixOrder.signedKey)))
        var rank = [Int](repeating: 0, count: n)
        var maxLevels = 0
        do {
            var current = -1
            for (k, i) in scoreOrder.enumerated() {
                if k == 0 || !sameStratum(i, scoreOrder[k - 1]) { current = 0 } else if score[i] != score[scoreOrder[k - 1]] { current += 1 }
                rank[i] = current
                maxLevels = max(maxLevels, current + 1)
            }
        }
        // Rows by (stratum, exit) and, for delayed entry, by (stratum, entry). The sweeps run over positions in
        // the exit order, with every per-row array laid out in that order so that they read memory in sequence.
        let order = byStratum(RadixOrder.sorted(data.exit.map(RadixOrder.key)))
        var position = [Int](repeating: 0, count: n)
        for (k, i) in order.enumerated() { position[i] = k }
        let entryPositions: [Int]? = data.entry.map { e in byStratum(RadixOrder.sorted(e.map(RadixOrder.key))).map { position[$0] } }
        let entry = data.entry.map { e in order.map { e[$0] } }
        let w = order.map { data.weights[$0] }, exit = order.map { data.exit[$0] }, event = order.map { data.event[$0] }
        let ranks = order.map { rank[$0] }
        // Per position: weighted counts of its comparable partners that make the pair concordant, discordant, tied.
        var conc = [Double](repeating: 0, count: n), disc = conc, tie = conc
        var tiedTime = 0.0
        var tree = RankWeights(maxLevels)

        var start = 0
        while start < n {
            var end = start + 1
            while end < n && sameStratum(order[end], order[start]) { end += 1 }
            // The same stratum's rows in entry order occupy the same positions start..<end of `entryPositions`.
            var levels = 0
            for m in start..<end { levels = max(levels, ranks[m] + 1) }
            tree.reset(levels)

            // Sweep 1, times descending: the tree holds the rows at risk at t without an event at t
            // (exit > t, or censored at t; rows with entry ≥ t removed), queried by each event at t.
            var k = end - 1
            var entryPointer = end - 1
            while k >= start {
                let t = exit[k]
                var first = k
                while first > start && exit[first - 1] == t { first -= 1 }
                for m in first...k where !event[m] { tree.add(ranks[m], w[m]) }
                if let entry, let entryPositions {
                    while entryPointer >= start && entry[entryPositions[entryPointer]] >= t {
                        let m = entryPositions[entryPointer]
                        tree.add(ranks[m], -w[m])
                        entryPointer -= 1
                    }
                }
                for m in first...k where event[m] {
                    let (below, equal, above) = tree.split(ranks[m])
                    conc[m] += below; tie[m] += equal; disc[m] += above
                }
                for m in first...k where event[m] { tree.add(ranks[m], w[m]) }
                k = first - 1
            }

            // Sweep 2, times ascending: the tree holds the events so far; a row is the longer member of a pair
            // with every event after its entry and before its exit (at its exit too when censored).
            tree.reset(levels)
            k = start
            entryPointer = start
            while k < end {
                let t = exit[k]
                var last = k
                while last + 1 < end && exit[last + 1] == t { last += 1 }
                if let entry, let entryPositions {
                    // Events with time ≤ entry are not partners: the tree holds exactly the events before t.
                    while entryPointer < end && entry[entryPositions[entryPointer]] < t {
                        let m = entryPositions[entryPointer]
                        let (below, equal, above) = tree.split(ranks[m])
                        disc[m] -= below; tie[m] -= equal; conc[m] -= above
                        entryPointer += 1
                    }
                }
                var sw = 0.0, sw2 = 0.0
                for m in k...last where event[m] {
                    // An earlier event with a lower score than this row's ranks them against the score.
                    let (below, equal, above) = tree.split(ranks[m])
                    disc[m] += below; tie[m] += equal; conc[m] += above
                    sw += w[m]; sw2 += w[m] * w[m]
                }
                tiedTime += (sw * sw - sw2) / 2
                for m in k...last where event[m] { tree.add(ranks[m], w[m]) }
                for m in k...last where !event[m] {
                    let (below, equal, above) = tree.split(ranks[m])
                    disc[m] += below; tie[m] += equal; conc[m] += above
                }
                k = last + 1
            }
            start = end
        }
        // Each pair was counted once from each side.
        var c = 0.0, d = 0.0, t = 0.0
        for i in 0..<n { c += w[i] * conc[i]; d += w[i] * disc[i]; t += w[i] * tie[i] }
        c /= 2; d /= 2; t /= 2
        let total = c + d + t
        guard total > 0 else { throw .invalidArgument("concordance is not estimable: no comparable pairs") }
        let estimate = (c + t / 2) / total
        var variance = 0.0
        for i in 0..<n {
            let influence = ((conc[i] + tie[i] / 2) * total - (c + t / 2) * (conc[i] + disc[i] + tie[i])) / (total * total)
            variance += w[i] * w[i] * influence * influence
        }
        return ConcordanceResult(concordance: estimate, standardError: variance.squareRoot(), concordant: c, discordant: d,
                                 tiedScore: t, tiedTime: tiedTime)
    }
}

/// Weights per score rank with the prefix sums a sweep needs: the weight at each rank, and a Fenwick (binary
/// indexed) tree over blocks of 64 ranks. A query adds the blocks below through the tree (small enough to stay in
/// cache for a million ranks) and the ranks below within its block from one contiguous stretch; a Fenwick tree
/// over single ranks would miss the cache at most of its twenty levels.
struct RankWeights {
    private static let shift = 6
    private var atRank: [Double]
    private var blocks: [Double]
    private(set) var total = 0.0

    init(_ levels: Int) {
        atRank = Array(repeating: 0, count: levels)
        blocks = Array(repeating: 0, count: (levels >> Self.shift) + 2)
    }

    /// Empties the first `levels` ranks (reused across strata).
    mutating func reset(_ levels: Int) {
        total = 0
        let blockCount = min((levels >> Self.shift) + 2, blocks.count)
        atRank.withUnsafeMutableBufferPointer { a in for k in 0..<min(levels, a.count) { a[k] = 0 } }
        blocks.withUnsafeMutableBufferPointer { b in for k in 0..<blockCount { b[k] = 0 } }
    }

    mutating func add(_ index: Int, _ value: Double) {
        total += value
        atRank.withUnsafeMutableBufferPointer { $0[index] += value }
        blocks.withUnsafeMutableBufferPointer { t in
            var i = (index >> Self.shift) + 1
            while i < t.count { t[i] += value; i += i & -i }
        }
    }

    /// Weights below, at and above `index`.
    func split(_ index: Int) -> (below: Double, equal: Double, above: Double) {
        let block = index >> Self.shift
        var below = blocks.withUnsafeBufferPointer { t in
            var s = 0.0, i = block
            while i > 0 { s += t[i]; i -= i & -i }
            return s
        }
        let equal = atRank.withUnsafeBufferPointer { a in
            var within = 0.0
            for k in (block << Self.shift)..<index { within += a[k] }
            below += within
            return a[index]
        }
        return (below, equal, total - below - equal)
    }
}
