import Foundation
import OutcomesDistributions
import OutcomesLinearAlgebra

/// Right-censored (optionally delayed-entry) data with competing causes: each row ends censored (cause 0) or in
/// exactly one of `causeLabels.count` causes (1…K), as R's `Surv(time, factor(status))` with the censoring level
/// first.
public struct CompetingRisksData: Sendable {
    /// Exit (event or censoring) time of each row.
    public let exit: [Double]
    /// 0 for a censored row, k ∈ 1…K for an event of cause k.
    public let cause: [Int]
    /// The name of each cause, for codes 1…K.
    public let causeLabels: [String]
    /// Case weights (all 1 when none were given).
    public let weights: [Double]
    /// Entry times for delayed entry (each row at risk on (entry, exit]), or nil.
    public let entry: [Double]?

    /// Number of rows.
    public var count: Int { exit.count }

    /// Validates and stores the data: times finite and non-negative, entry before exit, weights positive, cause
    /// codes in 0…K. `timefix` merges nearly
    /// tied times as `SurvivalData` does (R's `aeqSurv`, on by default as in `survfit`).
    public init(exit: [Double], cause: [Int], causeLabels: [String], entry: [Double]? = nil, weights: [Double]? = nil,
                timefix: Bool = true) throws(SurvivalError) {
        guard cause.count == exit.count else { throw .lengthMismatch("\(exit.count) times but \(cause.count) status values") }
        if let weights {
            guard weights.count == exit.count else { throw .lengthMismatch("\(exit.count) times but \(weights.count) weights") }
            for (i, w) in weights.enumerated() {
                if !w.isFinite { throw .nonFinite(name: "weight", row: i, value: w) }
                if w <= 0 { throw .nonPositiveWeight(row: i, value: w) }
            }
        }
        guard !causeLabels.isEmpty else { throw .invalidArgument("competing risks need at least one cause") }
        for i in exit.indices {
            let t = exit[i]
            if !t.isFinite { throw .nonFinite(name: "time", row: i, value: t) }
            if t < 0 { throw .negativeTime(row: i, value: t) }
            if cause[i] < 0 || cause[i] > causeLabels.count {
                throw .invalidArgument("status code \(cause[i]) at row \(i + 1) is outside 0…\(causeLabels.count)")
            }
        }
        if let entry {
            guard entry.count == exit.count else { throw .lengthMismatch("\(exit.count) exit times but \(entry.count) entry times") }
            for i in exit.indices {
                if !entry[i].isFinite { throw .nonFinite(name: "entry time", row: i, value: entry[i]) }
                if entry[i] < 0 { throw .negativeTime(row: i, value: entry[i]) }
                if entry[i] >= exit[i] { throw .entryNotBeforeExit(row: i, entry: entry[i], exit: exit[i]) }
            }
        }
        var exit = exit, entry = entry
        if timefix, let cuts = TimeFix.cuts(exit, entry ?? []) {
            exit = exit.map { TimeFix.snap($0, cuts) }
            entry = entry.map { $0.map { TimeFix.snap($0, cuts) } }
            if let entry, let i = exit.indices.first(where: { entry[$0] >= exit[$0] }) {
                throw .invalidArgument("row \(i + 1): merging nearly tied times (timefix) leaves the interval (\(entry[i]), \(exit[i])] of length 0; turn timefix off or round the times")
            }
        }
        self.exit = exit
        self.entry = entry
        self.cause = cause
        self.causeLabels = causeLabels
        self.weights = weights ?? Array(repeating: 1, count: exit.count)
    }

    /// From numeric status values: 0 is censored, every other distinct value is a cause, causes numbered in
    /// ascending order of value and labelled by the shortest exact decimal (as R's factor levels).
    public init(exit: [Double], status: [Double], entry: [Double]? = nil, weights: [Double]? = nil,
                timefix: Bool = true) throws(SurvivalError) {
        for (i, s) in status.enumerated() where !s.isFinite { throw .nonFinite(name: "status", row: i, value: s) }
        let grouping = Grouping(numeric: status.filter { $0 != 0 })
        let levels = Array(Set(status.filter { $0 != 0 })).sorted()
        var index: [Double: Int] = [:]
        for (k, v) in levels.enumerated() { index[v] = k + 1 }
        try self.init(exit: exit, cause: status.map { $0 == 0 ? 0 : index[$0]! },
                      causeLabels: levels.isEmpty ? ["1"] : grouping.labels, entry: entry, weights: weights, timefix: timefix)
    }
}

