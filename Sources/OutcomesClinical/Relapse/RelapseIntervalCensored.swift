import OutcomesLinearAlgebra
import OutcomesSurvival

/// How densely relapse was observed, and which analysis therefore leads.
///
/// A confirmation rule (two high scores at most `relapse.max_days_apart` days apart) assumes a trial's visit
/// schedule. When follow-up scores are further apart than that window, relapses are confirmed mostly where
/// treatment adds assessments, and dated late; the relapse is then only known to lie between the last low and
/// the first high score, and the interval-censored estimate should lead (plan `relapse.primary_analysis`:
/// `auto` decides from the data, `event_time` or `interval_censored` force one).
public struct RelapseVisitSpacing: Sendable, Equatable {
    public let scale: Scale
    /// Gaps between consecutive follow-up scores (after the first score following time zero), all responders.
    public let gaps: Int
    /// Median of those gaps in days; nil without any.
    public let medianGapDays: Double?
    /// The plan's confirmation window, `relapse.max_days_apart`.
    public let confirmationWindowDays: Double
    /// The plan's setting: `auto`, `event_time` or `interval_censored`.
    public let setting: String
    /// Whether the interval-censored estimate leads.
    public var intervalCensoredLeads: Bool {
        switch setting {
        case "interval_censored": return true
        case "event_time": return false
        default: return (medianGapDays ?? 0) > confirmationWindowDays
        }
    }
}

/// Interval-censored time to relapse for one group: Turnbull's nonparametric estimate and a Weibull fit.
public struct RelapseIntervalEstimate: Sendable {
    public let group: String
    public let patients: Int
    /// Records whose interval form holds a relapse (a finite right end).
    public let relapses: Int
    /// The Turnbull (NPMLE) curve, as R's survfit on `Surv(left, right, type = "interval2")`.
    public let turnbull: TurnbullCurve
    /// Median from the Weibull fit to the same intervals, with its delta-method interval; nil when the fit failed.
    public let weibullMedian: ParametricQuantile?
}

public enum RelapseIntervalCensored {
    /// The visit spacing of one scale's relapse follow-up and the analysis it calls for.
    public static func spacing(_ records: [RelapseRecord], scale: Scale, plan: AnalysisPlan) -> RelapseVisitSpacing {
        var gaps: [Double] = []
        for i in records.indices where records[i].scale == scale { gaps += records[i].assessmentGapsDays.dropFirst() }
        gaps.sort()
        var median: Double?
        if !gaps.isEmpty {
            let m = gaps.count / 2
            median = gaps.count % 2 == 1 ? gaps[m] : (gaps[m - 1] + gaps[m]) / 2
        }
        return RelapseVisitSpacing(scale: scale, gaps: gaps.count, medianGapDays: median,
                                   confirmationWindowDays: plan.relapseMaxDaysApart, setting: plan.relapsePrimaryAnalysis)
    }

    /// One estimate per group (`groupOf` returns nil to leave a record out), groups in sorted order.
    public static func estimates(_ records: [RelapseRecord], scale: Scale, level: Double = 0.95,
                                 groupOf: (RelapseRecord) -> String? = { _ in "all" }) throws(SurvivalError) -> [RelapseIntervalEstimate] {
        var byGroup: [String: [Int]] = [:]
        for i in records.indices where records[i].scale == scale {
            if let g = groupOf(records[i]) { byGroup[g, default: []].append(i) }
        }
        var options = ParametricSurvivalOptions()
        options.level = level
        var result: [RelapseIntervalEstimate] = []
        for group in byGroup.keys.sorted() {
            let rows = byGroup[group]!
            let left = rows.map { Optional(records[$0].intervalLeftDays) }, right = rows.map { records[$0].intervalRightDays }
            guard let curve = try Turnbull.fit(left: left, right: right).first else { continue }
            let median = try? ParametricSurvival.fit(left: left, right: right, distribution: .weibull, options: options).median()
            result.append(RelapseIntervalEstimate(group: group, patients: rows.count, relapses: right.count { $0 != nil },
                                                  turnbull: curve, weibullMedian: median))
        }
        return result
    }

    /// Hazard ratio maintenance vs as-needed from a Weibull proportional-hazards fit to the intervals (the
    /// exponential/Weibull PH form of survreg on `Surv(left, right, type = "interval2") ~ strategy`).
    public static func strategyHazardRatio(_ records: [RelapseRecord], scale: Scale, level: Double = 0.95) throws(SurvivalError) -> (hazardRatio: ParametricHazardRatio, patients: Int, relapses: Int) {
        let rows = records.indices.filter { records[$0].scale == scale && records[$0].strategy != nil }
        var options = ParametricSurvivalOptions()
        options.level = level
        let right = rows.map { records[$0].intervalRightDays }
        let model = try ParametricSurvival.fit(left: rows.map { Optional(records[$0].intervalLeftDays) }, right: right,
                                               groups: rows.map { records[$0].strategy!.rawValue }, reference: TreatmentStrategy.asNeeded.rawValue, distribution: .weibull, options: options)
        guard let hr = model.hazardRatios.first(where: { $0.name == TreatmentStrategy.maintenance.rawValue }) else { throw .invalidArgument("strategy term not estimable") }
        return (hr, rows.count, right.count { $0 != nil })
    }
}
