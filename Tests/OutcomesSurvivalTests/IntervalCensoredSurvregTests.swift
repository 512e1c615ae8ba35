import OutcomesLinearAlgebra
import Testing
@testable import OutcomesSurvival

/// A survreg case of reference_interval.csv.
struct SurvregCase: CustomStringConvertible, Sendable {
    let name: String, dataset: String
    /// (left, right) columns, or (time, status) when `rightCensored`.
    let left: String, right: String
    var rightCensored = false
    let covariates: [String]
    let distribution: SurvivalDistribution
    var description: String { name }
}

let survregCases: [SurvregCase] = SurvivalDistribution.allCases.flatMap { d in [
    SurvregCase(name: "sr_ovint_\(d.rawValue)", dataset: "ic_data_interval", left: "ltime", right: "rtime",
                covariates: ["age", "ecog_ps"], distribution: d),
    SurvregCase(name: "sr_mixed_\(d.rawValue)", dataset: "ic_mixed", left: "left", right: "right",
                covariates: ["b", "x"], distribution: d),
    SurvregCase(name: "sr_mixednull_\(d.rawValue)", dataset: "ic_mixed", left: "left", right: "right",
                covariates: [], distribution: d),
    SurvregCase(name: "sr_lung_\(d.rawValue)", dataset: "ic_lung", left: "time", right: "status", rightCensored: true,
                covariates: ["age", "sex"], distribution: d),
] }

func fitSurvreg(_ c: SurvregCase) throws -> ParametricSurvivalModel {
    let f = Fixture(c.dataset)
    let data = c.rightCensored
        ? try IntervalCensoredData(time: f.column(c.left), event: f.column(c.right).map { $0 == 1 })
        : try intervalData(f, left: c.left, right: c.right)
    var x: Matrix? = nil
    if !c.covariates.isEmpty {
        x = try Matrix(rows: data.count, columns: c.covariates.count, columnMajor: c.covariates.flatMap { f.column($0) })
    }
    return try ParametricSurvival.fit(data, covariates: x, names: c.covariates, distribution: c.distribution)
}

// Tolerances: 1e-6 relative for coefficients, standard errors, scale, log-likelihoods and hazard ratios
// (R stops at a relative log-likelihood change of 1e-9, we at 1e-11); z and p at 1e-6 (relative above 1 for z).
@Test("Parametric fits match R survreg (Weibull, exponential, log-normal, log-logistic) within 1e-6", arguments: survregCases)
func survregMatchesR(_ c: SurvregCase) throws {
    let m = try fitSurvreg(c)
    let r = intervalReference
    #expect(m.terms.map(\.name) == r.strings(c.name, "terms").map { $0 == "(Intercept)" ? $0 : $0 })
    expectClose(m.terms.map(\.coefficient), r.numbers(c.name, "coef"), 1e-6, relative: true, "\(c.name) coef")
    expectClose(m.terms.map(\.standardError), r.numbers(c.name, "se"), 1e-6, relative: true, "\(c.name) se")
    expectClose(m.terms.map(\.z), r.numbers(c.name, "z"), 1e-6, "\(c.name) z")
    expectClose(m.terms.map(\.pValue), r.numbers(c.name, "p"), 1e-6, "\(c.name) p")
    expectClose([m.scale], r.numbers(c.name, "scale"), 1e-6, relative: true, "\(c.name) scale")
    expectClose([m.logScaleStandardError ?? .nan], r.numbers(c.name, "log_scale_se"), 1e-6, relative: true, "\(c.name) log(scale) se")
    expectClose([m.logLikelihood], r.numbers(c.name, "loglik"), 1e-6, relative: true, "\(c.name) loglik")
    expectClose([m.logLikelihoodNull], r.numbers(c.name, "loglik_null"), 1e-6, relative: true, "\(c.name) loglik_null")
    #expect(m.converged)
    if c.distribution.hasProportionalHazards && !c.covariates.isEmpty {
        expectClose(m.hazardRatios.map(\.hazardRatio), r.numbers(c.name, "hr"), 1e-6, relative: true, "\(c.name) hr")
        expectClose(m.hazardRatios.map(\.standardError), r.numbers(c.name, "hr_se"), 1e-6, relative: true, "\(c.name) hr se")
        expectClose(m.hazardRatios.map(\.lower), r.numbers(c.name, "hr_lower"), 1e-6, relative: true, "\(c.name) hr lower")
        expectClose(m.hazardRatios.map(\.upper), r.numbers(c.name, "hr_upper"), 1e-6, relative: true, "\(c.name) hr upper")
    } else {
        #expect(m.hazardRatios.isEmpty)
    }
}
