import OutcomesText
import OutcomesClinical
import OutcomesModels

/// A row of the forest figure (the figure is drawn by the caller or by ``StrategyReport/figures(_:)``).
public struct StrategyForestRow: Sendable, Equatable {
    public let label: String
    public let estimate: Double?
    public let lower: Double?
    public let upper: Double?
    public let note: String?
}

/// Propensity scores of one strategy, with the IPT weights, for the overlap figure.
public struct StrategyOverlapGroup: Sendable, Equatable {
    public let label: String
    public let scores: [Double]
    public let weights: [Double]
}

/// The strategy comparison as a report section: Markdown lines, CSV tables and figure data. What
/// `outcomes compare-strategies` prints, and what `outcomes report` places as its section 8.
public struct StrategyReportSection: Sendable {
    /// The section's Markdown, one line per element, starting with its heading.
    public let markdownLines: [String]
    /// CSV tables by file name (`strategy_estimates.csv`, `strategy_balance.csv`, ...).
    public let tables: [(name: String, contents: String)]
    /// Hazard-ratio rows of every analysis, for a forest figure on a log axis (reference 1).
    public let forestRows: [StrategyForestRow]
    /// Propensity scores by strategy (as_needed first), for the overlap figure.
    public let overlapGroups: [StrategyOverlapGroup]
    /// Weighted Kaplan–Meier curves by strategy (IPTW, intention to treat).
    public let survivalFigure: SurvivalFigure
}

/// Formats a ``StrategyComparison``; every count and estimate comes from the clinical layer.
public enum StrategyReport {
    static let analysisLabels: [StrategyAnalysis: String] = [
        .unadjusted: "ITT, unadjusted", .iptw: "ITT, IPTW", .perProtocol: "per protocol (IPTW × IPCW)",
        .landmark: "landmark (as received, IPTW)", .intervalCensored: "interval-censored (IPTW, Weibull)",
    ]
    static let measureLabels: [StrategyMeasure: String] = [
        .hazardRatio: "hazard ratio of relapse", .rmstDifference26w: "RMST difference to 26 weeks (days)",
        .relapseFree12w: "relapse-free at 12 weeks (difference)", .rateRatioInfusions: "infusions per patient-year (rate ratio)",
    ]

    // MARK: section

    /// The section for a report or the command's Markdown. `policy` hides small counts in the Markdown flow.
    /// A number for a Markdown cell: "not estimable" when it is not finite (a covariate without variation, an empty group).
    static func shown(_ x: Double, _ digits: Int) -> String { x.isFinite ? NumberText.fixed(x, digits) : "not estimable" }

    /// A number for CSV and JSON: missing when it is not finite.
    static func finite(_ x: Double?) -> ReportValue { x.flatMap { $0.isFinite ? ReportValue.number($0) : nil } ?? .missing }

