import OutcomesProportions
import OutcomesSurvival

/// A rate with its interval at the plan's `analysis.confidence_level` and `claims.interval_method`, or why
/// it has none. The report formats it; it never computes one itself.
public struct RateEstimate: Sendable, Equatable {
    public let count: RateCount
    public let lower: Double?
    public let upper: Double?
    /// Why there is no rate or interval (for example no patients); nil when both exist.
    public let notEstimable: String?
}

/// Days between consecutive maintenance sessions over all patients.
public struct MaintenanceIntervalSummary: Sendable, Equatable {
    public let intervals: Int
    public let patients: Int
    public let median: Double
    /// First and third quartiles as the ⌊n/4⌋-th and ⌊3n/4⌋-th order statistics (0-based) of the sorted days.
    public let lowerQuartile: Double
    public let upperQuartile: Double
}

/// Everything the report prints about time to relapse on one scale.
public struct RelapseScaleSummary: Sendable {
    /// Curves for all responders, then by diagnosis, then by strategy, labelled `all`, `diagnosis: MDD`, ….
    public let curves: [(label: String, summary: RelapseCurveSummary)]
    /// Log-rank test by strategy, or why it is not estimable; nil when it could not be formed at all.
    public let logRank: LogRankTest?
    public let logRankNotEstimable: String?
    /// Unadjusted, adjusted and time-varying-exposure hazard ratios of maintenance (those that could be fitted).
    public let hazardRatios: [RelapseHazardRatio]
}

extension DerivedTables {
    /// The diagnoses with at least one patient, in vocabulary order: the rows of every by-diagnosis table.
    public var diagnosesPresent: [Diagnosis] {
        var present = Set<Diagnosis>()
        for i in patients.indices { present.insert(patients[i].diagnosis) }
        return Diagnosis.allCases.filter(present.contains)
    }

    /// The rate of `count` with its interval under the plan.
    public func estimate(_ count: RateCount) -> RateEstimate {
        if let why = Estimability.rate(patients: count.patients) {
            return RateEstimate(count: count, lower: nil, upper: nil, notEstimable: why)
        }
        let method: ProportionIntervalMethod = plan.claimsIntervalMethod == "exact" ? .clopperPearson : .wilson
        guard let ci = try? OneProportion.interval(successes: count.successes, trials: count.patients,
                                                   level: plan.confidenceLevel, method: method) else {
            return RateEstimate(count: count, lower: nil, upper: nil, notEstimable: "no interval could be formed")
        }
        return RateEstimate(count: count, lower: ci.lower, upper: ci.upper, notEstimable: nil)
    }

    /// Median days from the first infusion to the first score meeting the response rule, over patients whose
    /// first induction series on `scale` had one; nil when nobody did.
    public func firstResponseMedian(scale: Scale) -> (median: Double, patients: Int)? {
        let days = endpoints.filter { SeriesSelection.firstInduction.matches($0.series) && $0.scale == scale }.compactMap(\.daysToFirstResponse)
        return MedianInterval.of(days).map { ($0.median, days.count) }
    }

    /// The maintenance intervals summarized; nil when there are none.
    public var maintenanceSummary: MaintenanceIntervalSummary? {
        let days = maintenanceIntervals.map(\.days)
        guard let m = MedianInterval.of(days) else { return nil }
        let sorted = days.sorted()
        return MaintenanceIntervalSummary(intervals: days.count, patients: Set(maintenanceIntervals.map(\.patientID)).count,
                                          median: m.median, lowerQuartile: sorted[sorted.count / 4],
                                          upperQuartile: sorted[(3 * sorted.count) / 4])
    }

    /// Kaplan–Meier curves, the log-rank test by strategy and the hazard ratios for `scale`, at the plan's level.
    public func relapseSummary(scale: Scale) -> RelapseScaleSummary {
        let comparisons = relapseComparisons(scale: scale)
        return RelapseScaleSummary(curves: relapseCurves(scale: scale), logRank: comparisons.logRank,
                                   logRankNotEstimable: comparisons.logRankNotEstimable, hazardRatios: comparisons.hazardRatios)
    }

    /// The curves of ``relapseSummary(scale:)`` alone: all responders, by diagnosis, by strategy.
    public func relapseCurves(scale: Scale) -> [(label: String, summary: RelapseCurveSummary)] {
        let level = plan.confidenceLevel
        var curves: [(label: String, summary: RelapseCurveSummary)] = []
        let groupings: [(String, (RelapseRecord) -> String?)] = [("all", { _ in "all" }), ("diagnosis", { $0.diagnosis.rawValue }),
                                                                 ("strategy", { $0.strategy?.rawValue })]
        for (title, groupOf) in groupings {
            for c in (try? RelapseSurvival.curves(relapse, scale: scale, level: level, groupOf: groupOf)) ?? [] {
                curves.append((title == "all" ? "all" : "\(title): \(c.group)", c))
            }
        }
        return curves
    }

    /// The comparisons of ``relapseSummary(scale:)`` alone: the log-rank test by strategy and the hazard ratios of
    /// maintenance (the report prints them in its strategy section and the curves in its relapse section).
    public func relapseComparisons(scale: Scale) -> (logRank: LogRankTest?, logRankNotEstimable: String?, hazardRatios: [RelapseHazardRatio]) {
        let level = plan.confidenceLevel
        let logRank = try? RelapseSurvival.logRank(relapse, scale: scale, groupOf: { $0.strategy?.rawValue })
        var ratios: [RelapseHazardRatio] = []
        for adjusted in [false, true] {
            if let r = try? RelapseHazardRatios.strategy(relapse, scale: scale, patients: patients, adjusted: adjusted, level: level) { ratios.append(r) }
        }
        if let r = try? RelapseHazardRatios.exposure(relapseIntervals, scale: scale, level: level) { ratios.append(r) }
        return (logRank, logRank.flatMap(Estimability.logRank), ratios)
    }

    /// Curves by strategy for the figure of `scale`, at the plan's level.
    public func relapseCurvesByStrategy(scale: Scale) -> [RelapseCurveSummary] {
        (try? RelapseSurvival.curves(relapse, scale: scale, level: plan.confidenceLevel, groupOf: { $0.strategy?.rawValue })) ?? []
    }
}
