import OutcomesText
import OutcomesLinearAlgebra
import OutcomesModels

/// The per-protocol analysis: follow-up censored at deviation from the recorded strategy (as_needed: the first
/// maintenance session; maintenance: no session for longer than the grace period), reweighted by inverse
/// probability of censoring from a pooled logistic model for deviation over 14-day periods, fitted within each
/// recorded strategy (baseline covariates, period and period²), stabilized by a model of period alone, times
/// the intention-to-treat IPT weights. Cox model on the (start, stop] periods with the robust variance clustered
/// by patient.
public struct StrategyPerProtocolSummary: Sendable {
    public static let periodDays = 14.0
    /// Patients censored at deviation, by recorded strategy.
    public let deviatedMaintenance: Int
    public let deviatedAsNeeded: Int
    /// Person-period rows of the deviation model.
    public let periods: Int
    /// Mean and largest combined weight over person-periods (nil when not computed).
    public let meanWeight: Double?
    public let maxWeight: Double?
    public let notes: [String]
    public let estimate: StrategyEstimate
}

enum StrategyPerProtocol {
    /// Fewest deviations in a strategy for the censoring model to include the baseline covariates.
    static let minimumDeviationsForCovariates = 10

    static func estimate(_ itt: [StrategyParticipant], maintenance: [Bool], weighting: StrategyWeighting?, plan: AnalysisPlan) -> StrategyPerProtocolSummary {
        let L = StrategyPerProtocolSummary.periodDays
        let method = "Cox proportional hazards (Efron ties) censored at deviation from the recorded strategy, weighted by IPT × stabilized IPC weights (pooled logistic model for deviation per \(NumberText.shortest(L))-day period within each recorded strategy: baseline covariates, period, period²), robust variance clustered by patient; Wald interval"
        let devM = itt.indices.filter { maintenance[$0] && deviates(itt[$0]) }.count
        let devA = itt.indices.filter { !maintenance[$0] && deviates(itt[$0]) }.count
        let ppEvents = itt.filter { p in p.event && !deviates(p) }.count
        guard let weighting else {
            return StrategyPerProtocolSummary(deviatedMaintenance: devM, deviatedAsNeeded: devA, periods: 0, meanWeight: nil, maxWeight: nil, notes: [],
                                              estimate: .notEstimable(.perProtocol, .hazardRatio, n: itt.count, events: ppEvents,
                                                                      reason: "the propensity model could not be fitted", method: method))
        }
        let design = StrategyDesign(itt, covariates: weighting.covariates)
        var entry: [Double] = [], exit: [Double] = [], event: [Bool] = [], censored: [Bool] = [], subject: [Int] = [], period: [Double] = []
        for (i, p) in itt.enumerated() {
            let end = min(p.days, p.deviationDay ?? .infinity)
            let deviated = deviates(p)
            // Period starts 0, L, 2L, … before the end; a last piece shorter than a millionth of the follow-up
            // joins the period before it (the Cox fit would merge its ends as tied times).
            var starts = Array(stride(from: 0.0, to: end, by: L))
            if starts.count > 1, end - starts[starts.count - 1] <= 1e-6 * end { starts.removeLast() }
            for (k, start) in starts.enumerated() {
                let last = k == starts.count - 1
                let stop = last ? end : starts[k + 1]
                entry.append(start); exit.append(stop); subject.append(i); period.append(Double(k))
                event.append(last && p.event && !deviated)
                censored.append(last && deviated)
            }
        }
        let rows = entry.count
        // Censoring model per recorded strategy (deviation means something different in each arm): baseline
        // covariates, period and period²; stabilized by period and period² alone.
        let base = design.dense.columns
        let extra = ["period", "period^2"]
        var ipcwWeights = [Double](repeating: 1, count: rows)
        var notes: [String] = []
        var anyModel = false
        do throws(ModelError) {
            for arm in [true, false] {
                let idx = (0..<rows).filter { maintenance[subject[$0]] == arm }
                guard !idx.isEmpty else { continue }
                var x = Matrix(rows: idx.count, columns: base + 2)
                var group = [Int](repeating: 0, count: idx.count)
                var top = Matrix(rows: idx.count, columns: 3)
                for (r, row) in idx.enumerated() {
                    let i = subject[row], k = period[row]
                    for j in 0..<base { x[r, j] = design.dense[i, j] }
                    group[r] = design.group[i]
                    x[r, base] = k; x[r, base + 1] = k * k
                    top[r, 0] = 1; top[r, 1] = k; top[r, 2] = k * k
                }
                let label = arm ? TreatmentStrategy.maintenance.rawValue : TreatmentStrategy.asNeeded.rawValue
                let deviations = idx.filter { censored[$0] }.count
                // Too few deviations to model them on the baseline covariates (the fit separates): the censoring
                // weights are then 1 (a model of the period alone is what the stabilizing numerator cancels), and say so.
                guard deviations >= minimumDeviationsForCovariates else {
                    if deviations > 0 {
                        notes.append("\(label): \(deviations) deviation\(deviations == 1 ? "" : "s"), fewer than \(minimumDeviationsForCovariates) to model on the baseline covariates: censoring weights 1")
                    }
                    continue
                }
                // The site (the covariate with most levels) is absorbed rather than expanded into indicator columns.
                let ipcw = try CensoringWeighting.fit(dense: x, denseNames: design.denseNames + extra, group: group,
                                                      groupLevels: design.groupLevels.count, groupName: design.groupName, numerator: (top, ["(Intercept)"] + extra),
                                                      censored: idx.map { censored[$0] }, subjects: idx.map { subject[$0] })
                notes += ipcw.notes.map { "\(label): " + $0 }
                anyModel = anyModel || ipcw.modelled
                for (r, row) in idx.enumerated() { ipcwWeights[row] = ipcw.weights[r] }
            }
            let w = (0..<rows).map { weighting.fit.weights[subject[$0]] * ipcwWeights[$0] }
            guard w.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                return StrategyPerProtocolSummary(deviatedMaintenance: devM, deviatedAsNeeded: devA, periods: rows, meanWeight: nil, maxWeight: nil,
                                                  notes: notes, estimate: .notEstimable(.perProtocol, .hazardRatio, n: itt.count, events: ppEvents,
                                                                                            reason: "a censoring probability of 1 gives an infinite weight", method: method))
            }
            var warnings = weighting.warnings
            if !anyModel { warnings.append("no censoring model was fitted (no strategy had \(minimumDeviationsForCovariates) deviations): per protocol is intention to treat censored at deviation") }
            if notes.contains(where: { $0.contains("separation") }) {
                warnings.append("the censoring model separates on some covariates (see notes): its weights for those patients are unstable")
            }
            let e = StrategyOutcomes.hazardRatio(.perProtocol, exit: exit, event: event, maintenance: subject.map { maintenance[$0] }, weights: w,
                                                 entry: entry, clusters: subject.map { itt[$0].patientID }, patients: itt.count,
                                                 level: plan.confidenceLevel, warnings: warnings, method: method)
            return StrategyPerProtocolSummary(deviatedMaintenance: devM, deviatedAsNeeded: devA, periods: rows,
                                              meanWeight: w.reduce(0, +) / Double(rows), maxWeight: w.max(), notes: notes, estimate: e)
        } catch {
            return StrategyPerProtocolSummary(deviatedMaintenance: devM, deviatedAsNeeded: devA, periods: rows, meanWeight: nil, maxWeight: nil, notes: [],
                                              estimate: .notEstimable(.perProtocol, .hazardRatio, n: itt.count, events: ppEvents,
                                                                      reason: "the deviation model could not be fitted: \(error.description)", method: method))
        }
    }

    /// Whether the patient left the strategy before relapse or the end of follow-up.
    static func deviates(_ p: StrategyParticipant) -> Bool {
        guard let d = p.deviationDay else { return false }
        return d < p.days || (d == p.days && !p.event)
    }
}
