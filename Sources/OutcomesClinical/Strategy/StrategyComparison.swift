import OutcomesText
import OutcomesModels
import OutcomesSurvival

/// Maintenance versus re-induction as needed, emulating a target trial among induction responders: the
/// protocol's counts, intention to treat (unadjusted and IPT-weighted), per protocol (IPCW), landmark and
/// interval-censored analyses, balance, effective sample sizes and E-values. See ``StrategyCohort`` for
/// eligibility and time zero.
public struct StrategyComparison: Sendable {
    public let cohort: StrategyCohort
    /// Intention-to-treat steps after eligibility: strategy recorded, every covariate recorded.
    public let ittSteps: [StrategyFlowStep]
    /// Eligible patients with a recorded strategy left out for a missing covariate, by covariate.
    public let missingCovariates: [StrategyFlowStep]
    /// The intention-to-treat participants (recorded strategy, complete covariates), in dataset order.
    public let participants: [StrategyParticipant]
    /// The propensity model and weights of the intention-to-treat analysis; nil with `weightingProblem` when
    /// it could not be fitted.
    public let weighting: StrategyWeighting?
    public let weightingProblem: String?
    public let estimates: [StrategyEstimate]
    /// Kaplan–Meier curves by recorded strategy: unadjusted and IPT-weighted.
    public let curves: [StrategyCurve]
    /// Whether the interval-censored analysis is the primary relapse outcome (plan `relapse.primary_analysis`,
    /// or the visit spacing when `auto`).
    public let intervalCensoredPrimary: Bool
    public let visitSpacing: RelapseVisitSpacing
    public let landmark: StrategyLandmark
    public let perProtocol: StrategyPerProtocolSummary
    public let level: Double
    public let bootstrapReplicates: Int
    public let bootstrapSeed: Int
    /// The plan the comparison ran under (with any estimand override).
    public let plan: AnalysisPlan

    /// The unweighted Weibull hazard ratio on the interval form (the interval-censored counterpart of the unadjusted
    /// row; not part of `estimates`, whose analyses are one per kind).
    public var unadjustedIntervalCensoredHazardRatio: StrategyEstimate {
        StrategyIntervalCensored.estimate(participants, maintenance: participants.map { $0.recorded == .maintenance }, weighting: nil,
                                          level: level, analysis: .unadjusted)
    }

    /// The estimate the claim's verdict comes from: the IPTW intention-to-treat hazard ratio on the primary relapse
    /// outcome (the interval-censored one when it is primary).
    public var primaryHazardRatio: StrategyEstimate? {
        estimates.first { $0.measure == .hazardRatio && $0.analysis == (intervalCensoredPrimary ? .intervalCensored : .iptw) }
    }

