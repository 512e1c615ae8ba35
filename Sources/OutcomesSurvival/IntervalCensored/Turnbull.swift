import Foundation

#if arch(x86_64) && !os(Windows)
typealias ExtendedSum = Float80
#else
typealias ExtendedSum = Double
#endif

/// How the Turnbull NPMLE is computed. Both use R's jump times (see `Turnbull.fit`).
public enum TurnbullAlgorithm: String, Sendable, CaseIterable {
    /// The EM–ICM hybrid (Wellner & Zhan 1996), run until no value of the distribution function moves by
    /// more than `tolerance` (default 1e-10) in an iteration: the NPMLE itself. The default.
    case emICM = "em-icm"
    /// R's `survfit` iteration replayed step for step (EM through a weighted Kaplan–Meier with an Aitken
    /// step every fifth iteration), stopping when the largest change of S at the jump times between
    /// successive iterations is below `tolerance` (default R's 5e-5, checked only on iterations whose number
    /// modulo 5 is 2, 3 or 4). Reproduces R's printed curve, but EM converges slowly: on a few thousand rows
    /// R's stopped curve can lie several hundredths from the NPMLE (seen: 0.038 in S, a median 57.5 instead
    /// of 61.5 days, on 1,500 simulated rows per group).
    case survfit
}

/// Settings of the Turnbull (NPMLE) computation.
public struct TurnbullOptions: Sendable {
    /// The algorithm.
    public var algorithm: TurnbullAlgorithm = .emICM
    /// The stopping tolerance (see `TurnbullAlgorithm`); nil for the algorithm's default (1e-10 for
    /// EM–ICM, 5e-5 for `survfit`).
    public var tolerance: Double? = nil
    /// Upper limit on the number of iterations; `converged` is false when it is reached.
    public var maxIterations = 100_000

    /// The tolerance in force.
    public var effectiveTolerance: Double { tolerance ?? (algorithm == .survfit ? 5e-5 : 1e-10) }

    /// The default settings (EM–ICM to 1e-10).
    public init() {}

    /// R's `survfit` iteration and stopping rule.
    public static var survfit: TurnbullOptions { var o = TurnbullOptions(); o.algorithm = .survfit; return o }
}

/// One time of a Turnbull curve.
public struct TurnbullRow: Sendable, Equatable {
    /// The time: an observed exact or censoring time, or a jump time (see `TurnbullCurve`).
    public let time: Double
    /// The NPMLE of S just after `time`.
    public let survival: Double
    /// R's `n.risk`: the weighted number at risk in the final self-consistency step (observed rows plus the
    /// expected number of censored rows' events at later jump times). Not a count of patients.
    public let atRisk: Double
    /// R's `n.event`: the expected number of events at `time` (observed exact events plus the censored
    /// rows' share), zero before the first jump time as R reports it.
    public let events: Double
}

/// A probability mass of the NPMLE: the event-time distribution puts `probability` somewhere in
/// (lower, upper] (at `lower` for an exact time), drawn at `time`.
public struct TurnbullMass: Sendable, Equatable {
    /// Left end of the Turnbull interval (equal to `upper` for an exact time).
    public let lower: Double
    /// Right end of the Turnbull interval.
    public let upper: Double
    /// Where the curve drops: the interval's midpoint, as R's `survfit` draws it (exact: the time).
    public let time: Double
    /// The mass (the drop of S at `time`).
    public let probability: Double
}

/// The Turnbull nonparametric maximum-likelihood estimate of S for one group.
///
/// The NPMLE fixes only how much probability falls in each Turnbull interval, not where inside it; like
/// R's `survfit(Surv(left, right, type = "interval2") ~ group)` the curve drops at the interval's
/// midpoint (an exact time drops at itself).
public struct TurnbullCurve: Sendable {
    /// The group label ("all" without groups).
    public let label: String
    /// Number of rows in the group.
    public let count: Int
    /// Number of rows of each kind of censoring in the group.
    public let censoringCounts: [IntervalCensoring: Int]
    /// The curve at every observed time and jump time, ascending (R's `time`, `surv`, `n.risk`, `n.event`).
    public let rows: [TurnbullRow]
    /// The masses at the jump times (Turnbull intervals), ascending.
    public let masses: [TurnbullMass]
    /// The log-likelihood of the masses, Σ over rows of log P(T in the row's interval) (exact rows: the
    /// mass at their time); the NPMLE maximizes it, so of two curves for the same data the larger is nearer.
    public let logLikelihood: Double
    /// The NPMLE's optimality check: max over support points of Σ over rows covering the point of
    /// 1/P(row's interval), divided by the number of rows. It is 1 at the NPMLE (Gentleman & Geyer 1994)
    /// and above 1 at any other distribution; 1 + 1e-4 means the curve is not the maximum.
    public let optimality: Double
    /// Iterations used (EM–ICM iterations, or R's self-consistency iterations).
    public let iterations: Int
    /// Whether the stopping rule was met within the iteration limit.
    public let converged: Bool

