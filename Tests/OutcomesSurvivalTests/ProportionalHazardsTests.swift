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

/// cox.zph with each time transform, against make_fixtures_estimators.R (1e-6 relative, as above).
@Test("cox.zph with the km, rank, identity and log transforms matches R within 1e-6 relative",
      arguments: coxCases.filter { ["cox_lung_efron", "cox_lung_strata_efron", "cox_heart_efron", "cox_veteran_efron", "cox_colon_efron"].contains($0.name) },
      TimeTransform.allCases)
func zphTransformsMatchR(_ c: CoxCase, _ transform: TimeTransform) throws {
    let (model, b) = try fitCox(c)
    let terms = b.groups.map { (name: b.names[$0[0]], columns: $0) }
    let test = try CoxRegression.proportionalHazardsTest(covariates: b.design, names: b.names, data: b.data, strata: b.strata,
                                                         model: model, terms: terms, transform: transform)
    let r = Reference.estimators
    let name = "zph_\(c.name)_\(transform.rawValue)"
    #expect(test.transform == transform.rawValue)
    expectClose(test.rows.map(\.chiSquare), r.numbers(name, "chisq"), 1e-6, relative: true, "\(name) chisq")
    expectClose(test.rows.map { Double($0.degreesOfFreedom) }, r.numbers(name, "df"), 0, "\(name) df")
    expectClose(test.rows.map(\.pValue), r.numbers(name, "p"), 1e-6, relative: true, "\(name) p")
}
