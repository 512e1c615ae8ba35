import OutcomesLinearAlgebra
import OutcomesSurvival

/// One Cox hazard ratio for relapse, with what went into it.
public struct RelapseHazardRatio: Sendable {
    /// What is compared, in words.
    public let label: String
    /// Covariates besides the compared one.
    public let adjustment: String
    public let n: Int
    public let events: Int
    public let term: CoxTerm
    /// Rows left out and why (for example, prior treatments not recorded).
    public let note: String?
    /// Warnings the model raised (non-convergence, a possibly infinite coefficient, a dropped covariate).
    public var warnings: [String] = []

    /// Why the hazard ratio cannot be read, or nil when it can (see ``Estimability/coxTerm(_:events:warnings:)``).
    public var notEstimable: String? { Estimability.coxTerm(term, events: events, warnings: warnings) }
}

/// Maintenance versus as-needed treatment among induction responders: unadjusted, adjusted, and with
/// maintenance as a time-varying exposure. None of these is randomized evidence: strategy is chosen.
public enum RelapseHazardRatios {
    /// Cox model (Efron ties) of time to relapse on the strategy, optionally adjusted for diagnosis (indicators
    /// against the first level in sorted order, as R factors) and the number of prior failed treatments.
    public static func strategy(_ records: [RelapseRecord], scale: Scale, patients: [PatientTimeline], adjusted: Bool,
                                level: Double = 0.95) throws(SurvivalError) -> RelapseHazardRatio {
        // Rows by index throughout: copying records retains their every string and array.
        var prior: [String: Int?] = [:]
        for i in patients.indices where prior[patients[i].patientID] == nil { prior[patients[i].patientID] = .some(patients[i].priorTreatmentsFailed) }
        let withStrategy = records.indices.filter { records[$0].scale == scale && records[$0].strategy != nil }
        let rows = adjusted ? withStrategy.filter { (prior[records[$0].patientID] ?? nil) != nil } : withStrategy
        // Levels in sorted order of their names, as R orders factor levels.
        let diagnoses = Array(Set(rows.map { records[$0].diagnosis })).sorted { $0.rawValue < $1.rawValue }
        var names = ["maintenance"]
        if adjusted { names += diagnoses.dropFirst().map { "diagnosis \($0.rawValue)" } + ["prior_treatments_failed"] }
        var x = Matrix(rows: rows.count, columns: names.count)
        for (i, k) in rows.enumerated() {
            x[i, 0] = records[k].strategy == .maintenance ? 1 : 0
            if adjusted {
                for (j, d) in diagnoses.dropFirst().enumerated() where records[k].diagnosis == d { x[i, 1 + j] = 1 }
                x[i, names.count - 1] = Double(prior[records[k].patientID]!!)
            }
        }
        let data = try SurvivalData(exit: rows.map { records[$0].days }, event: rows.map { records[$0].event == 1 })
        var options = CoxOptions()
        options.level = level
        let model = try CoxRegression.fit(covariates: x, names: names, data: data, options: options)
        guard let term = model.terms.first(where: { $0.name == "maintenance" }) else { throw .invalidArgument("strategy term not estimable") }
        let dropped = withStrategy.count - rows.count
        return RelapseHazardRatio(label: "strategy maintenance vs as_needed", adjustment: adjusted
                                    ? "diagnosis (reference \(diagnoses.first?.rawValue ?? "-")), prior_treatments_failed" : "none",
                                  n: rows.count, events: rows.count { records[$0].event == 1 }, term: term,
                                  note: dropped > 0 ? "\(dropped) responders without prior_treatments_failed left out" : nil,
                                  warnings: model.warnings)
    }

    /// Cox model on the counting-process intervals with maintenance exposure (a maintenance infusion within the
    /// plan's exposure window) as a time-varying covariate, all responders whatever their recorded strategy.
    public static func exposure(_ intervals: [RelapseInterval], scale: Scale, level: Double = 0.95) throws(SurvivalError) -> RelapseHazardRatio {
        let rows = intervals.filter { $0.scale == scale }
        let data = try SurvivalData(exit: rows.map(\.stop), event: rows.map { $0.event == 1 }, entry: rows.map(\.start))
        var x = Matrix(rows: rows.count, columns: 1)
        for (i, r) in rows.enumerated() { x[i, 0] = Double(r.onMaintenance) }
        var options = CoxOptions()
        options.level = level
        let model = try CoxRegression.fit(covariates: x, names: ["on_maintenance"], data: data, options: options)
        guard let term = model.terms.first else { throw .invalidArgument("exposure term not estimable") }
        return RelapseHazardRatio(label: "on maintenance (time-varying exposure) vs not", adjustment: "none",
                                  n: Set(rows.map(\.patientID)).count, events: rows.filter { $0.event == 1 }.count, term: term,
                                  note: "\(rows.count) (start, stop] intervals", warnings: model.warnings)
    }
}
