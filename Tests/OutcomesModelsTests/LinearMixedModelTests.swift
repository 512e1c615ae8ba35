import Foundation
import Testing
import OutcomesLinearAlgebra
@testable import OutcomesModels

/// Random intercept and slope models against lme4::lmer / lmerTest and nlme::lme, both fitted in
/// make_fixtures_models.R with tightened optimizer tolerances (they agree with each other to about 1e-8).
/// Tolerances as issue 11: coefficients and standard errors 1e-6 relative, variance components 1e-4 relative,
/// log-likelihood 1e-6 absolute; Satterthwaite df 1e-4 relative (numerical derivatives on both sides).
@Suite struct LinearMixedModelTests {
    static let table = ModelFixtures.table("lmm_data.csv")

    func fit(reml: Bool, satterthwaite: Bool = false) throws -> (LMMFit, DesignMatrix) {
        let t = Self.table
        let x = try DesignMatrix(table: t, terms: ModelTerms(parsing: "age, sex, arm, week"), options: DesignOptions(alsoRequired: ["score", "id"]))
        let z = try DesignMatrix(table: t, terms: ModelTerms(parsing: "week"))
        let ids = try t.labels("id", rows: x.rows)
        let levels = Array(Set(ids)).sorted()
        var options = LMMOptions()
        options.reml = reml
        options.satterthwaite = satterthwaite
        let fit = try LinearMixedModel.fit(design: x.matrix, names: x.names, randomDesign: z.matrix, randomNames: z.names,
                                           y: t.numbers("score", rows: x.rows), groups: ids.map { levels.firstIndex(of: $0)! }, options: options)
        return (fit, x)
    }

    func check(_ fit: LMMFit, _ caseName: String, dfColumn: String) {
        let reference = ModelFixtures.terms(caseName)
        #expect(fit.coefficients.map(\.name) == reference.map(\.term))
        for (c, r) in zip(fit.coefficients, reference) {
            #expect(close(c.estimate, r.values["coef"]!, relative: 1e-6), "\(caseName) \(c.name) coef \(c.estimate!) vs \(r.values["coef"]!)")
            #expect(close(c.standardError, r.values["se"]!, relative: 1e-6), "\(caseName) \(c.name) se \(c.standardError!) vs \(r.values["se"]!)")
            #expect(close(c.degreesOfFreedom, r.values[dfColumn]!, relative: 1e-4), "\(caseName) \(c.name) df \(c.degreesOfFreedom!) vs \(r.values[dfColumn]!)")
        }
        let m = { ModelFixtures.model(caseName, $0) }
        #expect(abs(fit.logLikelihood - m("loglik")) < 1e-6, "\(caseName) loglik \(fit.logLikelihood) vs \(m("loglik"))")
        #expect(abs(fit.logLikelihood - m("loglik_nlme")) < 1e-6)
        #expect(abs(fit.aic - m("aic")) < 2e-6)
        #expect(abs(fit.bic - m("bic")) < 2e-6)
        #expect(close(fit.sigma, m("sigma"), relative: 1e-4))
        #expect(close(fit.randomEffects[0].variance, m("var_intercept"), relative: 1e-4))
        #expect(close(fit.randomEffects[1].variance, m("var_week"), relative: 1e-4))
        #expect(close(fit.randomCorrelations[0].2, m("corr"), relative: 1e-4))
        #expect(Double(fit.n) == m("n") && Double(fit.groups) == m("groups"))
    }

    @Test func remlMatchesLmerAndLmeWithBetweenWithinDF() throws {
        let (fit, _) = try fit(reml: true)
        check(fit, "lmm_reml", dfColumn: "df")
        #expect(fit.notes.contains { $0.contains("single observation") })
    }

    @Test func mlMatchesLmer() throws {
        let (fit, _) = try fit(reml: false)
        check(fit, "lmm_ml", dfColumn: "df")
        // nlme scales the ML covariance of the fixed effects by n / (n − p); lme4 does not.
        let reference = ModelFixtures.terms("lmm_ml")
        let scale = (Double(fit.n) / Double(fit.n - 5)).squareRoot()
        for (c, r) in zip(fit.coefficients, reference) {
            #expect(close(c.standardError! * scale, r.values["se_nlme"]!, relative: 1e-6))
        }
    }

    @Test func satterthwaiteMatchesLmerTest() throws {
        let (reml, _) = try fit(reml: true, satterthwaite: true)
        check(reml, "lmm_reml", dfColumn: "df_satterthwaite")
        let (ml, _) = try fit(reml: false, satterthwaite: true)
        check(ml, "lmm_ml", dfColumn: "df_satterthwaite")
    }

    @Test func randomSpecificationParsesLme4Notation() throws {
        let a = try RandomEffectsSpecification(parsing: "1+week|id")
        #expect(a.intercept && a.covariates == "week" && a.group == "id")
        let b = try RandomEffectsSpecification(parsing: "0 + week | id")
        #expect(!b.intercept && b.covariates == "week")
        let c = try RandomEffectsSpecification(parsing: "1|clinic")
        #expect(c.intercept && c.covariates.isEmpty && c.group == "clinic")
        #expect(throws: ModelError.self) { try RandomEffectsSpecification(parsing: "week") }
    }
}