/// One time point of a cumulative incidence curve (every distinct exit time of the stratum).
public struct CumulativeIncidenceRow: Sendable, Equatable {
    /// The time.
    public let time: Double
    /// Number of rows at risk just before `time` (all causes pooled). Unweighted, as R's multi-state
    /// `survfit()$n.risk`, even when the estimate uses case weights.
    public let atRisk: Double
    /// Rows with an event of this cause at `time` (unweighted, as R's `n.event`).
    public let events: Double
    /// Rows with an event of any cause at `time` (unweighted).
    public let allEvents: Double
    /// Rows censored at `time` (unweighted).
    public let censored: Double
    /// Aalen–Johansen probability of having had this cause by `time` (R's `survfit()$pstate` for the state).
    public let estimate: Double
    /// Infinitesimal-jackknife standard error of `estimate` (R's `survfit()$std.err` for a multi-state fit).
    public let standardError: Double
    /// Lower limit, exp(log P − z·se/P) as R's default `conf.type = "log"`; NaN where P = 0 (R's NA).
    public let lower: Double
    /// Upper limit, clipped at 1.
    public let upper: Double
}

/// The cumulative incidence of one cause in one stratum.
public struct CumulativeIncidenceCurve: Sendable {
    /// The stratum label ("all" without strata).
    public let stratum: String
    /// The cause label.
    public let cause: String
    /// Rows at every distinct exit time of the stratum, ascending.
    public let rows: [CumulativeIncidenceRow]
    /// Confidence level of the limits.
    public let level: Double
}

/// Competing-risks estimation: the Aalen–Johansen cumulative incidence of each cause, matching R's
/// `survfit(Surv(time, factor(status)) ~ strata)` (a multi-state fit whose states are "(s0)" and the causes),
/// and Gray's test.
public enum CompetingRisks {
    /// Cumulative incidence curves, one per stratum and cause (stratum-major, causes in label order).
    ///
    /// P_k(t) = Σ_{tⱼ ≤ t} S(tⱼ−) d_kj/nⱼ, S the Kaplan–Meier curve of the event of any cause. The standard error
    /// is the infinitesimal jackknife √Σᵢ (wᵢ Dᵢ(t))², Dᵢ the derivative of P_k(t) with respect to row i's weight
    /// wᵢ, which is what R's `survfit` reports for multi-state data. Counts are weighted by the case weights; with
    /// entry times each row is at risk on (entry, exit] (R's `Surv(start, stop, status)` with one row per `id`).
    public static func cumulativeIncidence(_ data: CompetingRisksData, strata: Grouping? = nil,
                                           level: Double = 0.95) throws(SurvivalError) -> [CumulativeIncidenceCurve] {
        guard data.count > 0 else { throw .empty }
        guard level > 0 && level < 1 else { throw .invalidArgument("confidence level must lie in (0, 1), got \(level)") }
        let groups = strata ?? .single(count: data.count)
        guard groups.codes.count == data.count else { throw .lengthMismatch("\(data.count) rows but \(groups.codes.count) stratum codes") }
        let z = Normal.quantile(1 - (1 - level) / 2)
        var members = Array(repeating: [Int](), count: groups.labels.count)
        for (i, c) in groups.codes.enumerated() { members[c].append(i) }
        var curves: [CumulativeIncidenceCurve] = []
        for (s, rows) in members.enumerated() where !rows.isEmpty {
            let table = RiskTable(data, rows: rows)
            for k in 1...data.causeLabels.count {
                curves.append(CumulativeIncidenceCurve(stratum: groups.labels[s], cause: data.causeLabels[k - 1],
                                                       rows: table.incidence(cause: k, z: z), level: level))
            }
        }
        return curves
    }

