/// Suicidal-item resolution at several windows after the infusion, counted on one fixed cohort: the patients
/// positive before an infusion who were assessed in every window, so a change between windows is not a change
/// in who was asked.
public struct SuicidalFixedCohort: Sendable, Equatable {
    public let scale: Scale
    /// Patients positive before an infusion.
    public let positive: Int
    /// Of those, assessed in every window: the cohort.
    public let cohort: Int
    /// Resolved at each window, among the cohort.
    public let resolved: [(windowMinutes: Double, count: Int)]

    public static func == (a: Self, b: Self) -> Bool {
        a.scale == b.scale && a.positive == b.positive && a.cohort == b.cohort
            && a.resolved.map(\.windowMinutes) == b.resolved.map(\.windowMinutes) && a.resolved.map(\.count) == b.resolved.map(\.count)
    }
}

extension DerivedTables {
    /// The fixed cohort on `scale` over `windows` (default: the plan's `suicidal_item.report_windows_minutes`,
    /// 40, 90 and 240 minutes and 24 hours); nil when nobody was positive before an infusion.
    public func suicidalFixedCohort(scale: Scale, windows: [Double]? = nil) -> SuicidalFixedCohort? {
        let windows = (windows ?? plan.suicidalReportWindowsMinutes).sorted()
        let rows = suicidal.filter { $0.scale == scale }
        guard !rows.isEmpty else { return nil }
        let cohort = rows.filter { r in windows.allSatisfy { w in r.outcome(windowMinutes: w)?.resolved != nil } }
        return SuicidalFixedCohort(scale: scale, positive: rows.count, cohort: cohort.count,
                                   resolved: windows.map { w in (w, cohort.count { $0.outcome(windowMinutes: w)?.resolved == true }) })
    }
}
