import Foundation
import OutcomesDistributions
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

/// One time of a predicted survival curve.
public struct CoxPredictionRow: Sendable, Equatable {
    /// The time (every distinct exit time of the stratum).
    public let time: Double
    /// Weighted number at risk just before `time`.
    public let atRisk: Double
    /// Weighted number of events at `time`.
    public let events: Double
    /// Cumulative hazard for the covariate values, H₀(t)·exp(xβ) (R's `survfit.coxph()$cumhaz`).
    public let cumulativeHazard: Double
    /// Standard error of the cumulative hazard (R's `std.err`): Tsiatis' variance, hazard part plus the
    /// coefficient part dᵀVd.
    public let standardError: Double
    /// exp(−cumulativeHazard).
    public let survival: Double
    /// Lower limit on the log scale, survival·exp(−z·se).
    public let lower: Double
    /// Upper limit, survival·exp(z·se) clipped at 1.
    public let upper: Double
}

/// A predicted survival curve for one row of new covariate values (and one stratum).
public struct CoxPredictedCurve: Sendable {
    /// The zero-based row of the new covariate values.
    public let row: Int
    /// The stratum label ("all" without strata).
    public let stratum: String
    /// Rows at every distinct exit time of the stratum.
    public let rows: [CoxPredictionRow]
}

/// One row of a baseline cumulative hazard (R's `basehaz`).
public struct BaselineHazardRow: Sendable, Equatable {
    public let stratum: String
    public let time: Double
    public let cumulativeHazard: Double
}

/// A Cox model's data rebuilt for diagnostics: the kept columns' risk sets evaluated at the estimate.
struct CoxFitContext {
    let sets: CoxRiskSets
    let evaluation: CoxRiskSets.Evaluation
    let kept: [Int]
    let beta: [Double]
    /// Means of the kept columns used for centring.
    let means: [Double]

    init(covariates: Matrix, names: [String], data: SurvivalData, strata: Grouping?, model: CoxModel) throws(SurvivalError) {
        let n = data.count
        guard covariates.rows == n, names.count == covariates.columns, model.terms.count == covariates.columns else {
            throw .lengthMismatch("the covariates, names and data are not those the model was fitted to")
        }
        kept = (0..<covariates.columns).filter { !model.dropped.contains(names[$0]) }
        var design = Matrix(rows: n, columns: kept.count)
        var means: [Double] = []
        for (k, j) in kept.enumerated() {
            let column = covariates.storage[(j * n)..<((j + 1) * n)]
            design.storage.replaceSubrange((k * n)..<((k + 1) * n), with: column)
            means.append(column.reduce(0, +) / Double(max(n, 1)))
        }
        self.means = means
        beta = kept.map { model.terms[$0].coefficient }
        sets = CoxRiskSets(covariates: design, data: data, strata: strata?.codes ?? Array(repeating: 0, count: n), ties: model.ties)
        evaluation = sets.evaluate(beta)
    }

    /// Per event index: hazard increment Σ w/den, its variance term Σ w/den², and Σ w·a/den (p values).
    func hazardIncrements() -> (hazard: [Double], variance: [Double], xbar: [Double]) {
        let eCount = sets.eventTime.count, p = sets.p
        var haz = [Double](repeating: 0, count: eCount), varhaz = haz
        var xbar = [Double](repeating: 0, count: eCount * p)
        sets.forEachTerm(s0: evaluation.s0, s1: evaluation.s1, d0: evaluation.d0, d1: evaluation.d1) { e, weight, den, a in
            haz[e] += weight / den
            varhaz[e] += weight / (den * den)
            for j in 0..<p { xbar[e * p + j] += weight * a[j] / den }
        }
        return (haz, varhaz, xbar)
    }
}

extension CoxModel {
    /// Akaike's information criterion, −2 log L + 2k with k the number of estimated (not dropped) coefficients,
    /// as R's `AIC(fit)`.
    public var aic: Double { -2 * logLikelihood + 2 * Double(terms.count - dropped.count) }
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

