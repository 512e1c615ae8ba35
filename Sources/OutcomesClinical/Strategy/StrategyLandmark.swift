import OutcomesModels
import OutcomesText

/// The landmark analysis: every eligible patient, recorded strategy or not, classified by what they received in
/// the grace period (a maintenance session in (0, grace] days: maintenance), followed from the landmark (the end
/// of the grace period); those whose relapse or censoring came at or before it are left out and counted.
/// IPT-weighted with a propensity model refitted on the landmark cohort.
public struct StrategyLandmark: Sendable {
    public let landmarkDays: Double
    /// Eligible patients (any recorded strategy).
    public let eligible: Int
    /// Relapsed at or before the landmark (left out).
    public let relapsedBeforeLandmark: Int
    /// Censored at or before the landmark (left out).
    public let censoredBeforeLandmark: Int
    /// Left out for a missing covariate.
    public let missingCovariate: Int
    /// Analysed, by strategy received.
    public let maintenance: Int
    public let asNeeded: Int
    /// Of the analysed, those whose recorded strategy was blank (classified by what they received).
    public let classifiedWithoutRecord: Int
    public let weighting: StrategyWeighting?
    public let estimate: StrategyEstimate

    static func estimate(_ cohort: StrategyCohort, covariates: [StrategyCovariate], plan: AnalysisPlan) -> StrategyLandmark {
        let g = cohort.gracePeriodDays
        let all = cohort.participants
        let relapsed = all.filter { $0.days <= g && $0.event }.count
        let censored = all.filter { $0.days <= g && !$0.event }.count
        let past = all.filter { $0.days > g }
        let rows = past.filter { $0.missing(covariates) == nil }
        let m = rows.map { $0.receivedInGrace == .maintenance }
        let method = "Cox proportional hazards (Efron ties) from the landmark (day \(NumberText.shortest(g))) on the strategy received in the grace period, IPT-weighted (propensity model refitted on the landmark cohort), robust (sandwich) variance; Wald interval"
        var weighting: StrategyWeighting?
        let result: StrategyEstimate
        let events = rows.filter(\.event).count
        if Set(m).count < 2 {
            result = .notEstimable(.landmark, .hazardRatio, n: rows.count, events: events, reason: "one strategy received has no patients past the landmark", method: method)
        } else {
            do {
                let w = try StrategyWeighting.fit(rows, maintenance: m, plan: plan)
                weighting = w
                result = StrategyOutcomes.hazardRatio(.landmark, exit: rows.map { $0.days - g }, event: rows.map(\.event), maintenance: m,
                                                      weights: w.fit.weights, patients: rows.count, level: plan.confidenceLevel,
                                                      warnings: w.warnings, method: method)
            } catch {
                result = .notEstimable(.landmark, .hazardRatio, n: rows.count, events: events,
                                       reason: "the propensity model could not be fitted: \(error.description)", method: method)
            }
        }
        return StrategyLandmark(landmarkDays: g, eligible: all.count, relapsedBeforeLandmark: relapsed, censoredBeforeLandmark: censored,
                                missingCovariate: past.count - rows.count, maintenance: m.filter { $0 }.count, asNeeded: m.filter { !$0 }.count,
                                classifiedWithoutRecord: rows.filter { $0.recorded == nil }.count, weighting: weighting, estimate: result)
    }
}
