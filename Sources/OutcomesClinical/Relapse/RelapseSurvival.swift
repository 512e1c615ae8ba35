import OutcomesSurvival

/// Kaplan–Meier summary of time to relapse for one group of responders.
public struct RelapseCurveSummary: Sendable {
    /// Group label, e.g. `all`, `MDD`, `maintenance`.
    public let group: String
    public let patients: Int
    public let relapses: Int
    /// The fitted curve (days), log transform, 95 % by default.
    public let curve: KaplanMeierCurve
    /// Median days to relapse with its interval; nil parts are "not estimable" (the curve never reaches them).
    public let median: SurvivalQuantile
    /// Relapse-free probability at the plan's landmark days.
    public let landmarks: [RiskTableEntry]
    /// Restricted mean relapse-free days up to `RelapseSurvival.rmstHorizonDays`; nil when the curve's data
    /// end before the horizon.
    public let restrictedMean: RestrictedMean?
}

/// Time to relapse among induction responders, overall and by a grouping.
public enum RelapseSurvival {
    /// Landmarks reported: 4, 8, 12 and 16 weeks, in days.
    public static let landmarkDays: [Double] = [28, 56, 84, 112]
    /// Horizon of the restricted mean: 26 weeks.
    public static let rmstHorizonDays = 182.0

    /// Fits one curve per group. `groupOf` returns nil to leave a record out (for example, no strategy recorded).
    public static func curves(_ records: [RelapseRecord], scale: Scale, level: Double = 0.95,
                              groupOf: (RelapseRecord) -> String? = { _ in "all" }) throws(SurvivalError) -> [RelapseCurveSummary] {
        let (groups, days, events) = columns(records, scale: scale, groupOf: groupOf)
        guard !groups.isEmpty else { return [] }
        let data = try SurvivalData(exit: days, event: events)
        let grouping = Grouping(labels: groups)
        let fitted = try KaplanMeier.fit(data, strata: grouping, transform: .log, level: level)
        return fitted.map { curve in
            var patients = 0, relapses = 0
            for k in groups.indices where groups[k] == curve.label {
                patients += 1
                if events[k] { relapses += 1 }
            }
            return RelapseCurveSummary(group: curve.label, patients: patients, relapses: relapses, curve: curve,
                                       median: curve.median, landmarks: curve.riskTable(at: landmarkDays),
                                       restrictedMean: try? RestrictedMeanSurvival.estimate(curve, tau: rmstHorizonDays, level: level))
        }
    }
}

extension RelapseSurvival {
    /// Log-rank test of time to relapse across groups (records with a nil group are left out).
    public static func logRank(_ records: [RelapseRecord], scale: Scale, groupOf: (RelapseRecord) -> String?) throws(SurvivalError) -> LogRankTest {
        let (groups, days, events) = columns(records, scale: scale, groupOf: groupOf)
        let data = try SurvivalData(exit: days, event: events)
        return try LogRank.test(data, groups: Grouping(labels: groups))
    }

    /// The group, days and event of each record of `scale` with a group. Only these are taken out of the records
    /// (copying whole records retains their every string and array).
    static func columns(_ records: [RelapseRecord], scale: Scale, groupOf: (RelapseRecord) -> String?)
        -> (groups: [String], days: [Double], events: [Bool]) {
        var groups: [String] = [], days: [Double] = [], events: [Bool] = []
        for i in records.indices where records[i].scale == scale {
            guard let g = groupOf(records[i]) else { continue }
            groups.append(g)
            days.append(records[i].days)
            events.append(records[i].event == 1)
        }
        return (groups, days, events)
    }
}
