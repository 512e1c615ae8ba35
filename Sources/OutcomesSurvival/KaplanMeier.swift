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
    /// Survival estimate just after `time`.
    public let survival: Double
    /// Greenwood standard error of log survival (R's `survfit()$std.err`).
    public let logStandardError: Double
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
}

/// A Kaplan–Meier curve for one stratum.
public struct KaplanMeierCurve: Sendable {
    /// The stratum label.
    public let label: String
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

    /// The median survival time with its interval.
    public var median: SurvivalQuantile { quantiles([0.5])[0] }

    /// Number at risk and survival at each requested time.
    public func riskTable(at times: [Double]) -> [RiskTableEntry] {
        times.map { t in
            let next = rows.firstIndex { $0.time >= t }
            let last = rows.lastIndex { $0.time <= t }
            return RiskTableEntry(time: t, atRisk: next.map { rows[$0].atRisk } ?? 0,
                                  survival: last.map { rows[$0].survival } ?? 1)
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
        // R's approx(..., method = "constant", f = 1) on the non-missing pairs: the first index whose
        // shifted y reaches p, or nil beyond the range.
        func firstIndex(shift: Double, _ p: Double) -> Int? {
            let pairs = y.indices.filter { !y[$0].isNaN }
            guard let first = pairs.first, let last = pairs.last else { return nil }
            if p < y[first] + shift || p > y[last] + shift { return nil }
            return pairs.first { y[$0] + shift >= p }
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
    public static func fit(_ data: SurvivalData, strata: Grouping? = nil,
                           transform: ConfidenceTransform = .log, level: Double = 0.95,
                           variance: KaplanMeierVariance? = nil) throws(SurvivalError) -> [KaplanMeierCurve] {
        let method = variance ?? .rDefault(for: data)
        guard data.count > 0 else { throw .empty }
        guard level > 0 && level < 1 else { throw .invalidArgument("confidence level must lie in (0, 1), got \(level)") }
        let groups = strata ?? .single(count: data.count)
        guard groups.codes.count == data.count else {
            throw .lengthMismatch("\(data.count) rows but \(groups.codes.count) stratum codes")
        }
        let z = Normal.quantile(1 - (1 - level) / 2)
        var members = Array(repeating: [Int](), count: groups.labels.count)
        for (i, c) in groups.codes.enumerated() { members[c].append(i) }
        return members.enumerated().compactMap { k, rows -> KaplanMeierCurve? in
            guard !rows.isEmpty else { return nil }
            return KaplanMeierCurve(label: groups.labels[k], rows: curveRows(data, rows, transform: transform, z: z, variance: method),
                                    transform: transform, level: level)
        }
    }

    static func curveRows(_ data: SurvivalData, _ members: [Int], transform: ConfidenceTransform, z: Double,
                          variance: KaplanMeierVariance) -> [KaplanMeierRow] {
        let byExit = members.sorted { data.exit[$0] < data.exit[$1] }
        let byEntry = data.entry.map { e in members.sorted { e[$0] < e[$1] } }
        var total = 0.0
        if byEntry == nil { for i in members { total += data.weights[i] } }
        var entered = total, exited = 0.0
        var entryPointer = 0
        var survival = 1.0, greenwood = 0.0
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
            }
            let se = greenwood.squareRoot()  // replaced below for the infinitesimal jackknife
            let (lower, upper) = transform.interval(survival: survival, logStandardError: se, z: z)
            result.append(KaplanMeierRow(time: t, atRisk: atRisk, events: events, censored: censored,
                                         survival: survival, logStandardError: se, lower: lower, upper: upper))
            exited += events + censored
            k = j
        }
        guard variance == .infinitesimalJackknife else { return result }
        let logSE = jackknifeLogStandardErrors(data, byExit: byExit, byEntry: byEntry, rows: result)
        return zip(result, logSE).map { row, se in
            let (lower, upper) = transform.interval(survival: row.survival, logStandardError: se, z: z)
            return KaplanMeierRow(time: row.time, atRisk: row.atRisk, events: row.events, censored: row.censored,
                                  survival: row.survival, logStandardError: se, lower: lower, upper: upper)
        }
    }

    /// Infinitesimal-jackknife standard errors of log S at each curve time: √Σᵢ (wᵢ Lᵢ(t))², where
    /// Lᵢ(t) = Σ over curve times tⱼ ≤ t at which row i is at risk of dⱼ/(nⱼ(nⱼ − dⱼ)), minus 1/(nⱼ − dⱼ) at the
    /// row's own event time. One sweep: rows still at risk share the running sum A(t), so their part is
    /// A²·Σw² − 2A·Σw²a + Σw²a² with a = A at entry; finished rows keep a constant influence.
    static func jackknifeLogStandardErrors(_ data: SurvivalData, byExit: [Int], byEntry: [Int]?, rows: [KaplanMeierRow]) -> [Double] {
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
            if d > 0 { cumulative += n - d > 0 ? d / (n * (n - d)) : .infinity }
            while exitPointer < byExit.count && data.exit[byExit[exitPointer]] == t {
                let i = byExit[exitPointer]
                let w = data.weights[i]
                let a = entryAtA[i] ?? 0
                w0 -= w * w; w1 -= w * w * a; w2 -= w * w * a * a
                var influence = cumulative - a
                if data.event[i] { influence -= 1 / (n - d) }
                finished += w * w * influence * influence
                exitPointer += 1
            }
            let active = cumulative * cumulative * w0 - 2 * cumulative * w1 + w2
            out.append((finished + max(active, 0)).squareRoot())
        }
        return out
    }
}
