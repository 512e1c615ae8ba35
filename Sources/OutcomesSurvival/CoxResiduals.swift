import Foundation
import OutcomesLinearAlgebra

/// The kinds of Cox-model residual, named as R's `residuals.coxph(type =)`.
public enum CoxResidualType: String, Sendable, CaseIterable {
    /// δᵢ − exp(ηᵢ) Λ₀(tᵢ) (with Efron's tie correction for a row dying at a tied time): one per row.
    case martingale
    /// sign(M) √(−2 (M + δ log(δ − M))): one per row.
    case deviance
    /// Score residuals, one column per coefficient: one per row.
    case score
    /// xᵢ − x̄(tᵢ), one row per event (ordered by stratum, time, input order), one column per coefficient.
    case schoenfeld
    /// Schoenfeld residuals scaled as R's `scaledsch`: r V · (number of events) + β.
    case scaledSchoenfeld = "scaledsch"
    /// Approximate change in each coefficient when the row is left out: score residuals × V, times the case weight.
    case dfbeta
    /// dfbeta divided by the model-based standard errors.
    case dfbetas
}

/// Residuals of a Cox model.
public struct CoxResiduals: Sendable {
    /// The residual type.
    public let type: CoxResidualType
    /// Column names: "residual" for martingale and deviance, else the kept coefficient names.
    public let columns: [String]
    /// The zero-based input row of each residual row (every row, or the event rows for Schoenfeld residuals).
    public let rows: [Int]
    /// The event time of each row (Schoenfeld types), else nil.
    public let times: [Double]?
    /// Residual values, `rows.count` × `columns.count`.
    public let values: Matrix
}

extension CoxRegression {
    /// Residuals of `model`, fitted by `fit` with the same covariates, names, data and strata, as R's
    /// `residuals(fit, type =)` (unweighted except dfbeta and dfbetas, which R multiplies by the case weights).
    public static func residuals(_ type: CoxResidualType, covariates: Matrix, names: [String], data: SurvivalData,
                                 strata: Grouping? = nil, model: CoxModel) throws(SurvivalError) -> CoxResiduals {
        let context = try CoxFitContext(covariates: covariates, names: names, data: data, strata: strata, model: model)
        let sets = context.sets, n = sets.n, p = sets.p
        let keptNames = context.kept.map { names[$0] }
        switch type {
        case .martingale, .deviance:
            let (haz, _, _) = context.hazardIncrements()
            var hazFrac = [Double](repeating: 0, count: haz.count)
            var last = -1, k = 0
            sets.forEachTerm(s0: context.evaluation.s0, s1: context.evaluation.s1, d0: context.evaluation.d0, d1: context.evaluation.d1) { e, weight, den, _ in
                if e != last { last = e; k = 0 } else { k += 1 }
                if sets.ties == .efron && sets.deaths[e] > 1 { hazFrac[e] += weight * (Double(k) / Double(sets.deaths[e])) / den }
            }
            var cumulative = haz
            for e in 1..<max(haz.count, 1) where sets.eventStratum[e] == sets.eventStratum[e - 1] { cumulative[e] += cumulative[e - 1] }
            var out = Matrix(rows: n, columns: 1)
            for position in 0..<n {
                var h = 0.0
                if sets.lastEventAtExit[position] >= 0 { h += cumulative[sets.lastEventAtExit[position]] }
                if sets.lastEventAtEntry[position] >= 0 { h -= cumulative[sets.lastEventAtEntry[position]] }
                if sets.ownEvent[position] >= 0 { h -= hazFrac[sets.ownEvent[position]] }
                let delta = sets.event[position] ? 1.0 : 0.0
                var m = delta - Foundation.exp(context.evaluation.eta[position]) * h
                if type == .deviance {
                    let inside = delta > 0 ? m + delta * Foundation.log(delta - m) : m
                    m = (m < 0 ? -1 : 1) * (-2 * inside).squareRoot()
                }
                out[sets.order[position], 0] = m
            }
            return CoxResiduals(type: type, columns: ["residual"], rows: Array(0..<n), times: nil, values: out)
        case .score, .dfbeta, .dfbetas:
            let sorted = scoreResiduals(sets, context.evaluation)
            var out = Matrix(rows: n, columns: p)
            for position in 0..<n { for j in 0..<p { out[sets.order[position], j] = sorted[position, j] } }
            if type != .score {
                do { out = try out.multiplied(by: model.variance) } catch { throw .numerical("dfbeta: \(error)") }
                for i in 0..<n { for j in 0..<p { out[i, j] *= data.weights[i] } }
                if type == .dfbetas {
                    for j in 0..<p {
                        let se = model.variance[j, j].squareRoot()
                        for i in 0..<n { out[i, j] /= se }
                    }
                }
            }
            return CoxResiduals(type: type, columns: keptNames, rows: Array(0..<n), times: nil, values: out)
        case .schoenfeld, .scaledSchoenfeld:
            // x̄ per event: the mean over the likelihood terms of the event time (Efron's d discounted means).
            var abar = [Double](repeating: 0, count: sets.eventTime.count * p)
            var terms = [Double](repeating: 0, count: sets.eventTime.count)
            sets.forEachTerm(s0: context.evaluation.s0, s1: context.evaluation.s1, d0: context.evaluation.d0, d1: context.evaluation.d1) { e, _, _, a in
                for j in 0..<p { abar[e * p + j] += a[j] }
                terms[e] += 1
            }
            let deaths = (0..<n).filter { sets.event[$0] }
            var out = Matrix(rows: deaths.count, columns: p)
            for (r, position) in deaths.enumerated() {
                let e = sets.ownEvent[position]
                for j in 0..<p { out[r, j] = sets.x.storage[j * n + position] - abar[e * p + j] / terms[e] }
            }
            if type == .scaledSchoenfeld {
                do { out = try out.multiplied(by: model.variance) } catch { throw .numerical("scaled Schoenfeld: \(error)") }
                let events = Double(deaths.count)
                for r in 0..<deaths.count { for j in 0..<p { out[r, j] = out[r, j] * events + context.beta[j] } }
            }
            return CoxResiduals(type: type, columns: keptNames, rows: deaths.map { sets.order[$0] },
                                times: deaths.map { sets.exit[$0] }, values: out)
        }
    }
}
