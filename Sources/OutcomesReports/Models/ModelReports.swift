import Foundation
import OutcomesLinearAlgebra
import OutcomesModels

/// The library entry point behind `outcomes model`: reads any CSV, builds the design as R's model formulas do,
/// fits the model and renders it deterministically. Every output states the conventions it used.
public enum ModelReports {
    /// Runs `request` and returns the rendered report.
    public static func run(_ request: ModelRequest) throws(ModelReportError) -> String {
        guard request.level > 0 && request.level < 1 else {
            throw ModelReportError(description: "confidence level must lie in (0, 1), got \(request.level)")
        }
        let input = try ModelInput(path: request.dataPath)
        let doc: ReportDocument
        var replacements: [(String, String)] = []
        do throws(ModelError) {
            switch request.analysis {
            case .glm: doc = try glm(request, input.table)
            case .lmm: (doc, replacements) = try lmm(request, input.table)
            case .mmrm: (doc, replacements) = try mmrm(request, input.table)
            }
        } catch {
            let located = error.description.hasPrefix(request.dataPath + ":")
            throw ModelReportError(description: located ? error.description : "\(request.dataPath): \(error.description)")
        }
        if request.format == .csv { return doc.renderTable("terms") }
        var out = doc.render(request.format)
        if request.format == .json {
            for (rendered, replacement) in replacements { out = out.replacingOccurrences(of: rendered, with: replacement) }
        }
        return out
    }

    static func levelText(_ level: Double) -> String { ReportDocument.short(level * 100) + "%" }

    /// The design of a request: terms parsed, factors and references applied, incomplete rows left out.
    static func design(_ r: ModelRequest, _ table: ModelTable, alsoRequired: [String]) throws(ModelError) -> DesignMatrix {
        let terms = try ModelTerms(parsing: r.covariates)
        guard !terms.variables.contains(r.outcome) else { throw ModelError("the outcome '\(r.outcome)' is also a covariate") }
        return try DesignMatrix(table: table, terms: terms,
                                options: DesignOptions(factors: Set(r.factors), references: r.references, alsoRequired: [r.outcome] + alsoRequired))
    }

    static func designConventions(_ d: DesignMatrix, _ table: ModelTable, _ r: ModelRequest) -> [(String, String)] {
        var c: [(String, String)] = [("data", "\(r.dataPath): \(d.rows.count) rows used of \(table.rowCount)")]
        c.append(("design", "R model formula: \(r.outcome) ~ \(d.termLabels.joined(separator: " + ")); treatment contrasts, reference = first level in sorted (byte) order unless --reference"))
        let coded = d.levels.keys.sorted().map { "\($0) (reference \(d.levels[$0]!.first ?? ""))" }
        if !coded.isEmpty { c.append(("factors", coded.joined(separator: ", "))) }
        return c
    }

    /// The outcome of a binomial GLM: numbers in [0, 1], or a two-level text column whose second sorted level is 1.
    static func binomialOutcome(_ r: ModelRequest, _ table: ModelTable, rows: [Int], notes: inout [String]) throws(ModelError) -> [Double] {
        if case .text = try table.column(r.outcome) {
            let labels = try table.labels(r.outcome, rows: rows)
            let levels = Array(Set(labels)).sorted()
            guard levels.count == 2 else {
                throw ModelError("binomial outcome '\(r.outcome)' is text with \(levels.count) levels (\(levels.prefix(5).joined(separator: ", "))); it needs two, or numbers in [0, 1]")
            }
            notes.append("outcome '\(r.outcome)' is text: '\(levels[1])' is the event (1), '\(levels[0])' is 0 (second level in sorted order, as R's factor)")
            return labels.map { $0 == levels[1] ? 1 : 0 }
        }
        let y = try table.numbers(r.outcome, rows: rows)
        if let k = y.firstIndex(where: { !($0 >= 0 && $0 <= 1) }) {
            throw ModelError("\(table.rowLabels[rows[k]]), column '\(r.outcome)': \(ModelTable.decimal(y[k])) is not in [0, 1] (binomial outcome)")
        }
        return y
    }