    public static func section(_ c: StrategyComparison, headingLevel: Int = 2, policy: SmallCellPolicy = SmallCellPolicy()) -> StrategyReportSection {
        let h = String(repeating: "#", count: headingLevel)
        func count(_ n: Int) -> String { policy.hides(n) ? policy.hiddenText : String(n) }
        let level = NumberText.level(c.level)
        var md: [String] = []
        md.append("\(h) Maintenance vs re-induction as needed: a target-trial emulation")
        md.append("")
        md.append("Strategy was chosen, not randomized. The comparison emulates the trial a practice would have run, and says where the emulation may fail (balance, effective sample size, E-values).")
        md.append("")
        md.append("\(h)# Protocol")
        md.append("")
        for (k, v) in protocolText(c) { md.append("- **\(k)**: \(v)") }
        md.append("")
        md.append("| step | patients |")
        md.append("|---|---|")
        for s in c.cohort.steps + c.ittSteps { md.append("| \(s.label) | \(count(s.count)) |") }
        for s in c.cohort.exclusions where s.count > 0 { md.append("| left out: \(s.label) | \(count(s.count)) |") }
        for s in c.missingCovariates { md.append("| left out: \(s.label) not recorded | \(count(s.count)) |") }
        md.append("")
        md.append("Deviations from the recorded strategy in the grace period: \(count(c.cohort.maintenanceWithoutSession)) maintenance patients had no maintenance session though followed beyond it, \(count(c.cohort.asNeededWithSession)) as_needed patients had one; \(count(c.cohort.maintenanceEndedInGrace)) maintenance patients relapsed or left follow-up before a session could show (not deviations). Per protocol censors \(count(c.perProtocol.deviatedMaintenance)) maintenance and \(count(c.perProtocol.deviatedAsNeeded)) as_needed patients at deviation.")
        md.append("")
        md.append("Landmark at day \(NumberText.shortest(c.landmark.landmarkDays)): of \(count(c.landmark.eligible)) eligible patients, \(count(c.landmark.relapsedBeforeLandmark)) relapsed and \(count(c.landmark.censoredBeforeLandmark)) left follow-up before the landmark and are excluded; \(count(c.landmark.maintenance)) received maintenance and \(count(c.landmark.asNeeded)) did not (\(count(c.landmark.classifiedWithoutRecord)) without a recorded strategy, classified by what they received).")
        md.append("")
        md.append("\(h)# Balance")
        md.append("")
        if let w = c.weighting {
            md.append("Standardized mean differences (unweighted pooled SD in the denominator) and variance ratios (unbiased weighted variances), as cobalt computes them; maintenance vs as_needed, \(w.estimand.rawValue.uppercased()) weights.")
            md.append("")
            md.append("| covariate | SMD before | SMD after | variance ratio before | variance ratio after |")
            md.append("|---|---|---|---|---|")
            for b in w.fit.balance {
                md.append("| \(MarkdownText.cell(b.covariate)) | \(shown(b.smdBefore, 3)) | \(shown(b.smdAfter, 3)) | \(b.varianceRatioBefore.map { shown($0, 2) } ?? "–") | \(b.varianceRatioAfter.map { shown($0, 2) } ?? "–") |")
            }
            md.append("")
            md.append("| strategy | patients | effective sample size |")
            md.append("|---|---|---|")
            for e in w.fit.effectiveSampleSize { md.append("| \(MarkdownText.cell(e.group)) | \(count(e.n)) | \(shown(e.ess, 1)) |") }
            md.append("")
            if !w.warnings.isEmpty { md.append("**Warning**: " + MarkdownText.cell(w.warnings.joined(separator: "; ")) + ". Weighted estimates below carry it.") ; md.append("") }
        } else {
            md.append("Propensity model not estimable: \(MarkdownText.cell(c.weightingProblem ?? "unknown reason")).")
            md.append("")
        }
        md.append("\(h)# Estimates (maintenance vs as_needed)")
        md.append("")
        md.append("Primary relapse outcome: \(c.intervalCensoredPrimary ? "interval-censored" : "event time") (\(primaryReason(c))). \(level) intervals.")
        md.append("")
        md.append("| analysis | measure | estimate | \(level) interval | p | patients | events | E-value (limit) | warnings |")
        md.append("|---|---|---|---|---|---|---|---|---|")
        for e in c.estimates {
            let ev = e.measure == .hazardRatio ? (e.eValue.map { NumberText.fixed($0, 2) + " (" + (e.eValueLimit.map { NumberText.fixed($0, 2) } ?? "–") + ")" } ?? "–") : ""
            md.append("| \(analysisLabels[e.analysis]!) | \(measureLabels[e.measure]!) | \(value(e.estimate, e.measure)) | \(interval(e)) | \(e.p.map(NumberText.pValue) ?? "–") | \(count(e.n)) | \(e.events.map(count) ?? "–") | \(ev) | \(MarkdownText.cell(e.warnings.joined(separator: "; "))) |")
        }
        md.append("")
        md.append("Relapse-free probability by strategy (Kaplan–Meier on the event-time form of relapse" + (c.intervalCensoredPrimary
            ? "; follow-up scores are further apart than the confirmation window, so these curves date relapse late where assessments are sparse and the interval-censored hazard ratio above leads):"
            : "):"))
        md.append("")
        md.append("| analysis | strategy | patients | relapses | 12 weeks | 26 weeks | RMST to 26 weeks (days) |")
        md.append("|---|---|---|---|---|---|---|")
        for k in c.curves {
            md.append("| \(analysisLabels[k.analysis]!) | \(k.strategy.rawValue) | \(count(k.n)) | \(count(k.events)) | \(k.relapseFree12w.map { NumberText.fixed($0, 3) } ?? "not estimable (follow-up ends before)") | \(k.relapseFree26w.map { NumberText.fixed($0, 3) } ?? "not estimable (follow-up ends before)") | \(k.rmst26w.map { NumberText.fixed($0, 1) } ?? "not estimable (follow-up ends before)") |")
        }
        md.append("")
        md.append("E-values (VanderWeele & Ding 2017): how strongly an unmeasured confounder would have to be associated with both strategy and relapse, on the risk-ratio scale, to explain the hazard ratio away (and to move its interval to include 1). Relapse is common here, so each hazard ratio is first converted to a risk ratio, (1 − 0.5^√HR) / (1 − 0.5^√(1/HR)), when at least 15 % of patients relapsed.")
        md.append("")
        md.append("Methods:")
        md.append("")
        var seen = Set<String>()
        for e in c.estimates where seen.insert("\(e.analysis.rawValue) \(e.measure.rawValue)").inserted {
            md.append("- \(analysisLabels[e.analysis]!), \(measureLabels[e.measure]!): \(MarkdownText.cell(e.method))")
        }
        md.append("")

        let doc = document(c)
        let tables = ["balance", "effective_sample_size", "estimates", "relapse_free"].map { name in
            (name: "strategy_\(name).csv", contents: doc.renderTable(name))
        }
        let forest = c.estimates.filter { $0.measure == .hazardRatio }.map {
            StrategyForestRow(label: analysisLabels[$0.analysis]!, estimate: $0.estimate, lower: $0.lower, upper: $0.upper,
                              note: $0.estimate == nil ? "not estimable" : ($0.warnings.isEmpty ? nil : "warning"))
        }
        var overlap: [StrategyOverlapGroup] = []
        if let w = c.weighting {
            for s in [TreatmentStrategy.asNeeded, .maintenance] {
                let idx = c.participants.indices.filter { c.participants[$0].recorded == s }
                overlap.append(StrategyOverlapGroup(label: s.rawValue, scores: idx.map { w.fit.scores[$0] }, weights: idx.map { w.fit.weights[$0] }))
            }
        }
        let curves = c.curves.filter { $0.analysis == .iptw }.map { k in
            FigureCurve(label: k.strategy.rawValue, times: k.steps.dropFirst().map(\.day), values: k.steps.dropFirst().map(\.survival))
        }
        let figure = SurvivalFigure(title: "Relapse-free by strategy (IPT-weighted Kaplan–Meier)",
                                    xLabel: "days from the end-of-induction assessment", yLabel: "relapse-free", curves: curves,
                                    xTicks: [0, 42, 84, 182, 273, 365])
        return StrategyReportSection(markdownLines: md, tables: tables, forestRows: forest, overlapGroups: overlap, survivalFigure: figure)
    }