    /// Counts at the distinct exit times of one stratum, and each row's entry and exit index and cause.
    struct RiskTable {
        var times: [Double] = []
        var atRisk: [Double] = []
        var deaths: [Double] = []        // any cause
        var byCause: [[Double]] = []     // [cause − 1][time]
        /// Unweighted counts for output: at risk, any event, by cause, censored.
        var countAtRisk: [Double] = [], countDeaths: [Double] = [], countByCause: [[Double]] = [], countCensored: [Double] = []
        // Per member row, in exit order: the grid index of its exit, the first grid index at which it is at risk
        // (the first exit time after its entry; 0 without entry times), cause and weight.
        var exitIndex: [Int] = []
        var entryIndex: [Int] = []
        var rowCause: [Int] = []
        var rowWeight: [Double] = []
        var causeCount: Int

        init(_ data: CompetingRisksData, rows: [Int]) {
            causeCount = data.causeLabels.count
            let sorted = rows.sorted { data.exit[$0] < data.exit[$1] }
            byCause = Array(repeating: [], count: causeCount)
            countByCause = byCause
            var j = 0
            while j < sorted.count {
                let t = data.exit[sorted[j]]
                var counts = Array(repeating: 0.0, count: causeCount), rowCounts = counts
                var censorRows = 0.0
                var end = j
                while end < sorted.count && data.exit[sorted[end]] == t {
                    let c = data.cause[sorted[end]], w = data.weights[sorted[end]]
                    if c == 0 { censorRows += 1 } else { counts[c - 1] += w; rowCounts[c - 1] += 1 }
                    exitIndex.append(times.count)
                    rowCause.append(c)
                    rowWeight.append(w)
                    end += 1
                }
                times.append(t)
                deaths.append(counts.reduce(0, +))
                for c in 0..<causeCount { byCause[c].append(counts[c]); countByCause[c].append(rowCounts[c]) }
                countCensored.append(censorRows)
                countDeaths.append(rowCounts.reduce(0, +))
                j = end
            }
            // At risk at grid time j: rows with entryIndex ≤ j ≤ exitIndex, by difference arrays.
            let m = times.count
            var weighted = [Double](repeating: 0, count: m + 1), unweighted = weighted
            for (k, i) in sorted.enumerated() {
                var first = 0
                if let entry = data.entry?[i] {
                    var lo = 0, hi = m
                    while lo < hi { let mid = (lo + hi) / 2; if times[mid] <= entry { lo = mid + 1 } else { hi = mid } }
                    first = lo
                }
                entryIndex.append(first)
                weighted[first] += rowWeight[k]; weighted[exitIndex[k] + 1] -= rowWeight[k]
                unweighted[first] += 1; unweighted[exitIndex[k] + 1] -= 1
            }
            var w = 0.0, u = 0.0
            for j in 0..<m {
                w += weighted[j]; u += unweighted[j]
                atRisk.append(w); countAtRisk.append(u)
            }
        }