    /// Quantiles by R's `quantile.survfit` rule on this curve: the p-quantile is the first curve time at
    /// which S ≤ 1 − p, except where S equals 1 − p (within √ε) over a flat stretch, where it is the midpoint
    /// of the stretch (the last time of the curve stands for its end). Because the curve drops at the
    /// Turnbull intervals' midpoints, an interval-censored quantile is a midpoint; the NPMLE only places it
    /// within that interval (see `masses`). nil where S never falls to 1 − p.
    public func quantiles(_ probabilities: [Double]) -> [Double?] {
        KaplanMeierCurve.findQuantiles([0.0] + rows.map(\.time), [0.0] + rows.map { 1 - $0.survival }, probabilities)
    }

    /// Σ events over the rows: the expected number of events, R's `events` in `print(survfit)` (it counts
    /// the censored rows' shares and leaves out left-censored rows moved before the first jump time).
    public var expectedEvents: Double { rows.reduce(0) { $0 + $1.events } }

    /// The median (the 0.5 quantile by the rule of `quantiles`), nil when S stays above 0.5.
    public var median: Double? { quantiles([0.5])[0] }

    /// S(t): the curve value at the last time ≤ t (1 before the first time).
    public func survival(at t: Double) -> Double {
        rows.last { $0.time <= t }?.survival ?? 1
    }
}

/// The Turnbull (1976) NPMLE for (left, right] data, on R's `survfit` support and conventions.
public enum Turnbull {
    /// One curve per group (a single curve labelled "all" without groups), in the groups' label order.
    ///
    /// Support (as R's `survfitTurnbull`, survival 3.5): the jump times are the exact times and the
    /// midpoints of the Turnbull intervals (a left end or exact time immediately followed, in the order of
    /// all ends with ties broken exact < right end < left end, by a right end); a left-censored row ending
    /// before the first jump time counts as exact there. A right-censored row at c covers the jump times
    /// after c (and the mass left beyond the last time); a left-censored row at r those ≤ r; an interval
    /// row (l, r] those in (l, r].
    ///
    /// Algorithm (`TurnbullOptions.algorithm`): by default the EM–ICM hybrid to the NPMLE itself (checked by
    /// `TurnbullCurve.optimality`); `.survfit` replays R's iteration — each step an EM (self-consistency)
    /// step through a weighted Kaplan–Meier of the observed rows plus the censored rows' shares, an Aitken
    /// step every fifth iteration kept only if it does not lower the censored rows' likelihood — and R's
    /// stopping rule, reproducing R's printed curve and counts.
    public static func fit(_ data: IntervalCensoredData, groups: Grouping? = nil,
                           options: TurnbullOptions = TurnbullOptions()) throws(SurvivalError) -> [TurnbullCurve] {
        guard data.count > 0 else { throw .empty }
        let grouping = groups ?? .single(count: data.count)
        guard grouping.codes.count == data.count else {
            throw .lengthMismatch("\(data.count) rows but \(grouping.codes.count) group codes")
        }
        guard options.effectiveTolerance > 0 else { throw .invalidArgument("tolerance must be positive, got \(options.effectiveTolerance)") }
        var members = Array(repeating: [Int](), count: grouping.labels.count)
        for (i, c) in grouping.codes.enumerated() { members[c].append(i) }
        var curves: [TurnbullCurve] = []
        for (k, rows) in members.enumerated() where !rows.isEmpty {
            curves.append(try fitGroup(data.subset(rows), label: grouping.labels[k], options: options))
        }
        return curves
    }

    /// Convenience for arrays of (left, right) pairs with optional group labels (levels sorted as R sorts
    /// a character vector). A nil or +∞ right end is right-censored; a nil left end is left-censored.
    public static func fit(left: [Double?], right: [Double?], groups: [String]? = nil,
                           options: TurnbullOptions = TurnbullOptions()) throws(SurvivalError) -> [TurnbullCurve] {
        let data = try IntervalCensoredData(left: left, right: right)
        if let groups, groups.count != data.count { throw .lengthMismatch("\(data.count) rows but \(groups.count) group labels") }
        return try fit(data, groups: groups.map { Grouping(labels: $0) }, options: options)
    }