    /// Runs every analysis. `scale` overrides the plan's `strategy.scale`, `estimand` its `strategy.estimand`.
    public static func run(_ tables: DerivedTables, scale: Scale? = nil, estimand: String? = nil) -> StrategyComparison {
        var plan = tables.plan
        if let estimand { plan.strategyEstimand = estimand }
        let scale = scale ?? (plan.strategyScale == Scale.madrs.id ? .madrs : .phq9)
        let level = plan.confidenceLevel
        let cohort = StrategyCohort.build(tables, scale: scale)
        let covariates = plan.strategyCovariates.compactMap(StrategyCovariate.init(rawValue:))
        let recorded = cohort.participants.filter { $0.recorded != nil }
        var missingCounts: [StrategyCovariate: Int] = [:]
        for p in recorded { if let c = p.missing(covariates) { missingCounts[c, default: 0] += 1 } }
        let itt = recorded.filter { $0.missing(covariates) == nil }
        let maintenance = itt.map { $0.recorded == .maintenance }
        let days = itt.map(\.days), event = itt.map(\.event)
        let events = event.filter { $0 }.count
        let spacing = RelapseIntervalCensored.spacing(tables.relapse, scale: scale, plan: plan)

        var estimates: [StrategyEstimate] = []
        var curves: [StrategyCurve] = []
        // Unadjusted intention to treat.
        estimates.append(StrategyOutcomes.hazardRatio(.unadjusted, exit: days, event: event, maintenance: maintenance, weights: nil,
                                                      patients: itt.count, level: level, warnings: [],
                                                      method: "Cox proportional hazards (Efron ties) on recorded strategy, model-based variance; Wald interval"))
        estimates += StrategyOutcomes.unadjustedDifferences(days: days, event: event, maintenance: maintenance, patients: itt.count, level: level)
        let counts = itt.map(\.infusionsAfterTimeZero), years = itt.map { $0.observedDays / 365.25 }
        estimates.append(StrategyOutcomes.rateRatio(.unadjusted, counts: counts, years: years, maintenance: maintenance, weights: nil,
                                                    level: level, warnings: []))
        for s in [TreatmentStrategy.maintenance, .asNeeded] {
            let idx = itt.indices.filter { maintenance[$0] == (s == .maintenance) }
            if let c = StrategyOutcomes.curve(.unadjusted, s, days: idx.map { days[$0] }, event: idx.map { event[$0] }, weights: nil, level: level) {
                curves.append(c.0)
            }
        }

        // IPT-weighted intention to treat.
        var weighting: StrategyWeighting?, problem: String?
        do { weighting = try StrategyWeighting.fit(itt, maintenance: maintenance, plan: plan) } catch { problem = error.description }
        if let weighting {
            let w = weighting.fit.weights
            let warn = weighting.warnings
            estimates.append(StrategyOutcomes.hazardRatio(.iptw, exit: days, event: event, maintenance: maintenance, weights: w,
                                                          patients: itt.count, level: level, warnings: warn,
                                                          method: "Cox proportional hazards (Efron ties) on recorded strategy, IPT-weighted, robust (sandwich) variance as coxph(weights =, robust = TRUE); Wald interval"))
            estimates += bootstrapDifferences(itt, maintenance: maintenance, plan: plan, point: StrategyOutcomes.differences(
                days: days, event: event, maintenance: maintenance, weights: w), start: weighting.linearPredictor, warnings: warn, events: events)
            estimates.append(StrategyOutcomes.rateRatio(.iptw, counts: counts, years: years, maintenance: maintenance, weights: w,
                                                        level: level, warnings: warn))
            for s in [TreatmentStrategy.maintenance, .asNeeded] {
                let idx = itt.indices.filter { maintenance[$0] == (s == .maintenance) }
                if let c = StrategyOutcomes.curve(.iptw, s, days: idx.map { days[$0] }, event: idx.map { event[$0] },
                                                  weights: idx.map { w[$0] }, level: level) {
                    curves.append(c.0)
                }
            }
        } else {
            let why = "the propensity model could not be fitted: \(problem ?? "unknown")"
            for m in StrategyMeasure.allCases {
                estimates.append(.notEstimable(.iptw, m, n: itt.count, events: events, reason: why, method: "IPT-weighted"))
            }
        }
        let perProtocol = StrategyPerProtocol.estimate(itt, maintenance: maintenance, weighting: weighting, plan: plan)
        estimates.append(perProtocol.estimate)
        let landmark = StrategyLandmark.estimate(cohort, covariates: covariates, plan: plan)
        estimates.append(landmark.estimate)
        if weighting != nil {
            estimates.append(StrategyIntervalCensored.estimate(itt, maintenance: maintenance, weighting: weighting, level: level))
        } else {
            estimates.append(.notEstimable(.intervalCensored, .hazardRatio, n: itt.count, events: nil,
                                           reason: "the propensity model could not be fitted", method: "IPT-weighted Weibull on the interval form"))
        }

        let missing = StrategyCovariate.allCases.compactMap { c in missingCounts[c].map { StrategyFlowStep(label: c.rawValue, count: $0) } }
        return StrategyComparison(
            cohort: cohort,
            ittSteps: [StrategyFlowStep(label: "strategy recorded", count: recorded.count),
                       StrategyFlowStep(label: "every propensity covariate recorded (intention-to-treat analyses)", count: itt.count)],
            missingCovariates: missing, participants: itt, weighting: weighting, weightingProblem: problem,
            estimates: estimates, curves: curves, intervalCensoredPrimary: spacing.intervalCensoredLeads, visitSpacing: spacing,
            landmark: landmark, perProtocol: perProtocol, level: level,
            bootstrapReplicates: plan.strategyBootstrapReplicates, bootstrapSeed: plan.strategyBootstrapSeed, plan: plan)
    }