        /// The curve of cause k with its jackknife standard error, in one pass over times and rows. With
        /// A = Σ S(tⱼ−)h_kj/nⱼ, C₁ = Σ dⱼ/(nⱼ(nⱼ − dⱼ)), C₂ = Σ dⱼ P(tⱼ)/(nⱼ(nⱼ − dⱼ)) and X(t) = −A(t) + P(t)C₁(t) − C₂(t),
        /// a row at risk since entry has derivative X(t) − uᵢ − P(t)vᵢ, uᵢ = −A − C₂ and vᵢ = C₁ when it entered;
        /// after it leaves at index e it is cᵢ + eᵢ·P(t), with cᵢ = −A(tₑ) − C₂(tₑ) − uᵢ, eᵢ = C₁(tₑ) − vᵢ, adding
        /// S(tₑ−)/nₑ to cᵢ for an event of cause k and, for an event of any cause, P(tₑ)/(nₑ − dₑ) to cᵢ and
        /// −1/(nₑ − dₑ) to eᵢ. Sums of w², w²u, w²v, w²u², w²v², w²uv over the rows at risk give Σ w²D² at once.
        func incidence(cause k: Int, z: Double) -> [CumulativeIncidenceRow] {
            let m = times.count
            var out: [CumulativeIncidenceRow] = []
            out.reserveCapacity(m)
            var survivalBefore = 1.0, p = 0.0
            var a = 0.0, c1 = 0.0, c2 = 0.0
            var sumC2 = 0.0, sumCE = 0.0, sumE2 = 0.0     // over rows that have left: Σw²c², Σw²c·e, Σw²e²
            // Over rows at risk: Σw², Σw²u, Σw²v, Σw²u², Σw²v², Σw²uv.
            var sw = 0.0, su = 0.0, sv = 0.0, suu = 0.0, svv = 0.0, suv = 0.0
            var entryU = [Double](repeating: 0, count: rowWeight.count), entryV = entryU
            let byEntry = rowWeight.indices.sorted { entryIndex[$0] < entryIndex[$1] }
            var q = 0   // next row to enter, in entry order
            var r = 0   // next row to leave, in exit order
            for j in 0..<m {
                while q < byEntry.count && entryIndex[byEntry[q]] <= j {
                    let i = byEntry[q]
                    let u = -a - c2, v = c1, w2 = rowWeight[i] * rowWeight[i]
                    entryU[i] = u; entryV[i] = v
                    sw += w2; su += w2 * u; sv += w2 * v; suu += w2 * u * u; svv += w2 * v * v; suv += w2 * u * v
                    q += 1
                }
                let n = atRisk[j], d = deaths[j], dk = byCause[k - 1][j]
                let sBefore = survivalBefore
                if dk > 0 {
                    p += sBefore * dk / n
                    a += sBefore * dk / (n * n)
                }
                // After P(tⱼ) is updated: terms of the KM derivative at this time (zero where n = d, since S then
                // stays 0 and P no longer moves).
                let full = n - d > 0
                if d > 0 && full {
                    c1 += d / (n * (n - d))
                    c2 += d * p / (n * (n - d))
                }
                while r < exitIndex.count && exitIndex[r] == j {
                    let u = entryU[r], v = entryV[r], w2 = rowWeight[r] * rowWeight[r]
                    sw -= w2; su -= w2 * u; sv -= w2 * v; suu -= w2 * u * u; svv -= w2 * v * v; suv -= w2 * u * v
                    var c = -a - c2 - u, e = c1 - v
                    let own = rowCause[r]
                    if own == k { c += sBefore / n }
                    if own != 0 && full { c += p / (n - d); e -= 1 / (n - d) }
                    sumC2 += w2 * c * c; sumCE += w2 * c * e; sumE2 += w2 * e * e
                    r += 1
                }
                let x = -a + p * c1 - c2
                let active = x * x * sw + suu + p * p * svv - 2 * x * su - 2 * x * p * sv + 2 * p * suv
                let variance = active + sumC2 + 2 * p * sumCE + p * p * sumE2
                let se = Swift.max(variance, 0).squareRoot()
                let (lower, upper) = ConfidenceTransform.log.interval(survival: p, logStandardError: p > 0 ? se / p : .nan, z: z)
                out.append(CumulativeIncidenceRow(time: times[j], atRisk: countAtRisk[j], events: countByCause[k - 1][j],
                                                  allEvents: countDeaths[j], censored: countCensored[j],
                                                  estimate: p, standardError: se, lower: lower, upper: upper))
                if d > 0 { survivalBefore *= (n - d) / n }
            }
            return out
        }
    }
}

extension CoxRegression {
    /// The cause-specific Cox model of one cause: the ordinary Cox fit with events of `cause` as events and rows
    /// ending in any other cause treated as censored at their exit time, as R's
    /// `coxph(Surv(time, status == cause) ~ …)`. Its hazard ratios describe the cause-specific hazard, not the
    /// cumulative incidence.
    public static func fitCauseSpecific(covariates: Matrix, names: [String], data: CompetingRisksData, cause: String,
                                        strata: Grouping? = nil, clusters: Grouping? = nil,
                                        options: CoxOptions = CoxOptions()) throws(SurvivalError) -> CoxModel {
        guard let k = data.causeLabels.firstIndex(of: cause) else {
            throw .invalidArgument("no cause '\(cause)'; the causes are \(data.causeLabels.joined(separator: ", "))")
        }
        let survival = try SurvivalData(exit: data.exit, event: data.cause.map { $0 == k + 1 })
        return try fit(covariates: covariates, names: names, data: survival, strata: strata, clusters: clusters, options: options)
    }
}
