import Foundation
import OutcomesDistributions

/// One time point of a Kaplan–Meier curve (every distinct exit time, events or censorings).
public struct KaplanMeierRow: Sendable, Equatable {
    /// The time.
    public let time: Double
    /// Weighted number at risk just before `time` (rows with entry < time ≤ exit).
    public let atRisk: Double
    /// Weighted number of events at `time`.
    public let events: Double
    /// Weighted number censored at `time`.
    public let censored: Double
    /// Survival estimate just after `time`: the Kaplan–Meier product, or exp(−cumulativeHazard) for the
    /// Fleming–Harrington estimator (R's `survfit()$surv` with `stype = 1` or `2`).
    public let survival: Double
    /// Standard error on the log-survival scale, from which the interval is built: Greenwood's for Kaplan–Meier
    /// and the Nelson–Aalen `std.chaz` for Fleming–Harrington (both R's `survfit()$std.err`), or the infinitesimal
    /// jackknife (for which R's `survfit()$std.err` holds `standardError`, the error of S, instead).
    public let logStandardError: Double
    /// Nelson–Aalen cumulative hazard H(t) = Σ_{tⱼ ≤ t} dⱼ/nⱼ with weighted counts (R's `survfit()$cumhaz`,
    /// default `ctype = 1`).
    public let cumulativeHazard: Double
    /// Standard error of the cumulative hazard (R's `survfit()$std.chaz`): √Σ dⱼ/nⱼ², or the infinitesimal
    /// jackknife √Σᵢ (wᵢ ∂H/∂wᵢ)² when that variance is in use.
    public let cumulativeHazardStandardError: Double
    /// Standard error of the survival estimate, `survival × logStandardError` (R's `summary.survfit` `std.err`).
    public var standardError: Double { survival * logStandardError }
    /// Lower confidence limit (NaN where R reports NA).
    public let lower: Double
    /// Upper confidence limit (NaN where R reports NA).
    public let upper: Double
}

/// A quantile of the survival time with its confidence interval; nil where the curve never reaches it.
public struct SurvivalQuantile: Sendable, Equatable {
    /// The probability p: the quantile is the time where the curve falls to 1 − p.
    public let probability: Double
    /// The quantile, or nil when not estimable.
    public let estimate: Double?
    /// Lower limit, from the lower confidence curve, or nil.
    public let lower: Double?
    /// Upper limit, from the upper confidence curve, or nil.
    public let upper: Double?
}

/// The number at risk and survival at a chosen time (R's `summary(fit, times=, extend=TRUE)`).
public struct RiskTableEntry: Sendable, Equatable {
    /// The requested time.
    public let time: Double
    /// Weighted number at risk at the first curve time at or after `time` (0 beyond the last).
    public let atRisk: Double
    /// Survival at `time` (the curve value at the last time at or before it; 1 before the first).
    public let survival: Double
    /// Weighted events at or before `time` (the cumulative sum of R's `summary(fit, times=)$n.event` from 0).
    public let cumulativeEvents: Double
    /// Weighted censorings at or before `time` (cumulative `n.censor`), for KMunicate-style risk tables.
    public let cumulativeCensored: Double
}

/// How the survival curve is estimated from the same risk sets (R's `survfit(stype =)`).
public enum SurvivalEstimator: String, Sendable, CaseIterable {
    /// The Kaplan–Meier product-limit estimate Π (1 − dⱼ/nⱼ) (`stype = 1`, R's default).
    case kaplanMeier = "kaplan-meier"
    /// The Fleming–Harrington (Breslow) estimate exp(−H), H the Nelson–Aalen cumulative hazard (`stype = 2`).
    case flemingHarrington = "fleming-harrington"
}

/// A survival curve (Kaplan–Meier or Fleming–Harrington) for one stratum.
public struct KaplanMeierCurve: Sendable {
    /// The stratum label.
    public let label: String
    /// How `survival` was estimated.
    public let estimator: SurvivalEstimator
    /// Rows at every distinct exit time, ascending.
    public let rows: [KaplanMeierRow]
    /// The interval transform.
    public let transform: ConfidenceTransform
    /// The confidence level, e.g. 0.95.
    public let level: Double

