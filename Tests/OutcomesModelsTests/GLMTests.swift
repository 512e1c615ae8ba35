import Foundation
import Testing
import OutcomesLinearAlgebra
@testable import OutcomesModels

/// GLMs against R's glm and sandwich (Fixtures/make_fixtures_models.R). Tolerances as issue 11: coefficients
/// and standard errors 1e-6 relative, log-likelihood 1e-6 absolute; deviances 1e-8 relative.
@Suite struct GLMTests {
    func design(_ covariates: String, factors: Set<String> = [], references: [String: String] = [:], also: [String]) throws -> DesignMatrix {
        try DesignMatrix(table: ModelFixtures.data, terms: ModelTerms(parsing: covariates),
                         options: DesignOptions(factors: factors, references: references, alsoRequired: also))
    }

    func compareTerms(_ fit: GLMFit, _ caseName: String, robustColumn: String? = nil, rename: (String) -> String = { $0 }) {
        let reference = ModelFixtures.terms(caseName)
        #expect(fit.coefficients.map(\.name) == reference.map { rename($0.term) })
        for (c, r) in zip(fit.coefficients, reference) {
            #expect(close(c.estimate, r.values["coef"]!, relative: 1e-6), "\(caseName) \(c.name) coef \(String(describing: c.estimate)) vs \(r.values["coef"]!)")
            #expect(close(c.standardError, r.values["se"]!, relative: 1e-6), "\(caseName) \(c.name) se")
            if let robustColumn {
                #expect(close(c.robustStandardError, r.values[robustColumn]!, relative: 1e-6), "\(caseName) \(c.name) \(robustColumn)")
            }
        }
    }

    func compareModel(_ fit: GLMFit, _ caseName: String) {
        #expect(close(fit.deviance, ModelFixtures.model(caseName, "deviance"), relative: 1e-8))
        #expect(close(fit.nullDeviance, ModelFixtures.model(caseName, "null_deviance"), relative: 1e-8))
        #expect(abs(fit.logLikelihood - ModelFixtures.model(caseName, "loglik")) < 1e-6)
        #expect(abs(fit.aic - ModelFixtures.model(caseName, "aic")) < 2e-6)
        #expect(Double(fit.dfResidual) == ModelFixtures.model(caseName, "df_residual"))
        #expect(Double(fit.dfNull) == ModelFixtures.model(caseName, "df_null"))
        #expect(Double(fit.iterations) == ModelFixtures.model(caseName, "iterations"))
        #expect(Double(fit.n) == ModelFixtures.model(caseName, "n"))
    }

    @Test func binomialWithContrastsInteractionAndSandwich() throws {
        let d = try design("age, sex, race, dx, age:sex", factors: ["dx"], references: ["race": "white"], also: ["resp", "clinic"])
        #expect(d.omitted.count == 3)
        let y = try ModelFixtures.data.numbers("resp", rows: d.rows)
        var options = GLMOptions(family: .binomial)
        options.robust = true
        let fit = try GeneralizedLinearModel.fit(design: d.matrix, names: d.names, y: y, options: options)
        compareTerms(fit, "glm_binomial", robustColumn: "hc0_se", rename: { $0.replacingOccurrences(of: "factor(dx)", with: "dx") })
        compareModel(fit, "glm_binomial")
        #expect(fit.converged)

        let clinics = try ModelFixtures.data.labels("clinic", rows: d.rows)
        let levels = Array(Set(clinics)).sorted()
        let clustered = try GeneralizedLinearModel.fit(design: d.matrix, names: d.names, y: y,
                                                       clusters: clinics.map { levels.firstIndex(of: $0)! }, options: GLMOptions(family: .binomial))
        compareTerms(clustered, "glm_binomial", robustColumn: "cl_se", rename: { $0.replacingOccurrences(of: "factor(dx)", with: "dx") })
    }

    @Test func poissonWithOffsetWeightsAndCrossing() throws {
        let d = try design("age, race*sex", also: ["visits", "exposure", "w"])
        let t = ModelFixtures.data
        let fit = try GeneralizedLinearModel.fit(
            design: d.matrix, names: d.names, y: t.numbers("visits", rows: d.rows), weights: t.numbers("w", rows: d.rows),
            offset: t.numbers("exposure", rows: d.rows).map { Foundation.log($0) },
            options: { var o = GLMOptions(family: .poisson); o.robust = true; return o }())
        compareTerms(fit, "glm_poisson", robustColumn: "hc0_se")
        compareModel(fit, "glm_poisson")
    }

    @Test func rankDeficientDesignAliasesTheLaterColumn() throws {
        let d = try design("age, age2, sex", also: ["resp"])
        let fit = try GeneralizedLinearModel.fit(design: d.matrix, names: d.names, y: ModelFixtures.data.numbers("resp", rows: d.rows),
                                                 options: GLMOptions(family: .binomial))
        compareTerms(fit, "glm_aliased")
        compareModel(fit, "glm_aliased")
        #expect(fit.coefficients[2].estimate == nil)
        #expect(fit.notes.contains { $0.contains("aliased") && $0.contains("age2") })
        #expect(fit.rank == 3)
    }

    @Test func quasiSeparationIsNamedAndDivergingTermsAreNotEstimable() throws {
        let d = try design("age, dx", factors: ["dx"], also: ["sep"])
        let fit = try GeneralizedLinearModel.fit(design: d.matrix, names: d.names, y: ModelFixtures.data.numbers("sep", rows: d.rows),
                                                 options: GLMOptions(family: .binomial))
        let reference = ModelFixtures.terms("glm_separated")
        // R converges (18 iterations) to an intercept near 18.6 with a standard error over 1000: those terms diverge.
        #expect(fit.iterations == 18)
        #expect(fit.coefficients.map { $0.estimate == nil } == [true, false, true, true])
        #expect(close(fit.coefficients[1].estimate, reference[1].values["coef"]!, relative: 1e-6))
        #expect(close(fit.coefficients[1].standardError, reference[1].values["se"]!, relative: 1e-6))
        #expect(fit.notes.contains { $0.hasPrefix("separation:") && $0.contains("(Intercept)") && $0.contains("dx2") })
        #expect(abs(fit.logLikelihood - ModelFixtures.model("glm_separated", "loglik")) < 1e-6)
    }

    @Test func completeSeparationSaysWhatRSays() throws {
        let x = (0..<40).map { Double($0) }
        let y = x.map { $0 < 20 ? 0.0 : 1.0 }
        let table = try ModelTable(names: ["x", "y"], columns: [.numeric(x), .numeric(y)])
        let d = try DesignMatrix(table: table, terms: ModelTerms(parsing: "x"))
        let fit = try GeneralizedLinearModel.fit(design: d.matrix, names: d.names, y: y, options: GLMOptions(family: .binomial))
        #expect(fit.notes.contains("glm.fit: fitted probabilities numerically 0 or 1 occurred"))
        #expect(fit.coefficients.allSatisfy { $0.estimate == nil })
    }
}
