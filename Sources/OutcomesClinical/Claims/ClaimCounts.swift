/// Successes and trials for a proportion metric over a population, with the rule used in words.
public struct ClaimCount: Sendable, Equatable {
    public let successes: Int
    public let trials: Int
    /// How the metric was counted, for the report.
    public let definition: String
}

extension DerivedTables {
    /// Counts a proportion metric. Patients without a defined value (no endpoint, not assessed within the
    /// window, prior treatments not recorded) are outside the denominator; the exclusion list says why.
    public func count(_ metric: ProportionMetric, diagnoses: [String], instrument: Scale, windowMinutes: Double?,
                      patients: [PatientTimeline]) -> ClaimCount {
        let included = { (d: String) in diagnoses.isEmpty || diagnoses.contains(d) }
        let who = diagnoses.isEmpty ? "all diagnoses" : diagnoses.joined(separator: ", ")
        switch metric {
        case .response, .remission:
            let rows = endpoints.filter { $0.series.phase == .induction && $0.series.ordinal == 1 && $0.scale == instrument && included($0.diagnosis) }
            let flags = rows.compactMap { metric == .response ? $0.response : $0.remission }
            let rule = metric == .response
                ? ">= \(PlanNumber.format(plan.responsePercentReduction)) % reduction"
                : (instrument == .phq9 ? "total < \(plan.phq9RemissionBelow)" : "total <= \(plan.madrsRemissionAtMost)")
            return ClaimCount(successes: flags.filter { $0 }.count, trials: flags.count,
                              definition: "\(metric.rawValue) on \(instrument.id) (\(rule)) at the end of the first induction series; \(who)")
        case .suicidalResolution:
            let w = windowMinutes ?? plan.suicidalWindowMinutes
            let rows = suicidal.filter { $0.scale == instrument && included($0.diagnosis) }
            let outcomes = rows.compactMap { $0.outcome(windowMinutes: w)?.resolved ?? nil }
            return ClaimCount(successes: outcomes.filter { $0 }.count, trials: outcomes.count,
                              definition: "\(instrument.id) suicidal item resolved within \(PlanNumber.format(w)) minutes of the first infusion with a positive item, among patients assessed in that window; \(who)")
        case .tolerability:
            let rows = tolerability.filter { included($0.diagnosis) }
            return ClaimCount(successes: rows.filter(\.tolerated).count, trials: rows.count,
                              definition: "first induction completed without discontinuation for an adverse event; \(who)")
        case .priorTreatmentsFailedAtLeast2:
            let known = patients.filter { included($0.diagnosis) }.compactMap(\.priorTreatmentsFailed)
            return ClaimCount(successes: known.filter { $0 >= 2 }.count, trials: known.count,
                              definition: "prior_treatments_failed >= 2 among patients with it recorded; \(who)")
        }
    }
}