    /// Quantiles as R's `quantile.survfit`: where the curve is flat exactly at 1 − p the midpoint of the flat
    /// stretch is returned; the limits come from the lower and upper confidence curves the same way.
    public func quantiles(_ probabilities: [Double]) -> [SurvivalQuantile] {
        let times = [0.0] + rows.map(\.time)
        let estimate = Self.findQuantiles(times, [0.0] + rows.map { 1 - $0.survival }, probabilities)
        let lower = Self.findQuantiles(times, [0.0] + rows.map { 1 - $0.lower }, probabilities)
        let upper = Self.findQuantiles(times, [0.0] + rows.map { 1 - $0.upper }, probabilities)
        return probabilities.indices.map {
            SurvivalQuantile(probability: probabilities[$0], estimate: estimate[$0], lower: lower[$0], upper: upper[$0])
        }
    }

    /// The median survival time with its interval, as R prints it (`print.survfit`, `summary(fit)$table`):
    /// the first time the curve is below 0.5 + √ε; where the curve is exactly 0.5 over a stretch, the midpoint
    /// of that stretch's start and the next time the curve drops, and, when it never drops again (the curve ends
    /// at 0.5), the time it reached 0.5. The limits apply the same rule to the confidence curves. This differs
    /// from `quantiles([0.5])` (R's `quantile.survfit`) only for a curve ending exactly at 0.5, where
    /// `quantile.survfit` averages with the last follow-up time.
    public var median: SurvivalQuantile {
        let times = rows.map(\.time)
        return SurvivalQuantile(probability: 0.5, estimate: Self.printedMedian(rows.map(\.survival), times),
                                lower: Self.printedMedian(rows.map(\.lower), times),
                                upper: Self.printedMedian(rows.map(\.upper), times))
    }

    /// R's `survmean` `minmin`: y a survival curve (NaN for NA) at times x.
    static func printedMedian(_ yAll: [Double], _ xAll: [Double]) -> Double? {
        let tolerance = Double.ulpOfOne.squareRoot()
        let keep = yAll.indices.filter { !yAll[$0].isNaN && yAll[$0] < 0.5 + tolerance }
        guard let first = keep.first else { return nil }
        let y0 = yAll[first]
        if abs(y0 - 0.5) < tolerance, let lower = keep.first(where: { yAll[$0] < y0 }) {
            return (xAll[first] + xAll[lower]) / 2
        }
        return xAll[first]
    }

    /// Number at risk and survival at each requested time.
    public func riskTable(at times: [Double]) -> [RiskTableEntry] {
        var events = [Double](), censored = [Double]()
        var e = 0.0, c = 0.0
        for row in rows { e += row.events; c += row.censored; events.append(e); censored.append(c) }
        return times.map { t in
            let next = rows.firstIndex { $0.time >= t }
            let last = rows.lastIndex { $0.time <= t }
            return RiskTableEntry(time: t, atRisk: next.map { rows[$0].atRisk } ?? 0,
                                  survival: last.map { rows[$0].survival } ?? 1,
                                  cumulativeEvents: last.map { events[$0] } ?? 0, cumulativeCensored: last.map { censored[$0] } ?? 0)
        }
    }

