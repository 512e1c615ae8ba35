import OutcomesSurvival
import OutcomesLinearAlgebra

/// The hazard ratio on the interval form of relapse: a Weibull proportional-hazards fit to (last score below the
/// threshold, first at or above], IPT-weighted with the robust sandwich variance (survreg(Surv(left, right,
/// type = "interval2") ~ maintenance, weights =, robust = TRUE), hazard ratio exp(−β/σ)).
enum StrategyIntervalCensored {
    static func estimate(_ allITT: [StrategyParticipant], maintenance allMaintenance: [Bool], weighting: StrategyWeighting?, level: Double) -> StrategyEstimate {
        // A follow-up censored at time zero (unconfirmed high scores from the start) carries no information on the
        // log-time scale; such patients are left out and counted.
        let keep = allITT.indices.filter { allITT[$0].intervalRight != nil || allITT[$0].intervalLeft > 0 }
        let itt = keep.map { allITT[$0] }, maintenance = keep.map { allMaintenance[$0] }
        let dropped = allITT.count - keep.count
        let droppedNote = dropped > 0 ? ["\(dropped) patient\(dropped == 1 ? "" : "s") censored at time zero in the interval form left out"] : []
        let method = "Weibull proportional hazards on the interval form (last score below the threshold, first at or above], IPT-weighted, robust (sandwich) variance; delta-method Wald interval"
        let events = itt.filter { $0.intervalRight != nil }.count
        guard let weighting else {
            return .notEstimable(.intervalCensored, .hazardRatio, n: itt.count, events: events, reason: "the propensity model could not be fitted", method: method)
        }
        do {
            let data = try IntervalCensoredData(left: itt.map { Optional($0.intervalLeft) }, right: itt.map(\.intervalRight))
            var x = Matrix(rows: itt.count, columns: 1)
            for (i, m) in maintenance.enumerated() { x[i, 0] = m ? 1 : 0 }
            var options = ParametricSurvivalOptions()
            options.level = level
            let model = try ParametricSurvival.fit(data, covariates: x, names: ["maintenance"], distribution: .weibull,
                                                   weights: keep.map { weighting.fit.weights[$0] }, options: options)
            guard let hr = model.hazardRatios.first, hr.hazardRatio.isFinite, hr.standardError.isFinite else {
                return .notEstimable(.intervalCensored, .hazardRatio, n: itt.count, events: events, reason: "the Weibull fit gave no finite hazard ratio",
                                     warnings: weighting.warnings, method: method)
            }
            var warnings = weighting.warnings + droppedNote
            if !model.converged { warnings.append("the Weibull fit did not converge in \(model.iterations) iterations") }
            let e = hr.eValue(outcome: StrategyOutcomes.eValueOutcome(events: events, n: itt.count))
            return StrategyEstimate(analysis: .intervalCensored, measure: .hazardRatio, estimate: hr.hazardRatio, lower: hr.lower, upper: hr.upper,
                                    p: hr.pValue, n: itt.count, events: events, warnings: warnings,
                                    eValue: e?.estimate, eValueLimit: e?.limit, method: method)
        } catch {
            return .notEstimable(.intervalCensored, .hazardRatio, n: itt.count, events: events, reason: "\(error)", warnings: weighting.warnings, method: method)
        }
    }
}
