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

@Test("Predicted quantiles match R predict(type = \"uquantile\", se.fit = TRUE) within 1e-6", arguments: SurvivalDistribution.allCases)
func survregQuantiles(_ d: SurvivalDistribution) throws {
    let m = try fitSurvreg(SurvregCase(name: "", dataset: "ic_mixed", left: "left", right: "right", covariates: ["b", "x"], distribution: d))
    let q = try m.quantiles([0.25, 0.5, 0.75], covariates: [0, 50]) + m.quantiles([0.25, 0.5, 0.75], covariates: [1, 45])
    let r = intervalReference, name = "sq_mixed_\(d.rawValue)"
    expectClose(q.map(\.logTime), r.numbers(name, "uquantile"), 1e-6, relative: true, "\(name) log quantile")
    expectClose(q.map(\.logStandardError), r.numbers(name, "uquantile_se"), 1e-6, relative: true, "\(name) log quantile se")
    #expect(try m.median(covariates: [1, 45]).time == q[4].time)
    #expect(q.allSatisfy { $0.lower < $0.time && $0.time < $0.upper })
}

@Test("Group labels enter as indicators against the reference level, as R's factor coding", arguments: SurvivalDistribution.allCases)
func survregGroups(_ d: SurvivalDistribution) throws {
    let f = Fixture("ic_mixed")
    let m = try ParametricSurvival.fit(left: f.optionalColumn("left"), right: f.optionalColumn("right"),
                                       groups: f.text("group"), distribution: d)
    let r = intervalReference, name = "sg_mixed_\(d.rawValue)"
    #expect(m.terms.map(\.name) == ["(Intercept)", "b"])
    expectClose(m.terms.map(\.coefficient), r.numbers(name, "coef"), 1e-6, relative: true, "\(name) coef")
    expectClose(m.terms.map(\.standardError), r.numbers(name, "se"), 1e-6, relative: true, "\(name) se")
    expectClose([m.logLikelihood], r.numbers(name, "loglik"), 1e-6, relative: true, "\(name) loglik")
    // The other level as reference flips the sign of the coefficient and inverts the hazard ratio.
    let flipped = try ParametricSurvival.fit(left: f.optionalColumn("left"), right: f.optionalColumn("right"),
                                             groups: f.text("group"), reference: "b", distribution: d)
    #expect(abs(flipped.terms[1].coefficient + m.terms[1].coefficient) < 1e-6 * abs(m.terms[1].coefficient))
    if d.hasProportionalHazards {
        #expect(abs(flipped.hazardRatios[0].hazardRatio * m.hazardRatios[0].hazardRatio - 1) < 1e-6)
    }
}

@Test("A left end of 0 is left-censoring for the log-time models; bad input is refused")
func survregInputConventions() throws {
    let left: [Double?] = [0, nil, 3, 5, 2, 8, 1, 4]
    let right: [Double?] = [2, 2, 6, nil, 2, .infinity, 3, 9]
    let a = try ParametricSurvival.fit(left: left, right: right)
    let b = try ParametricSurvival.fit(left: [nil, nil, 3, 5, 2, 8, 1, 4], right: right)
    #expect(a.terms[0].coefficient == b.terms[0].coefficient && a.logLikelihood == b.logLikelihood)
    #expect(a.censoringCounts[.interval] == 4 && b.censoringCounts[.left] == 2 && a.censoringCounts[.right] == 2)
    #expect(throws: SurvivalError.self) { try ParametricSurvival.fit(left: [1, 2], right: [nil, nil]) }
    #expect(throws: SurvivalError.self) { try ParametricSurvival.fit(left: [1, 2], right: [1, 3], groups: ["a", "a"]) }
    #expect(throws: SurvivalError.self) { try ParametricSurvival.fit(left: [1, 2], right: [1, 3], groups: ["a", "b"], reference: "c") }
    #expect(throws: SurvivalError.self) { try ParametricSurvival.fit(left: [0], right: [0]) }
}