    static func primaryReason(_ c: StrategyComparison) -> String {
        let s = c.visitSpacing
        switch s.setting {
        case "interval_censored", "event_time": return "plan relapse.primary_analysis = \(s.setting)"
        default:
            let gap = s.medianGapDays.map { NumberText.fixed($0, 1) + " days" } ?? "not estimable"
            return "median gap between follow-up scores \(gap) against the \(NumberText.shortest(s.confirmationWindowDays))-day confirmation window"
        }
    }

    static func value(_ x: Double?, _ m: StrategyMeasure) -> String {
        guard let x, x.isFinite else { return "not estimable" }
        switch m {
        case .hazardRatio, .rateRatioInfusions: return NumberText.fixed(x, 2)
        case .rmstDifference26w: return NumberText.fixed(x, 1)
        case .relapseFree12w: return NumberText.fixed(x, 3)
        }
    }

    static func interval(_ e: StrategyEstimate) -> String {
        guard let l = e.lower, let u = e.upper else { return "–" }
        return value(l, e.measure) + " to " + value(u, e.measure)
    }

    /// The protocol's statements, in order.
    static func protocolText(_ c: StrategyComparison) -> [(String, String)] {
        let g = NumberText.shortest(c.cohort.gracePeriodDays)
        let covariates = (c.weighting?.covariates.map(\.rawValue) ?? c.plan.strategyCovariates).joined(separator: ", ")
        return [
            ("eligibility", "responders at the end of the first induction series (\(c.cohort.scale.id)) whose end-of-series score is below the relapse threshold"),
            ("time_zero", "the end-of-induction assessment (when response is known), not the last infusion; the strategy decision is taken as of time zero"),
            ("grace_period", "\(g) days: maintenance = a maintenance session within \(g) days of time zero (and then at most \(g) days apart); as_needed = none"),
            ("intention_to_treat", "by recorded strategy"),
            ("per_protocol", "censored at deviation from the recorded strategy, inverse-probability-of-censoring weights from a pooled logistic model for deviation"),
            ("landmark", "every eligible patient classified by what was received in the grace period, followed from day \(g); earlier relapses excluded and counted"),
            ("estimand", c.plan.strategyEstimand == "att" ? "ATT: treated 1, controls e/(1 − e)" : "ATE: stabilized weights P(maintenance)/e and P(as_needed)/(1 − e)"),
            ("propensity_covariates", covariates),
            ("truncation", c.plan.strategyTruncatePercentile > 0 ? "weights above the \(NumberText.shortest(c.plan.strategyTruncatePercentile))th percentile set to it" : "none"),
            ("thresholds", "warning when a weighted |SMD| exceeds \(NumberText.shortest(c.plan.strategyMaxSMD)) or a group's effective sample size falls below \(NumberText.shortest(c.plan.strategyMinESS))"),
            ("intervals", "hazard and rate ratios: Wald with the robust (sandwich) variance when weighted; weighted RMST and relapse-free differences: percentile bootstrap, \(c.bootstrapReplicates) replicates, seed \(c.bootstrapSeed); unadjusted differences: Greenwood-based variance formulas"),
        ]
    }

