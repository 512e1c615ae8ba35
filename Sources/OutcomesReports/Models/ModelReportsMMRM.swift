import Foundation
import OutcomesModels

extension ModelReports {
    static func mmrm(_ r: ModelRequest, _ table: ModelTable) throws(ModelError) -> (ReportDocument, json: [(String, String)]) {
        guard let subject = r.subject, let visit = r.visit else { throw ModelError("MMRM needs --subject and --visit") }
        let terms = try ModelTerms(parsing: r.covariates)
        if let by = r.lsmeansBy, !terms.variables.contains(by) { throw ModelError("--lsmeans-by \(by): '\(by)' is not among the covariates") }
        // The visit is categorical in the mean model, as in mmrm; a numeric visit column is made a factor.
        var request = r
        var notes: [String] = []
        if terms.variables.contains(visit), case .numeric = try table.column(visit), !r.factors.contains(visit) {
            request.factors.append(visit)
            notes.append("visit column '\(visit)' is numeric: treated as categorical in the mean model (one level per scheduled visit)")
        }
        let d = try design(request, table, alsoRequired: [subject, visit])
        if let note = d.omissionNote(table: table) { notes.insert(note, at: 0) }
        notes += d.notes
        let y = try table.numbers(r.outcome, rows: d.rows)
        let subjects = try groupCodes(table, subject, rows: d.rows)
        // Visits in order: numerically when the column is numeric, else sorted text.
        let visitLabels: [String], visitCodes: [Int]
        if case .numeric(let v) = try table.column(visit) {
            let values = d.rows.map { v[$0] }
            let levels = Array(Set(values)).sorted()
            let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
            visitLabels = levels.map(ModelTable.decimal)
            visitCodes = values.map { index[$0]! }
        } else {
            let g = try groupCodes(table, visit, rows: d.rows)
            visitLabels = g.labels
            visitCodes = g.codes
        }
        var options = MMRMOptions()
        options.reml = r.method == .reml
        options.level = r.level
        let chain = CovarianceStructure.defaultChain
        options.fallback = r.fallback ?? Array(chain.drop { $0 != r.covariance }.dropFirst())
        var seen: [Int: Int] = [:]
        for (k, row) in d.rows.enumerated() {
            let key = subjects.codes[k] * visitLabels.count + visitCodes[k]
            if let first = seen[key] {
                throw ModelError("\(table.rowLabels[row]): subject '\(subjects.labels[subjects.codes[k]])' already has a row at visit '\(visitLabels[visitCodes[k]])' (\(table.rowLabels[first]))")
            }
            seen[key] = row
        }
        let fit = try MixedModelRepeatedMeasures.fit(design: d, y: y, subjects: subjects.codes, visits: visitCodes, visitLabels: visitLabels,
                                                     requested: r.covariance, visitVariable: terms.variables.contains(visit) ? visit : nil,
                                                     byVariable: r.lsmeansBy, options: options)
        notes += fit.notes
        if !terms.variables.contains(visit) { notes.append("the visit '\(visit)' is not among the covariates: no least-squares means by visit") }
        var conventions = designConventions(d, table, r)
        conventions += [
            ("model", "MMRM: \(r.outcome) ~ \(d.termLabels.joined(separator: " + ")), marginal covariance over visits of \(visit) within \(subject) (no random effects)"),
            ("method", r.method == .reml ? "REML" : "maximum likelihood"),
            ("covariance", "requested \(r.covariance.rawValue) (\(r.covariance.title)); fallback chain \(options.fallback.isEmpty ? "none" : options.fallback.map(\.rawValue).joined(separator: " → ")); used \(fit.used.rawValue)"),
            ("fitting", "quasi-Newton (BFGS) on the \(r.method == .reml ? "REML" : "ML") log-likelihood, then Newton steps; converged = vanishing gradient and positive-definite Hessian"),
            ("df", "Satterthwaite (as mmrm's default), from the numerical Hessian of the likelihood in the covariance parameters"),
            ("standard_errors", "(XᵀΣ̂⁻¹X)⁻¹ as mmrm" + (r.method == .ml ? "; nlme::gls scales the ML covariance by n/(n−p)" : "")),
            ("lsmeans", "emmeans' reference grid: numeric covariates at their mean, other factors weighted equally over their levels; t intervals, \(levelText(r.level))"),
        ]
        let termRows: [[ReportValue]] = fit.coefficients.map { c in
            [.text(c.name), .optional(c.estimate), .optional(c.standardError), .optional(c.degreesOfFreedom), .optional(c.statistic),
             .optional(c.p), .optional(c.lower), .optional(c.upper)]
        }
        let covariance: [(String, ReportValue)] = [
            ("visits", .text(fit.visits.joined(separator: ", "))),
        ] + fit.covariance.enumerated().map { i, row in
            ("row_\(fit.visits[i])", .text(row.map(ReportDocument.exact).joined(separator: ", ")))
        }
        var lsColumns = ["visit"]
        if let by = r.lsmeansBy { lsColumns.append(by) }
        lsColumns += ["estimate", "se", "df", "lower", "upper"]
        let lsRows: [[ReportValue]] = fit.lsmeans.map { m in
            var row: [ReportValue] = [.text(m.visit)]
            if r.lsmeansBy != nil { row.append(m.by.map(ReportValue.text) ?? .missing) }
            return row + [.number(m.estimate), .number(m.standardError), .optional(m.degreesOfFreedom), .optional(m.lower), .optional(m.upper)]
        }
        let model: [(String, ReportValue)] = [
            ("n", .integer(fit.n)), ("converged", .boolean(fit.converged)), ("iterations", .integer(fit.iterations)),
            ("loglik", .number(fit.logLikelihood)), ("aic", .number(fit.aic)), ("method", .text(r.method.rawValue)),
            ("subjects", .integer(fit.subjects)), ("covariance_requested", .text(fit.requested.rawValue)), ("covariance_used", .text(fit.used.rawValue)),
        ]
        let doc = ReportDocument(analysis: "mmrm", title: "Mixed model for repeated measures (\(fit.used.title) covariance, \(r.method == .reml ? "REML" : "ML"))",
                                 conventions: conventions, notes: notes, sections: [
            .table(name: "terms", columns: ["term", "coef", "se", "df", "t", "p", "lower", "upper"], rows: termRows),
            .fields(name: "model", model),
            .fields(name: "covariance", covariance),
            .table(name: "lsmeans", columns: lsColumns, rows: lsRows),
        ])
        // JSON: `covariance` holds the visit labels and the matrix as arrays (the document's fields hold text).
        let json = "{\n    \"visits\": [" + fit.visits.map(ReportDocument.jsonString).joined(separator: ", ") + "],\n    \"matrix\": [\n" +
            fit.covariance.map { "      [" + $0.map { $0.isFinite ? ReportDocument.exact($0) : "null" }.joined(separator: ", ") + "]" }.joined(separator: ",\n") + "\n    ]\n  }"
        return (doc, [(ReportDocument.jsonObject(covariance, indent: 1), json)])
    }
}
