import Foundation
import OutcomesText
import OutcomesModels

/// Inverse-probability-of-treatment weights for maintenance vs as-needed among a set of participants, with the
/// warnings the plan's thresholds call for (`strategy.max_smd`, `strategy.min_ess`).
public struct StrategyWeighting: Sendable {
    public let covariates: [StrategyCovariate]
    public let estimand: WeightingEstimand
    /// Propensity model, scores, weights, balance (maintenance = treated) and ESS (as_needed first).
    public let fit: PropensityWeights
    /// "weighted |SMD| above …" and "effective sample size below …", naming what crossed the line.
    public let warnings: [String]

    /// Fits the propensity model by logistic regression of maintenance on the plan's covariates.
    public static func fit(_ participants: [StrategyParticipant], maintenance: [Bool], plan: AnalysisPlan) throws(ModelError) -> StrategyWeighting {
        let covariates = plan.strategyCovariates.compactMap(StrategyCovariate.init(rawValue:))
        let design = StrategyDesign(participants, covariates: covariates)
        let options = weightingOptions(plan)
        let fit = try PropensityWeighting.fit(dense: design.dense, denseNames: design.denseNames, group: design.group,
                                              groupLevels: design.groupLevels.count, groupName: design.groupName, treated: maintenance,
                                              balance: design.balanceCovariates,
                                              groupLabels: (TreatmentStrategy.asNeeded.rawValue, TreatmentStrategy.maintenance.rawValue),
                                              options: options)
        var warnings: [String] = []
        let imbalanced = fit.balance.filter { abs($0.smdAfter) > plan.strategyMaxSMD }
        if !imbalanced.isEmpty {
            warnings.append("weighted |SMD| above \(NumberText.shortest(plan.strategyMaxSMD)): "
                            + imbalanced.map { "\($0.covariate) \($0.smdAfter.isFinite ? NumberText.fixed(abs($0.smdAfter), 3) : "not estimable")" }.joined(separator: ", "))
        }
        let small = fit.effectiveSampleSize.filter { $0.ess < plan.strategyMinESS }
        if !small.isEmpty {
            warnings.append("effective sample size below \(NumberText.shortest(plan.strategyMinESS)): "
                            + small.map { "\($0.group) \($0.ess.isFinite ? NumberText.fixed($0.ess, 1) : "not estimable")" }.joined(separator: ", "))
        }
        return StrategyWeighting(covariates: covariates, estimand: options.estimand, fit: fit, warnings: warnings)
    }

    /// The weights of a bootstrap replicate, in sample order: the propensity model refitted on the rows `sample` of
    /// `design` (built once over all participants; `treated` is every participant's strategy), each distinct row
    /// weighted by its copies, without the balance table and warnings, which a replicate does not use. The
    /// iterations start from `start`, each participant's linear predictor in the full-sample fit (R's `etastart`).
    static func replicateWeights(_ design: StrategyDesign, sample: [Int], treated: [Bool], start: [Double],
                                 plan: AnalysisPlan) throws(ModelError) -> [Double] {
        try PropensityWeighting.resampledWeights(dense: design.dense, group: design.group, groupLevels: design.groupLevels.count,
                                                 treated: treated, sample: sample, options: weightingOptions(plan), etaStart: start)
    }

    /// Each participant's linear predictor logit(e) in this fit, where a replicate's iterations start. Scores of
    /// exactly 0 or 1 start from ±36, past which the logistic link gives 0 or 1 in double precision (as R's).
    var linearPredictor: [Double] {
        fit.scores.map { e in
            let eta = log(e / (1 - e))
            return eta.isFinite ? min(36, max(-36, eta)) : (e < 0.5 ? -36 : 36)
        }
    }

    static func weightingOptions(_ plan: AnalysisPlan) -> WeightingOptions {
        let estimand = WeightingEstimand(rawValue: plan.strategyEstimand) ?? .ate
        var options = WeightingOptions()
        options.estimand = estimand
        options.stabilize = estimand == .ate
        if plan.strategyTruncatePercentile > 0 { options.trimQuantile = plan.strategyTruncatePercentile / 100 }
        return options
    }
}
