import OutcomesLinearAlgebra
import Testing
@testable import OutcomesSurvival

/// IPT-weighted survival fits against R (Fixtures/make_fixtures_weighted.R: stabilized ATE weights from glm, then
/// coxph(weights =, robust = TRUE), survfit(weights =), survreg(interval2, weights =) with the weighted sandwich
/// V (Σ w² s sᵀ) V written out in R, since survreg(robust = TRUE) leaves the weights out of its middle).
/// Tolerances: 1e-7 relative for Cox and Kaplan–Meier values (same algorithms, R's convergence at 1e-9 in the
/// log-likelihood); 1e-5 relative for the Weibull fit (R stops Newton–Raphson at a relative change of 1e-9, we at
/// 1e-11, so R's coefficients carry about 1e-6 of their own error).
@Suite struct WeightedStrategyFitsTests {
    let f = Fixture("weighted_strategy")
    let r: Reference = {
        var table: [String: [String: [String]]] = [:]
        for line in Fixture.text("weighted_reference.csv").split(separator: "\n").dropFirst() {
            let parts = line.split(separator: ",", maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3 else { continue }
            table[String(parts[0]), default: [:]][String(parts[1])] = parts[2].split(separator: " ").map(String.init)
        }
        return Reference(table: table)
    }()

    @Test func weightedCoxRobustMatchesCoxph() throws {
        let data = try SurvivalData(exit: f.column("time"), event: f.column("status").map { $0 == 1 }, weights: f.column("w"))
        let x = try Matrix(rows: data.count, columns: 1, columnMajor: f.column("treat"))
        var o = CoxOptions()
        o.robust = true
        let m = try CoxRegression.fit(covariates: x, names: ["treat"], data: data, options: o)
        let t = m.terms[0]
        expectClose([t.coefficient], r.numbers("cox", "coef"), 1e-7, relative: true, "coef")
        expectClose([t.robustStandardError ?? .nan], r.numbers("cox", "robust_se"), 1e-7, relative: true, "robust se")
        expectClose([t.standardError], r.numbers("cox", "naive_se"), 1e-7, relative: true, "naive se")
        expectClose([t.hazardRatioLower, t.hazardRatioUpper], r.numbers("cox", "hr_lower") + r.numbers("cox", "hr_upper"), 1e-7, relative: true, "interval")
        expectClose([t.pValue], r.numbers("cox", "p"), 1e-7, relative: true, "p")
    }

    @Test func weightedKaplanMeierMatchesSurvfit() throws {
        let treat = f.column("treat"), time = f.column("time"), status = f.column("status"), w = f.column("w")
        for g in [0.0, 1.0] {
            let idx = treat.indices.filter { treat[$0] == g }
            let data = try SurvivalData(exit: idx.map { time[$0] }, event: idx.map { status[$0] == 1 }, weights: idx.map { w[$0] })
            let curve = try KaplanMeier.fit(data)[0]
            let name = "km\(Int(g))"
            expectClose(curve.riskTable(at: [84, 182]).map(\.survival), r.numbers(name, "surv_84_182"), 1e-7, relative: true, "\(name) survival")
            expectClose([try RestrictedMeanSurvival.estimate(curve, tau: 182).estimate], r.numbers(name, "rmst_182"), 1e-7, relative: true, "\(name) rmst")
        }
    }

    @Test func weightedIntervalCensoredWeibullMatchesSurvregRobust() throws {
        let data = try intervalData(f, left: "left", right: "right")
        let x = try Matrix(rows: data.count, columns: 1, columnMajor: f.column("treat"))
        let m = try ParametricSurvival.fit(data, covariates: x, names: ["treat"], distribution: .weibull, weights: f.column("w"))
        expectClose(m.terms.map(\.coefficient), r.numbers("survreg", "coef"), 1e-5, relative: true, "coef")
        expectClose([m.scale], r.numbers("survreg", "scale"), 1e-5, relative: true, "scale")
        expectClose(m.covariance.storage, r.numbers("survreg", "robust_var"), 1e-5, relative: true, "robust variance")
        expectClose([m.hazardRatios[0].logHazardRatio], r.numbers("survreg", "log_hr"), 1e-5, relative: true, "log hazard ratio")
        expectClose([m.hazardRatios[0].standardError], r.numbers("survreg", "log_hr_se"), 1e-5, relative: true, "log hazard ratio se")
    }
}