    /// IPTW RMST and 12-week differences with percentile-bootstrap intervals (the propensity model refitted in each
    /// replicate, its iterations started from the full-sample fit's linear predictor `start`). A replicate's curves
    /// are those of its resampled rows, computed as the participants' curves with each weighted by its copies
    /// (``ReweightedKaplanMeier``: no resampled rows to build or sort).
    static func bootstrapDifferences(_ itt: [StrategyParticipant], maintenance: [Bool], plan: AnalysisPlan, point: [Double?],
                                     start: [Double], warnings: [String], events: Int) -> [StrategyEstimate] {
        let b = plan.strategyBootstrapReplicates
        let methodSuffix = "; \(b) percentile-bootstrap replicates over patients (seed \(plan.strategyBootstrapSeed)), the propensity model refitted in each; p from the bootstrap standard error (normal)"
        let methods = ["IPT-weighted Kaplan–Meier RMST to 182 days, maintenance minus as_needed" + methodSuffix,
                       "IPT-weighted Kaplan–Meier relapse-free probability at 84 days, maintenance minus as_needed" + methodSuffix]
        let measures: [StrategyMeasure] = [.rmstDifference26w, .relapseFree12w]
        let intervals: [Bootstrap.Interval?]
        if b > 0 {
            let boot = Bootstrap(replicates: b, seed: UInt64(plan.strategyBootstrapSeed))
            let design = StrategyDesign(itt, covariates: plan.strategyCovariates.compactMap(StrategyCovariate.init(rawValue:)))
            let curves = try? ReweightedKaplanMeier(exit: itt.map(\.days), event: itt.map(\.event), group: maintenance.map { $0 ? 1 : 0 }, groups: 2)
            intervals = boot.run(n: itt.count, measures: 2, level: plan.confidenceLevel, threads: Bootstrap.availableThreads) { sample in
                // A replicate with one strategy only has no weights (resampledWeights says so): not computable.
                guard let curves,
                      let w = try? StrategyWeighting.replicateWeights(design, sample: sample, treated: maintenance, start: start, plan: plan)
                else { return [nil, nil] }
                return StrategyOutcomes.differences(curves, sample: sample, weights: w)
            }
        } else {
            intervals = [nil, nil]
        }
        return measures.indices.map { k in
            guard let estimate = point[k] else {
                return .notEstimable(.iptw, measures[k], n: itt.count, events: events,
                                     reason: "follow-up of a strategy ends before \(k == 0 ? 182 : 84) days", warnings: warnings, method: methods[k])
            }
            guard let ci = intervals[k] else {
                return StrategyEstimate(analysis: .iptw, measure: measures[k], estimate: estimate, lower: nil, upper: nil, p: nil,
                                        n: itt.count, events: events,
                                        warnings: warnings + ["interval not estimable: " + (b == 0 ? "strategy.bootstrap_replicates is 0" : "fewer than 2 bootstrap replicates could be computed")],
                                        method: methods[k])
            }
            var w = warnings
            if ci.skipped > 0 { w.append("\(ci.skipped) of \(b) bootstrap replicates could not be computed and were skipped") }
            return StrategyEstimate(analysis: .iptw, measure: measures[k], estimate: estimate, lower: ci.lower, upper: ci.upper,
                                    p: Bootstrap.pValue(estimate: estimate, standardError: ci.standardError), n: itt.count, events: events,
                                    warnings: w, method: methods[k])
        }
    }
}