    /// R's `findq`: x are times (starting at the origin), y the cumulative distribution 1 − S (NaN for NA).
    static func findQuantiles(_ xAll: [Double], _ yAll: [Double], _ probabilities: [Double]) -> [Double?] {
        let tolerance = Double.ulpOfOne.squareRoot()
        let finite = yAll.filter { !$0.isNaN }
        guard let maxY = finite.max(), let minP = probabilities.min(), maxY >= minP else {
            return probabilities.map { _ in nil }
        }
        let xmax = xAll[xAll.count - 1]
        // Drop repeated y values (keeping the first), as R does with duplicated().
        var x: [Double] = [], y: [Double] = []
        var seen = Set<Double>()
        var seenNaN = false
        for (xi, yi) in zip(xAll, yAll) {
            if yi.isNaN { if seenNaN { continue }; seenNaN = true } else { if seen.contains(yi) { continue }; seen.insert(yi) }
            x.append(xi); y.append(yi)
        }
        // R's approx(y + shift, 1:n, p, method = "constant", f = 1) on the non-missing pairs: approx sorts by
        // y, so the answer is the index with the smallest y ≥ p, or nil outside [min y, max y]. A confidence
        // curve from the infinitesimal jackknife need not be monotone, so this is not the first index in time.
        let sortedPairs = y.indices.filter { !y[$0].isNaN }.sorted { y[$0] < y[$1] }
        func firstIndex(shift: Double, _ p: Double) -> Int? {
            guard let first = sortedPairs.first, let last = sortedPairs.last else { return nil }
            if p < y[first] + shift || p > y[last] + shift { return nil }
            return sortedPairs.first { y[$0] + shift >= p }
        }
        return probabilities.map { p -> Double? in
            if p == 0 { return x[0] }
            let i1 = firstIndex(shift: tolerance, p)
            let i2 = firstIndex(shift: -tolerance, p)
            if let yLast = y.last, !yLast.isNaN, abs(p - yLast) < tolerance, let i1 {
                return (x[i1] + xmax) / 2
            }
            guard let i1, let i2 else { return nil }
            return (x[i1] + x[i2]) / 2
        }
    }
}

/// The variance estimator of a Kaplan–Meier curve.
public enum KaplanMeierVariance: String, Sendable, CaseIterable {
    /// Greenwood's formula (with weighted counts when weighted).
    case greenwood
    /// The infinitesimal jackknife (robust) variance, Σᵢ (wᵢ ∂log S/∂wᵢ)², which R's `survfit` uses by
    /// default when case weights are not all integers.
    case infinitesimalJackknife = "infinitesimal-jackknife"

    /// R's default for these data: the infinitesimal jackknife when any weight is not an integer.
    public static func rDefault(for data: SurvivalData) -> KaplanMeierVariance {
        data.weights.contains { $0 != $0.rounded() } ? .infinitesimalJackknife : .greenwood
    }
}

/// Kaplan–Meier estimation with Greenwood variance, delayed entry, case weights and strata, matching
/// R's `survfit(Surv(...) ~ strata, conf.type=)`.
public enum KaplanMeier {
    /// Fits one curve per stratum (a single curve when `strata` is nil).
    /// `variance` nil follows R: Greenwood, or the infinitesimal jackknife when weights are not all integers.
    /// `estimator` chooses the product-limit curve or exp(−H) (`stype`); both carry the Nelson–Aalen hazard.
    public static func fit(_ data: SurvivalData, strata: Grouping? = nil,
                           transform: ConfidenceTransform = .log, level: Double = 0.95,
                           variance: KaplanMeierVariance? = nil,
                           estimator: SurvivalEstimator = .kaplanMeier) throws(SurvivalError) -> [KaplanMeierCurve] {
        let method = variance ?? .rDefault(for: data)
        guard data.count > 0 else { throw .empty }
        guard level > 0 && level < 1 else { throw .invalidArgument("confidence level must lie in (0, 1), got \(level)") }
        let groups = strata ?? .single(count: data.count)
        guard groups.codes.count == data.count else {
            throw .lengthMismatch("\(data.count) rows but \(groups.codes.count) stratum codes")
        }
        let z = Normal.quantile(1 - (1 - level) / 2)
        // One stable radix order by exit (and by entry) for all rows, split by stratum in that order.
        let byExit = split(RadixOrder.sorted(data.exit.map(RadixOrder.key)), groups)
        let byEntry = data.entry.map { e in split(RadixOrder.sorted(e.map(RadixOrder.key)), groups) }
        return byExit.indices.compactMap { k -> KaplanMeierCurve? in
            guard !byExit[k].isEmpty else { return nil }
            return KaplanMeierCurve(label: groups.labels[k], estimator: estimator,
                                    rows: curveRows(data, byExit: byExit[k], byEntry: byEntry?[k], transform: transform, z: z,
                                                    variance: method, estimator: estimator),
                                    transform: transform, level: level)
        }
    }

