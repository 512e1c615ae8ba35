import Foundation
import OutcomesDistributions
import OutcomesLinearAlgebra

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
    /// The stratum label ("all" without strata).
    public let stratum: String
    /// The time (every distinct exit time of the stratum).
    public let time: Double
    /// The cumulative hazard at `time`.
    public let cumulativeHazard: Double
}

extension CoxRegression {
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