    static func glm(_ r: ModelRequest, _ table: ModelTable) throws(ModelError) -> ReportDocument {
        let extra = [r.offset, r.weights, r.cluster].compactMap { $0 }
        let d = try design(r, table, alsoRequired: extra)
        var notes = d.omissionNote(table: table).map { [$0] } ?? []
        notes += d.notes
        let y: [Double]
        if r.family == .binomial {
            y = try binomialOutcome(r, table, rows: d.rows, notes: &notes)
        } else {
            y = try table.numbers(r.outcome, rows: d.rows)
            if let k = y.firstIndex(where: { !($0 >= 0) }) {
                throw ModelError("\(table.rowLabels[d.rows[k]]), column '\(r.outcome)': \(ModelTable.decimal(y[k])) is negative (Poisson outcome)")
            }
        }
        let weights = try r.weights.map { name throws(ModelError) in try table.numbers(name, rows: d.rows) }
        if let weights, let name = r.weights, let k = weights.firstIndex(where: { $0 < 0 }) {
            throw ModelError("\(table.rowLabels[d.rows[k]]), column '\(name)': weight \(ModelTable.decimal(weights[k])) is negative")
        }
        let offset = try r.offset.map { name throws(ModelError) in try table.numbers(name, rows: d.rows) }
        var clusters: [Int]? = nil
        if let name = r.cluster {
            let labels = try table.labels(name, rows: d.rows)
            let levels = Array(Set(labels)).sorted()
            let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, $0) })
            clusters = labels.map { index[$0]! }
        }
        var options = GLMOptions(family: r.family)
        options.level = r.level
        options.robust = r.robust
        let fit = try GeneralizedLinearModel.fit(design: d.matrix, names: d.names, y: y, weights: weights, offset: offset,
                                                 clusters: clusters, options: options)
        notes += fit.notes

        let robustText: String
        if let c = r.cluster {
            robustText = "cluster-robust on \(c), as sandwich::vcovCL (HC0 with the G/(G-1) adjustment, its default for a glm); z, p and intervals use robust_se"
        } else if r.robust {
            robustText = "HC0 sandwich, as sandwich::vcovHC(type = \"HC0\"); z, p and intervals use robust_se"
        } else {
            robustText = "model-based (inverse Fisher information, dispersion 1)"
        }
        var conventions = designConventions(d, table, r)
        conventions += [
            ("model", "generalized linear model, \(r.family.rawValue) family, \(r.family.link) link; IRLS as R's glm.fit (epsilon 1e-8, maxit 25)"),
            ("weights", r.weights.map { "prior weights from column \($0)" } ?? "none"),
            ("offset", r.offset.map { "column \($0), added to the linear predictor as is (give log exposure for a rate)" } ?? "none"),
            ("variance", robustText),
            ("intervals", "Wald, \(levelText(r.level)), on the coefficient scale; exp_ columns exponentiate them"),
            ("separation", "flagged when a fitted probability is within 1e-10 of 0 or 1, or a coefficient still moves by more than 0.1 in the last iteration; such coefficients print as null"),
        ]
        let terms: [[ReportValue]] = fit.coefficients.map { c in
            [.text(c.name), .optional(c.estimate), .optional(c.standardError), .optional(c.statistic), .optional(c.p),
             .optional(c.lower), .optional(c.upper), .optional(c.estimate.map(exp)), .optional(c.lower.map(exp)), .optional(c.upper.map(exp)),
             .optional(c.robustStandardError)]
        }
        let model: [(String, ReportValue)] = [
            ("n", .integer(fit.n)), ("converged", .boolean(fit.converged)), ("iterations", .integer(fit.iterations)),
            ("loglik", .number(fit.logLikelihood)), ("aic", .number(fit.aic)),
            ("family", .text(r.family.rawValue)), ("link", .text(r.family.link)),
            ("deviance", .number(fit.deviance)), ("null_deviance", .number(fit.nullDeviance)),
            ("df_residual", .integer(fit.dfResidual)), ("df_null", .integer(fit.dfNull)), ("rank", .integer(fit.rank)),
        ]
        return ReportDocument(analysis: "glm", title: "Generalized linear model (\(r.family.rawValue), \(r.family.link) link)",
                              conventions: conventions, notes: notes, sections: [
            .table(name: "terms", columns: ["term", "coef", "se", "z", "p", "lower", "upper", "exp_coef", "exp_lower", "exp_upper", "robust_se"], rows: terms),
            .fields(name: "model", model),
        ])
    }
}

extension ReportDocument {
    /// One table of the document as plain CSV (header, one row per record, no comment lines), for
    /// `pandas.read_csv` and R's `read.csv`.
    func renderTable(_ name: String) -> String {
        for case .table(let n, let columns, let rows) in sections where n == name {
            var out = columns.map(CSVText.escape).joined(separator: ",") + "\n"
            for r in rows { out += r.map { CSVText.escape(Self.cell($0, exact: true)) }.joined(separator: ",") + "\n" }
            return out
        }
        return ""
    }
}