    // MARK: document (csv, json)

    static func document(_ c: StrategyComparison) -> ReportDocument {
        var protocolFields: [(String, ReportValue)] = protocolText(c).map { ($0.0, .text($0.1)) }
        protocolFields.insert(("grace_period_days", .number(c.cohort.gracePeriodDays)), at: 3)
        protocolFields.append(("scale", .text(c.cohort.scale.id)))
        protocolFields.append(("counts", .array((c.cohort.steps + c.ittSteps).map { .object([("step", .text($0.label)), ("n", .integer($0.count))]) })))
        protocolFields.append(("excluded", .array((c.cohort.exclusions + c.missingCovariates.map { StrategyFlowStep(label: "\($0.label) not recorded", count: $0.count) })
            .map { .object([("reason", .text($0.label)), ("n", .integer($0.count))]) })))
        protocolFields.append(("deviations", .object([
            ("maintenance_without_session_in_grace", .integer(c.cohort.maintenanceWithoutSession)),
            ("as_needed_with_session_in_grace", .integer(c.cohort.asNeededWithSession)),
            ("maintenance_follow_up_ended_in_grace", .integer(c.cohort.maintenanceEndedInGrace)),
            ("per_protocol_censored_maintenance", .integer(c.perProtocol.deviatedMaintenance)),
            ("per_protocol_censored_as_needed", .integer(c.perProtocol.deviatedAsNeeded)),
            ("per_protocol_person_periods", .integer(c.perProtocol.periods)),
            ("per_protocol_mean_weight", .optional(c.perProtocol.meanWeight)),
            ("per_protocol_max_weight", .optional(c.perProtocol.maxWeight)),
        ])))
        protocolFields.append(("landmark_counts", .object([
            ("landmark_days", .number(c.landmark.landmarkDays)), ("eligible", .integer(c.landmark.eligible)),
            ("relapsed_before_landmark", .integer(c.landmark.relapsedBeforeLandmark)),
            ("censored_before_landmark", .integer(c.landmark.censoredBeforeLandmark)),
            ("missing_covariate", .integer(c.landmark.missingCovariate)),
            ("maintenance", .integer(c.landmark.maintenance)), ("as_needed", .integer(c.landmark.asNeeded)),
            ("classified_without_recorded_strategy", .integer(c.landmark.classifiedWithoutRecord)),
        ])))
        protocolFields.append(("primary_outcome", .text(c.intervalCensoredPrimary ? "interval_censored" : "event_time")))
        protocolFields.append(("primary_outcome_reason", .text(primaryReason(c))))
        let balance: [[ReportValue]] = (c.weighting?.fit.balance ?? []).map {
            [.text($0.covariate), finite($0.smdBefore), finite($0.smdAfter), finite($0.varianceRatioBefore), finite($0.varianceRatioAfter)]
        }
        let ess: [[ReportValue]] = (c.weighting?.fit.effectiveSampleSize ?? []).map { [.text($0.group), .integer($0.n), finite($0.ess)] }
        let estimates: [[ReportValue]] = c.estimates.map { e in
            let hr = e.measure == .hazardRatio
            return [.text(e.analysis.rawValue), .text(e.measure.rawValue), finite(e.estimate), finite(e.lower), finite(e.upper),
                    .optional(e.p), .integer(e.n), e.events.map { .integer($0) } ?? .missing, .array(e.warnings.map { .text($0) }),
                    hr ? finite(e.eValue) : .missing, hr ? finite(e.eValueLimit) : .missing]
        }
        let relapseFree: [[ReportValue]] = c.curves.map {
            [.text($0.analysis.rawValue), .text($0.strategy.rawValue), .integer($0.n), .integer($0.events),
             .optional($0.relapseFree12w), .optional($0.relapseFree26w), .optional($0.rmst26w)]
        }
        var conventions: [(String, String)] = [("level", NumberText.shortest(c.level))]
        var seen = Set<String>()
        for e in c.estimates where seen.insert("\(e.analysis.rawValue).\(e.measure.rawValue)").inserted {
            conventions.append(("method.\(e.analysis.rawValue).\(e.measure.rawValue)", e.method))
        }
        conventions.append(("e_value", "VanderWeele & Ding 2017; hazard ratio converted to a risk ratio (1 − 0.5^√HR)/(1 − 0.5^√(1/HR)) when at least 15 % relapsed; e_value_limit for the confidence limit nearer 1 (1 when the interval contains 1)"))
        conventions.append(("smd", "(weighted mean maintenance − weighted mean as_needed) / √((s²₁ + s²₀)/2), s² unweighted (p(1 − p) for 0/1), as cobalt"))
        conventions.append(("variance_ratio", "maintenance / as_needed of the unbiased weighted variances; null for 0/1 covariates, as cobalt"))
        conventions.append(("ess", "Kish: (Σw)² / Σw² per strategy"))
        var notes = c.weighting?.fit.notes ?? []
        notes += c.perProtocol.notes
        if let p = c.weightingProblem { notes.append("propensity model not estimable: \(p)") }
        return ReportDocument(analysis: "compare-strategies", title: "Maintenance vs re-induction as needed (target-trial emulation)",
                              conventions: conventions, notes: notes, sections: [
            .fields(name: "protocol", protocolFields),
            .table(name: "balance", columns: ["covariate", "smd_before", "smd_after", "variance_ratio_before", "variance_ratio_after"], rows: balance),
            .table(name: "effective_sample_size", columns: ["group", "n", "ess"], rows: ess),
            .table(name: "estimates", columns: ["analysis", "measure", "estimate", "lower", "upper", "p", "n", "events", "warnings", "e_value", "e_value_limit"], rows: estimates),
            .table(name: "relapse_free", columns: ["analysis", "group", "n", "events", "relapse_free_12w", "relapse_free_26w", "rmst_26w"], rows: relapseFree),
        ])
    }
}
