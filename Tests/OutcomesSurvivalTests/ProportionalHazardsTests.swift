import Testing
@testable import OutcomesSurvival

@Test("cox.zph (KM transform, score-test form of survival >= 3.0) matches R within 1e-6 relative", arguments: coxCases)
func zphMatchesR(_ c: CoxCase) throws {
    let (model, b) = try fitCox(c)
    let terms = b.groups.map { (name: b.names[$0[0]], columns: $0) }
    let test = try CoxRegression.proportionalHazardsTest(covariates: b.design, names: b.names, data: b.data, strata: b.strata,
                                                         model: model, terms: terms)
    let r = Reference.shared
    expectClose(test.rows.map(\.chiSquare), r.numbers(c.name, "zph_chisq"), 1e-6, relative: true, "\(c.name) zph chisq")
    expectClose(test.rows.map { Double($0.degreesOfFreedom) }, r.numbers(c.name, "zph_df"), 0, "\(c.name) zph df")
    expectClose(test.rows.map(\.pValue), r.numbers(c.name, "zph_p"), 1e-6, relative: true, "\(c.name) zph p")
}
