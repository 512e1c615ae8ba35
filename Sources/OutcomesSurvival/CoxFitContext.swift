import Foundation
import OutcomesLinearAlgebra

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
    /// Harrell's concordance of the fitted linear predictor (R's `concordance(fit)`), within strata.
    public static func concordance(model: CoxModel, data: SurvivalData, strata: Grouping? = nil) throws(SurvivalError) -> ConcordanceResult {
        try Concordance.harrell(data, score: model.linearPredictors, strata: strata)
    }
}
