import OutcomesSurvival
import OutcomesLinearAlgebra

/// The hazard ratio on the interval form of relapse: a Weibull proportional-hazards fit to (last score below the
/// threshold, first at or above], IPT-weighted with the robust sandwich variance (survreg(Surv(left, right,
/// type = "interval2") ~ maintenance, weights =, robust = TRUE), hazard ratio exp(−β/σ)).
enum StrategyIntervalCensored {
    /// `weighting` nil gives the unweighted fit with the model-based variance.
    static func estimate(_ allITT: [StrategyParticipant], maintenance allMaintenance: [Bool], weighting: StrategyWeighting?,
                         level: Double, analysis: StrategyAnalysis = .intervalCensored) -> StrategyEstimate {
        let method = weighting == nil
            ? "Weibull proportional hazards on the interval form (last score below the threshold, first at or above], unweighted, model-based variance; delta-method Wald interval"
            : "Weibull proportional hazards on the interval form (last score below the threshold, first at or above], IPT-weighted, robust (sandwich) variance; delta-method Wald interval"
        // A follow-up censored at time zero (unconfirmed high scores from the start) carries no information on the
        // log-time scale; such patients are left out and counted.
        let keep = allITT.indices.filter { allITT[$0].intervalRight != nil || allITT[$0].intervalLeft > 0 }
        let itt = keep.map { allITT[$0] }, maintenance = keep.map { allMaintenance[$0] }
        let dropped = allITT.count - keep.count
        let droppedNote = dropped > 0 ? ["\(dropped) patient\(dropped == 1 ? "" : "s") censored at time zero in the interval form left out"] : []
        let events = itt.filter { $0.intervalRight != nil }.count
        let baseWarnings = weighting?.warnings ?? []
        do {
            let data = try IntervalCensoredData(left: itt.map { Optional($0.intervalLeft) }, right: itt.map(\.intervalRight))
            var x = Matrix(rows: itt.count, columns: 1)
            for (i, m) in maintenance.enumerated() { x[i, 0] = m ? 1 : 0 }
            var options = ParametricSurvivalOptions()
            options.level = level
            let model = try ParametricSurvival.fit(data, covariates: x, names: ["maintenance"], distribution: .weibull,
                                                   weights: weighting.map { w in keep.map { w.fit.weights[$0] } }, options: options)
            guard let hr = model.hazardRatios.first, hr.hazardRatio.isFinite, hr.standardError.isFinite else {
                return .notEstimable(analysis, .hazardRatio, n: itt.count, events: events, reason: "the Weibull fit gave no finite hazard ratio",
                                     warnings: baseWarnings + droppedNote, method: method)
            }
            var warnings = baseWarnings + droppedNote
            if !model.converged { warnings.append("the Weibull fit did not converge in \(model.iterations) iterations") }
            let e = hr.eValue(outcome: StrategyOutcomes.eValueOutcome(events: events, n: itt.count))
            return StrategyEstimate(analysis: analysis, measure: .hazardRatio, estimate: hr.hazardRatio, lower: hr.lower, upper: hr.upper,
                                    p: hr.pValue, n: itt.count, events: events, warnings: warnings,
                                    eValue: e?.estimate, eValueLimit: e?.limit, method: method)
        } catch {
            return .notEstimable(analysis, .hazardRatio, n: itt.count, events: events, reason: "\(error)", warnings: baseWarnings + droppedNote, method: method)
        }
    }
}