    /// Predicted survival curves for rows of new covariate values (columns as in the fit; dropped columns are
    /// ignored), as R's `survfit(fit, newdata)`: the Breslow or, for an Efron fit, Efron-corrected baseline
    /// hazard, surv = exp(−H) (`stype = 2`), and Tsiatis' standard error of H with log-scale limits; the
    /// coefficient part of the variance uses the robust variance when the fit has one, as R does.
    /// With strata, one curve per stratum for every row.
    public static func predictSurvival(covariates: Matrix, names: [String], data: SurvivalData, strata: Grouping? = nil,
                                       model: CoxModel, newCovariates: Matrix, level: Double = 0.95) throws(SurvivalError) -> [CoxPredictedCurve] {
        guard newCovariates.columns == covariates.columns else {
            throw .lengthMismatch("the model has \(covariates.columns) covariates but the new values have \(newCovariates.columns) columns")
        }
        for (k, v) in newCovariates.storage.enumerated() where !v.isFinite {
            throw .nonFinite(name: "new covariate \(names[k / max(newCovariates.rows, 1)])", row: k % max(newCovariates.rows, 1), value: v)
        }
        guard level > 0 && level < 1 else { throw .invalidArgument("confidence level must lie in (0, 1), got \(level)") }
        let context = try CoxFitContext(covariates: covariates, names: names, data: data, strata: strata, model: model)
        let sets = context.sets, p = sets.p
        let (haz, varhaz, xbar) = context.hazardIncrements()
        // R's survfit.coxph uses fit$var, which is the robust variance when the fit has one.
        let coefficientVariance = model.robustVariance ?? model.variance
        let z = Normal.quantile(1 - (1 - level) / 2)
        let labels = strata?.labels ?? ["all"]
        let grid = curveGrid(data, strata: strata)
        var curves: [CoxPredictedCurve] = []
        for row in 0..<newCovariates.rows {
            let xc = context.kept.enumerated().map { k, j in newCovariates[row, j] - context.means[k] }
            let risk = Foundation.exp(zip(xc, context.beta).reduce(0) { $0 + $1.0 * $1.1 })
            for (s, times) in grid.enumerated() where !times.isEmpty {
                var events = (0..<sets.eventTime.count).filter { sets.eventStratum[$0] == s }[...]
                var h = 0.0, v = 0.0
                var d = [Double](repeating: 0, count: p)
                var rows: [CoxPredictionRow] = []
                for point in times {
                    while let e = events.first, sets.eventTime[e] <= point.time {
                        h += haz[e]; v += varhaz[e]
                        for j in 0..<p { d[j] += xc[j] * haz[e] - xbar[e * p + j] }
                        events.removeFirst()
                    }
                    let coefficientPart = CoxRegression.quadraticForm(coefficientVariance, d)
                    let cumulative = h * risk
                    let se = ((v + coefficientPart) * risk * risk).squareRoot()
                    let surv = Foundation.exp(-cumulative)
                    let (lower, upper) = ConfidenceTransform.log.interval(survival: surv, logStandardError: se, z: z)
                    rows.append(CoxPredictionRow(time: point.time, atRisk: point.atRisk, events: point.events, cumulativeHazard: cumulative,
                                                 standardError: se, survival: surv, lower: lower, upper: upper))
                }
                curves.append(CoxPredictedCurve(row: row, stratum: labels[s], rows: rows))
            }
        }
        return curves
    }

    /// The covariate values R's `coxph` centres on (`fit$means`): the unweighted column mean, except 0 for a column
    /// whose values all lie in {−1, 0, 1} (R's default `nocenter = c(-1, 0, 1)`).
    public static func centringValues(covariates: Matrix) -> [Double] {
        let n = covariates.rows
        return (0..<covariates.columns).map { j in
            let column = covariates.storage[(j * n)..<((j + 1) * n)]
            if column.allSatisfy({ $0 == -1 || $0 == 0 || $0 == 1 }) { return 0 }
            return column.reduce(0, +) / Double(max(n, 1))
        }
    }

    /// The baseline cumulative hazard as R's `basehaz(fit, centered)`: the predicted cumulative hazard at the
    /// centring values of `centringValues` (`centered = true`, R's default) or at zero.
    public static func baselineHazard(covariates: Matrix, names: [String], data: SurvivalData, strata: Grouping? = nil,
                                      model: CoxModel, centered: Bool = true) throws(SurvivalError) -> [BaselineHazardRow] {
        let at = centered ? centringValues(covariates: covariates) : Array(repeating: 0, count: covariates.columns)
        var newValues = Matrix(rows: 1, columns: covariates.columns)
        for j in 0..<covariates.columns { newValues[0, j] = at[j] }
        return try predictSurvival(covariates: covariates, names: names, data: data, strata: strata, model: model, newCovariates: newValues)
            .flatMap { curve in curve.rows.map { BaselineHazardRow(stratum: curve.stratum, time: $0.time, cumulativeHazard: $0.cumulativeHazard) } }
    }

    /// Harrell's concordance of the fitted linear predictor (R's `concordance(fit)`), within strata.
    public static func concordance(model: CoxModel, data: SurvivalData, strata: Grouping? = nil) throws(SurvivalError) -> ConcordanceResult {
        try Concordance.harrell(data, score: model.linearPredictors, strata: strata)
    }

    /// Per stratum, every distinct exit time with the weighted number at risk and events.
    static func curveGrid(_ data: SurvivalData, strata: Grouping?) -> [[(time: Double, atRisk: Double, events: Double)]] {
        let groups = strata ?? .single(count: data.count)
        var members = Array(repeating: [Int](), count: groups.labels.count)
        for (i, c) in groups.codes.enumerated() { members[c].append(i) }
        return members.map { rows in
            KaplanMeier.curveRows(data, rows, transform: .log, z: 1, variance: .greenwood).map { ($0.time, $0.atRisk, $0.events) }
        }
    }
}