    /// The rows of `order` grouped by their code, each group in `order`'s order.
    static func split(_ order: [Int], _ groups: Grouping) -> [[Int]] {
        var counts = [Int](repeating: 0, count: groups.labels.count)
        for c in groups.codes { counts[c] += 1 }
        var out = counts.map { c -> [Int] in var a = [Int](); a.reserveCapacity(c); return a }
        for i in order { out[groups.codes[i]].append(i) }
        return out
    }

    static func curveRows(_ data: SurvivalData, _ members: [Int], transform: ConfidenceTransform, z: Double,
                          variance: KaplanMeierVariance, estimator: SurvivalEstimator = .kaplanMeier) -> [KaplanMeierRow] {
        // Stable sorts, so rows with equal times keep the members' order (as the radix order in `fit` does).
        let byExit = members.sorted { data.exit[$0] < data.exit[$1] }
        let byEntry = data.entry.map { e in members.sorted { e[$0] < e[$1] } }
        return curveRows(data, byExit: byExit, byEntry: byEntry, transform: transform, z: z, variance: variance, estimator: estimator)
    }

    /// The curve of the rows `byExit` (ascending exit time) with, for delayed entry, the same rows by entry time.
    static func curveRows(_ data: SurvivalData, byExit: [Int], byEntry: [Int]?, transform: ConfidenceTransform, z: Double,
                          variance: KaplanMeierVariance, estimator: SurvivalEstimator = .kaplanMeier) -> [KaplanMeierRow] {
        var total = 0.0
        if byEntry == nil { for i in byExit { total += data.weights[i] } }
        var entered = total, exited = 0.0
        var entryPointer = 0
        var survival = 1.0, greenwood = 0.0, hazard = 0.0, hazardVariance = 0.0
        var result: [KaplanMeierRow] = []
        var k = 0
        while k < byExit.count {
            let t = data.exit[byExit[k]]
            if let byEntry, let entry = data.entry {
                while entryPointer < byEntry.count && entry[byEntry[entryPointer]] < t {
                    entered += data.weights[byEntry[entryPointer]]
                    entryPointer += 1
                }
            }
            var events = 0.0, censored = 0.0
            var j = k
            while j < byExit.count && data.exit[byExit[j]] == t {
                let i = byExit[j]
                if data.event[i] { events += data.weights[i] } else { censored += data.weights[i] }
                j += 1
            }
            let atRisk = entered - exited
            if events > 0 {
                survival *= (atRisk - events) / atRisk
                greenwood += events / (atRisk * (atRisk - events))
                hazard += events / atRisk
                hazardVariance += events / (atRisk * atRisk)
            }
            let chazSE = hazardVariance.squareRoot()
            // Both replaced below for the infinitesimal jackknife.
            let (surv, se) = estimator == .kaplanMeier ? (survival, greenwood.squareRoot()) : (Foundation.exp(-hazard), chazSE)
            let (lower, upper) = transform.interval(survival: surv, logStandardError: se, z: z)
            result.append(KaplanMeierRow(time: t, atRisk: atRisk, events: events, censored: censored,
                                         survival: surv, logStandardError: se, cumulativeHazard: hazard,
                                         cumulativeHazardStandardError: chazSE, lower: lower, upper: upper))
            exited += events + censored
            k = j
        }
        guard variance == .infinitesimalJackknife else { return result }
        // log S: increments d/(n(n − d)) and own-event term 1/(n − d); H: d/n² and 1/n.
        let logSE = jackknifeStandardErrors(data, byExit: byExit, byEntry: byEntry, rows: result,
                                            increment: { n, d in n - d > 0 ? d / (n * (n - d)) : .infinity },
                                            own: { n, d in 1 / (n - d) })
        let chazSE = jackknifeStandardErrors(data, byExit: byExit, byEntry: byEntry, rows: result,
                                             increment: { n, d in d / (n * n) }, own: { n, _ in 1 / n })
        return result.indices.map { k in
            let row = result[k]
            // R (survival 3.5) treats the jackknife std.err of the Fleming–Harrington curve, which is the
            // standard error of H, as that of S when it builds the interval, so the log-scale error is se(H)/S.
            let se = estimator == .kaplanMeier ? logSE[k] : chazSE[k] / row.survival
            let (lower, upper) = transform.interval(survival: row.survival, logStandardError: se, z: z)
            return KaplanMeierRow(time: row.time, atRisk: row.atRisk, events: row.events, censored: row.censored,
                                  survival: row.survival, logStandardError: se, cumulativeHazard: row.cumulativeHazard,
                                  cumulativeHazardStandardError: chazSE[k], lower: lower, upper: upper)
        }
    }

