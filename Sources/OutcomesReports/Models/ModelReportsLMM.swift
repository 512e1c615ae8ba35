import Foundation
import OutcomesLinearAlgebra
import OutcomesModels

extension ModelReports {
    /// Group codes 0..<G of `column` at `rows`, groups in sorted label order.
    static func groupCodes(_ table: ModelTable, _ column: String, rows: [Int]) throws(ModelError) -> (codes: [Int], labels: [String]) {
        let labels = try table.labels(column, rows: rows)
        let levels = Array(Set(labels)).sorted()
        let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
        return (labels.map { index[$0]! }, levels)
    }

    static func lmm(_ r: ModelRequest, _ table: ModelTable) throws(ModelError) -> (ReportDocument, json: [(String, String)]) {
        guard let randomText = r.random else { throw ModelError("the linear mixed model needs --random, e.g. '1+week|id'") }
        let spec = try RandomEffectsSpecification(parsing: randomText)
        let fixedTerms = try ModelTerms(parsing: r.covariates)
        let randomTerms = try ModelTerms(parsing: spec.covariates)
        let x = try design(r, table, alsoRequired: [spec.group] + randomTerms.variables)
        let zFull = try DesignMatrix(table: table, terms: randomTerms,
                                     options: DesignOptions(factors: Set(r.factors).intersection(randomTerms.variables), references: r.references.filter { randomTerms.variables.contains($0.key) },
                                                            alsoRequired: [r.outcome, spec.group] + fixedTerms.variables))
        let zColumns = spec.intercept ? Array(0..<zFull.names.count) : Array(1..<zFull.names.count)
        let z = zFull.matrix.selecting(columns: zColumns)
        let zNames = zColumns.map { zFull.names[$0] }
        var notes = x.omissionNote(table: table).map { [$0] } ?? []
        notes += x.notes
        let y = try table.numbers(r.outcome, rows: x.rows)
        let groups = try groupCodes(table, spec.group, rows: x.rows)
        var options = LMMOptions()
        options.reml = r.method == .reml
        options.satterthwaite = r.df == .satterthwaite
        options.level = r.level
        let fit = try LinearMixedModel.fit(design: x.matrix, names: x.names, randomDesign: z, randomNames: zNames,
                                           y: y, groups: groups.codes, groupLabels: groups.labels, options: options)
        notes += fit.notes
        var conventions = designConventions(x, table, r)
        conventions += [
            ("model", "linear mixed model \(r.outcome) ~ \(x.termLabels.joined(separator: " + ")) + (\(randomText)); unstructured covariance of the random effects (lme4 parameterization)"),
            ("method", r.method == .reml ? "REML (as lme4 REML = TRUE and nlme method = \"REML\")" : "maximum likelihood"),
            ("fitting", "profiled deviance over the relative covariance factor θ, minimized by Nelder–Mead then Newton steps; iterations counts deviance evaluations and Newton steps; converged = flat deviance at the optimum (gradient below 1e-3)"),
            ("df", r.df == .satterthwaite
                ? "Satterthwaite, as lmerTest (numerical Hessian of the deviance in (θ, σ) and gradient of Var(β̂))"
                : "between-within, as nlme::lme: terms constant within groups get G − (their count) − 1, others N − G − (their count); the intercept the within df"),
            ("standard_errors", "σ̂² (XᵀV̂⁻¹X)⁻¹ as lme4" + (r.method == .ml ? "; nlme's ML standard errors are larger by √(n/(n−p))" : "")),
            ("intervals", "t with the df column, \(levelText(r.level))"),
            ("information_criteria", "AIC and BIC from the \(r.method == .reml ? "REML" : "ML") log-likelihood with p + q(q+1)/2 + 1 parameters; BIC with log(n) (as lme4)"),
        ]
        let terms: [[ReportValue]] = fit.coefficients.map { c in
            [.text(c.name), .optional(c.estimate), .optional(c.standardError), .optional(c.degreesOfFreedom), .optional(c.statistic),
             .optional(c.p), .optional(c.lower), .optional(c.upper)]
        }
        let random: [[ReportValue]] = fit.randomEffects.map { [.text(spec.group), .text($0.term), .number($0.variance), .number($0.sd)] }
            + [[.text("Residual"), .text(""), .number(fit.sigma * fit.sigma), .number(fit.sigma)]]
        let correlations: [[ReportValue]] = fit.randomCorrelations.map { [.text(spec.group), .text("\($0.0), \($0.1)"), .optional($0.2)] }
        let model: [(String, ReportValue)] = [
            ("n", .integer(fit.n)), ("converged", .boolean(fit.converged)), ("iterations", .integer(fit.iterations)),
            ("loglik", .number(fit.logLikelihood)), ("aic", .number(fit.aic)), ("bic", .number(fit.bic)),
            ("method", .text(r.method.rawValue)), ("groups", .integer(fit.groups)), ("sigma", .number(fit.sigma)),
        ]
        // JSON: a correlation's `terms` is the pair of names as an array (text and Markdown show "a, b").
        let pairs = fit.randomCorrelations.map { c in
            ("\"terms\": " + ReportDocument.jsonString("\(c.0), \(c.1)"), "\"terms\": [" + ReportDocument.jsonString(c.0) + ", " + ReportDocument.jsonString(c.1) + "]")
        }
        let doc = ReportDocument(analysis: "lmm", title: "Linear mixed model (\(r.method == .reml ? "REML" : "ML"))",
                              conventions: conventions, notes: notes, sections: [
            .table(name: "terms", columns: ["term", "coef", "se", "df", "t", "p", "lower", "upper"], rows: terms),
            .fields(name: "model", model),
            .table(name: "random", columns: ["group", "term", "variance", "sd"], rows: random),
            .table(name: "random_correlations", columns: ["group", "terms", "corr"], rows: correlations),
        ])
        return (doc, pairs)
    }
}