    static func fitGroup(_ data: IntervalCensoredData, label: String, options: TurnbullOptions) throws(SurvivalError) -> TurnbullCurve {
        let n = data.count
        // R's status codes: 0 right-censored (time y1), 1 exact (y1), 2 left-censored (y1 = upper bound),
        // 3 interval (y1, y2].
        var status = [Int](repeating: 0, count: n)
        var y1 = [Double](repeating: 0, count: n), y2 = [Double](repeating: 0, count: n)
        for i in 0..<n {
            switch data.censoring[i] {
            case .right: status[i] = 0; y1[i] = data.left[i]!
            case .exact: status[i] = 1; y1[i] = data.left[i]!
            case .left: status[i] = 2; y1[i] = data.right[i]!
            case .interval: status[i] = 3; y1[i] = data.left[i]!; y2[i] = data.right[i]!
            }
        }
        // All ends with their order codes: exact 0, right end 1, left end (or right-censoring time) 2.
        var ends: [(time: Double, code: Int)] = []
        for i in 0..<n {
            ends.append((y1[i], [2, 0, 1, 2][status[i]]))
            if status[i] == 3 { ends.append((y2[i], 1)) }
        }
        ends.sort { $0.time != $1.time ? $0.time < $1.time : $0.code < $1.code }
        var jumpBounds: [Double: (Double, Double)] = [:]
        var jumps: [Double] = []
        for e in ends where e.code == 0 { jumps.append(e.time); jumpBounds[e.time] = (e.time, e.time) }
        if ends.count > 1 {
            for i in 0..<(ends.count - 1) where ends[i].code != 1 && ends[i + 1].code == 1 {
                let m = 0.5 * (ends[i].time + ends[i + 1].time)
                jumps.append(m)
                if jumpBounds[m] == nil { jumpBounds[m] = (ends[i].time, ends[i + 1].time) }
            }
        }
        let minTime = jumps.min() ?? .infinity
        for i in 0..<n where status[i] == 2 && y1[i] < minTime {
            status[i] = 1
            jumps.append(y1[i])
            jumpBounds[y1[i]] = (y1[i], y1[i])
        }
        let jtimes = Array(Set(jumps)).sorted()
        let m = jtimes.count

        // The observed rows (right-censored and exact) and the distinct times of the curve.
        let real = (0..<n).filter { status[$0] < 2 }
        let allTimes = Array(Set(real.map { y1[$0] } + jtimes)).sorted()
        var position: [Double: Int] = [:]
        for (k, t) in allTimes.enumerated() { position[t] = k }
        var realEvents = [Double](repeating: 0, count: allTimes.count)
        var realWeight = [Double](repeating: 0, count: allTimes.count)
        for i in real {
            let k = position[y1[i]]!
            realWeight[k] += 1
            if status[i] == 1 { realEvents[k] += 1 }
        }
        let jumpPosition = jtimes.map { position[$0]! }

        guard m > 0 else {
            // Every row right-censored: no information on any drop.
            let rows = allTimes.indices.map { k in
                TurnbullRow(time: allTimes[k], survival: 1, atRisk: realWeight[k...].reduce(0, +), events: 0)
            }
            return TurnbullCurve(label: label, count: n, censoringCounts: data.counts, rows: rows, masses: [], logLikelihood: 0, optimality: 1,
                                 iterations: 0, converged: true)
        }

        // Each censored row's jump times form a contiguous range lo..<hi of jtimes.
        var support: [(lo: Int, hi: Int)] = []
        for i in 0..<n where status[i] > 1 {
            if status[i] == 2 {
                support.append((0, upperBound(jtimes, y1[i])))
            } else {
                support.append((upperBound(jtimes, y1[i]), upperBound(jtimes, y2[i])))
            }
        }
        if support.isEmpty { support = [(0, m)] }
        // One range per row, in row order: R's sums run over rows in this order (merging rows with equal
        // ranges would be faster but changes the rounding, and with it R's Aitken decisions and stopping).
        let ranges = support.map { (lo: $0.lo, hi: $0.hi, rows: 1.0) }

        // Starting values: each jump time's share of the censored rows covering it.
        var cover = [Double](repeating: 0, count: m)
        for s in support { for j in s.lo..<s.hi { cover[j] += 1 } }
        let totalCover = cover.reduce(0, +)
        var cumulative = 0.0
        var sAtJumps = cover.map { c -> Double in cumulative += c; return 1 - cumulative / totalCover }

        var curveSurvival = [Double](repeating: 1, count: allTimes.count)
        var curveRisk = [Double](repeating: 0, count: allTimes.count)
        var curveEvents = [Double](repeating: 0, count: allTimes.count)
        var fake = [Double](repeating: 0, count: m)
        var fakeSum = [ExtendedSum](repeating: 0, count: m)
        var events = realEvents, weight = realWeight
        var iteration = 0, converged = false

        /// One step of R's iteration from the masses `jumps`: the E step shares each censored row among
        /// the jump times in its range; the M step is the weighted Kaplan–Meier of the observed rows plus
        /// these expected events. Sums run in extended precision where the platform has it, as R's sum().
        func selfConsistencyStep(_ jumps: [Double]) throws(SurvivalError) {
            for j in 0..<m { fakeSum[j] = 0 }
            // Only the jump times with mass: adding a zero leaves an extended sum as it was, so skipping them gives the
            // same bits, and the NPMLE (EM–ICM) puts mass on few of them while a censored row's range can span most.
            var withMass: [Int] = []
            for j in 0..<m where jumps[j] != 0 { withMass.append(j) }
            for s in ranges {
                let first = lowerBound(withMass, s.lo), end = lowerBound(withMass, s.hi)
                var total: ExtendedSum = 0
                for t in first..<end { total += ExtendedSum(jumps[withMass[t]]) }
                guard total > 0 else {
                    throw .numerical("a censored row's interval holds no probability mass (Turnbull iteration \(iteration))")
                }
                let share = s.rows / Double(total)
                for t in first..<end { let j = withMass[t]; fakeSum[j] += ExtendedSum(share * jumps[j]) }
            }
            for j in 0..<m { fake[j] = Double(fakeSum[j]) }
            for k in allTimes.indices { events[k] = realEvents[k]; weight[k] = realWeight[k] }
            for j in 0..<m { events[jumpPosition[j]] += fake[j]; weight[jumpPosition[j]] += fake[j] }
            var atRisk = 0.0
            for k in allTimes.indices { atRisk += weight[k] }
            var s = 1.0
            for k in allTimes.indices {
                if events[k] > 0 { s *= 1 - events[k] / atRisk }
                curveSurvival[k] = s
                curveRisk[k] = atRisk
                curveEvents[k] = events[k]
                atRisk -= weight[k]
            }
        }

        // Every row as an inclusive range of support points: the jump times, then +∞ when some row is
        // right-censored at or after the last jump time (the mass R's curve leaves above its last time).
        let needsInfinity = (0..<n).contains { status[$0] == 0 && y1[$0] >= jtimes[m - 1] }
        let points = m + (needsInfinity ? 1 : 0)
        var counts: [Int: Double] = [:]
        var order: [Int] = []
        for i in 0..<n {
            let lo: Int, hi: Int
            switch status[i] {
            case 0: lo = upperBound(jtimes, y1[i]); hi = points - 1
            case 1: lo = upperBound(jtimes, y1[i]) - 1; hi = lo
            case 2: lo = 0; hi = upperBound(jtimes, y1[i]) - 1
            default: lo = upperBound(jtimes, y1[i]); hi = upperBound(jtimes, y2[i]) - 1
            }
            guard lo <= hi, lo >= 0, hi < points else {
                throw .numerical("row \(i + 1) of the group covers no Turnbull interval")
            }
            let key = lo * (points + 1) + hi
            if counts[key] == nil { order.append(key) }
            counts[key, default: 0] += 1
        }
        let patterns = order.map { (lo: $0 / (points + 1), hi: $0 % (points + 1), rows: counts[$0]!) }
        let tolerance = options.effectiveTolerance
        var finalMasses = [Double](repeating: 0, count: points)
        switch options.algorithm {
        case .emICM:
            let solution = TurnbullEMICM.solve(ranges: patterns, pointCount: points, tolerance: tolerance,
                                               maxIterations: options.maxIterations)
            iteration = solution.iterations
            converged = solution.converged
            let jumps = Array(solution.masses[0..<m])
            // R's expected counts at the solution (one self-consistency step from it); S is the solution's.
            try selfConsistencyStep(jumps)
            var f = 0.0, j = 0
            for k in allTimes.indices {
                while j < m && jtimes[j] <= allTimes[k] { f += jumps[j]; j += 1 }
                curveSurvival[k] = max(0, 1 - f)
            }
            sAtJumps = jumpPosition.map { curveSurvival[$0] }
            finalMasses = solution.masses
        case .survfit:
            var old = sAtJumps
            // Buffers reused across iterations (the arithmetic is R's, step for step).
            var jump1 = [Double](repeating: 0, count: m), jump2 = jump1, aitken1 = jump1, aitken2 = jump1
            var jumpsNow = jump1, saved = jump1, accelerated = jump1
            var epsilon = 1.0
            while epsilon > tolerance {
                if iteration >= options.maxIterations { break }
                iteration += 1
                var previous = 1.0
                for j in 0..<m { jumpsNow[j] = previous - sAtJumps[j]; previous = sAtJumps[j] }
                swap(&aitken2, &aitken1)
                for j in 0..<m { aitken1[j] = jumpsNow[j] - jump1[j]; saved[j] = jumpsNow[j] }
                if iteration % 5 == 0 {
                    let oldLik = logLikelihood(ranges, jumpsNow)
                    for j in 0..<m {
                        let a = jump2[j] - aitken2[j] * aitken2[j] / (aitken1[j] - aitken2[j])
                        accelerated[j] = a <= 0 || a >= 1 || a.isNaN ? saved[j] : a
                    }
                    let newLik = logLikelihood(ranges, accelerated)
                    if !(newLik < oldLik) { swap(&jumpsNow, &accelerated) }
                }
                swap(&jump2, &jump1)
                for j in 0..<m { jump1[j] = saved[j] }
                try selfConsistencyStep(jumpsNow)
                var change = 0.0
                for j in 0..<m {
                    sAtJumps[j] = curveSurvival[jumpPosition[j]]
                    change = max(change, abs(old[j] - sAtJumps[j]))
                    old[j] = sAtJumps[j]
                }
                epsilon = iteration % 5 < 2 ? 1 : change
                if epsilon <= tolerance { converged = true }
            }
            var previous = 1.0
            for j in 0..<m { finalMasses[j] = previous - sAtJumps[j]; previous = sAtJumps[j] }
            if needsInfinity { finalMasses[m] = previous }
        }
        let logLikelihood = TurnbullEMICM.logLikelihoodOfMasses(patterns, finalMasses)
        let optimality = TurnbullEMICM.optimalityRatio(patterns, finalMasses)
        // R reports no events before the first jump time (left-censored rows moved there are shares, not events).
        for k in allTimes.indices where allTimes[k] < minTime && curveEvents[k] > 0 { curveEvents[k] = 0 }
        let rows = allTimes.indices.map {
            TurnbullRow(time: allTimes[$0], survival: curveSurvival[$0], atRisk: curveRisk[$0], events: curveEvents[$0])
        }
        var previous = 1.0
        let masses = jtimes.indices.map { j -> TurnbullMass in
            let b = jumpBounds[jtimes[j]] ?? (jtimes[j], jtimes[j])
            defer { previous = sAtJumps[j] }
            return TurnbullMass(lower: b.0, upper: b.1, time: jtimes[j], probability: previous - sAtJumps[j])
        }
        return TurnbullCurve(label: label, count: n, censoringCounts: data.counts, rows: rows, masses: masses, logLikelihood: logLikelihood, optimality: optimality,
                             iterations: iteration, converged: converged)
    }

    /// Σ log(mass inside each censored row's interval), R's Aitken acceptance criterion.
    static func logLikelihood(_ ranges: [(lo: Int, hi: Int, rows: Double)], _ jumps: [Double]) -> Double {
        var total: ExtendedSum = 0
        for s in ranges {
            var inside: ExtendedSum = 0
            for j in s.lo..<s.hi { inside += ExtendedSum(jumps[j]) }
            total += ExtendedSum(s.rows) * ExtendedSum(log(Double(inside)))
        }
        return Double(total)
    }

    /// The first position whose value is at least `x` in ascending `values`.
    static func lowerBound(_ values: [Int], _ x: Int) -> Int {
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// The number of elements of the sorted `values` that are ≤ x.
    static func upperBound(_ values: [Double], _ x: Double) -> Int {
        var lo = 0, hi = values.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] <= x { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