    /// Infinitesimal-jackknife standard errors at each curve time: √Σᵢ (wᵢ Lᵢ(t))², where
    /// Lᵢ(t) = Σ over curve times tⱼ ≤ t at which row i is at risk of `increment(nⱼ, dⱼ)`, minus `own(nⱼ, dⱼ)` at
    /// the row's own event time (log S: d/(n(n − d)) and 1/(n − d); H, up to sign: d/n² and 1/n).
    /// One sweep: rows still at risk share the running sum A(t), so their part is
    /// A²·Σw² − 2A·Σw²a + Σw²a² with a = A at entry; finished rows keep a constant influence.
    static func jackknifeStandardErrors(_ data: SurvivalData, byExit: [Int], byEntry: [Int]?, rows: [KaplanMeierRow],
                                        increment: (Double, Double) -> Double,
                                        own: (Double, Double) -> Double) -> [Double] {
        var out: [Double] = []
        out.reserveCapacity(rows.count)
        var cumulative = 0.0                 // A(t)
        var w0 = 0.0, w1 = 0.0, w2 = 0.0     // Σ w², Σ w² a, Σ w² a² over rows at risk
        var finished = 0.0                   // Σ (w L)² over rows that have left
        var entryAtA: [Int: Double] = [:]    // a = A(entry) for delayed-entry rows
        var entryPointer = 0, exitPointer = 0
        if byEntry == nil {
            for i in byExit { let w = data.weights[i]; w0 += w * w }
        }
        for row in rows {
            let t = row.time
            let n = row.atRisk, d = row.events
            // Rows entering before t are at risk from the previous curve time on: their a is A so far.
            if let byEntry, let entry = data.entry {
                while entryPointer < byEntry.count && entry[byEntry[entryPointer]] < t {
                    let i = byEntry[entryPointer]
                    let w = data.weights[i]
                    entryAtA[i] = cumulative
                    w0 += w * w; w1 += w * w * cumulative; w2 += w * w * cumulative * cumulative
                    entryPointer += 1
                }
            }
            if d > 0 { cumulative += increment(n, d) }
            while exitPointer < byExit.count && data.exit[byExit[exitPointer]] == t {
                let i = byExit[exitPointer]
                let w = data.weights[i]
                let a = entryAtA[i] ?? 0
                w0 -= w * w; w1 -= w * w * a; w2 -= w * w * a * a
                var influence = cumulative - a
                if data.event[i] { influence -= own(n, d) }
                finished += w * w * influence * influence
                exitPointer += 1
            }
            let active = cumulative * cumulative * w0 - 2 * cumulative * w1 + w2
            out.append((finished + max(active, 0)).squareRoot())
        }
        return out
    }
}
