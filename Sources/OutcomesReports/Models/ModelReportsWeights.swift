import Foundation
import OutcomesModels

/// Everything one `outcomes model weights` run needs.
public struct WeightsRequest: Sendable {
    public var dataPath: String
    /// Treatment column: 0/1 or two labels (the second in sorted order is treated unless `treated` is set).
    public var treatment: String
    public var covariates: String
    public var treated: String? = nil
    public var factors: [String] = []
    public var references: [String: String] = [:]
    public var options = WeightingOptions()
    /// Where to write `row, ps, weight` (written to a temporary file and moved into place only on success).
    public var out: String? = nil
    /// Text, JSON or Markdown; CSV prints the balance table alone.
    public var format: ReportFormat = .text

    public init(dataPath: String, treatment: String, covariates: String) {
        self.dataPath = dataPath
        self.treatment = treatment
        self.covariates = covariates
    }
}

extension ModelReports {
    /// The library entry point behind `outcomes model weights`.
    public static func weights(_ r: WeightsRequest) throws(ModelReportError) -> String {
        let input = try ModelInput(path: r.dataPath)
        let table = input.table
        do throws(ModelError) {
            let terms = try ModelTerms(parsing: r.covariates)
            guard !terms.variables.contains(r.treatment) else { throw ModelError("the treatment '\(r.treatment)' is also a covariate") }
            let d = try DesignMatrix(table: table, terms: terms,
                                     options: DesignOptions(factors: Set(r.factors), references: r.references, alsoRequired: [r.treatment]))
            // Treatment levels: numeric order for a numeric column, sorted text otherwise.
            let labels = try table.labels(r.treatment, rows: d.rows)
            var levels = Array(Set(labels))
            if case .numeric = try table.column(r.treatment) { levels.sort { Double($0)! < Double($1)! } } else { levels.sort() }
            guard levels.count == 2 else {
                throw ModelError("treatment '\(r.treatment)' has \(levels.count) distinct values in the rows used (\(levels.prefix(5).joined(separator: ", "))); it needs two")
            }
            if let t = r.treated, !levels.contains(t) {
                throw ModelError("--treated \(t): '\(t)' is not a value of '\(r.treatment)' (\(levels.joined(separator: ", ")))")
            }
            let treatedLabel = r.treated ?? levels[1]
            let controlLabel = levels.first { $0 != treatedLabel }!
            let w = try PropensityWeighting.fit(design: d.matrix, names: d.names, treated: labels.map { $0 == treatedLabel },
                                                balanceColumns: PropensityWeighting.balanceColumns(of: d),
                                                groupLabels: (controlLabel, treatedLabel), options: r.options)
            if let out = r.out {
                var csv = CSVText(header: ["row", "ps", "weight"])
                // `row` counts data rows from 1 as they appear in the input.
                for (k, row) in d.rows.enumerated() { csv.append([String(row + 1), ReportDocument.exact(w.scores[k]), ReportDocument.exact(w.weights[k])]) }
                do { try Data(csv.text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic) } catch {
                    throw ModelError("cannot write \(out): \(error.localizedDescription)")
                }
            }
            var notes = d.omissionNote(table: table).map { [$0] } ?? []
            notes += d.notes + w.notes
            if let worst = w.balance.max(by: { abs($0.smdAfter) < abs($1.smdAfter) }), abs(worst.smdAfter) > 0.1 {
                notes.append("imbalance after weighting: |SMD| of \(worst.covariate) is \(ReportDocument.short(abs(worst.smdAfter))) (> 0.1)")
            }
            let o = r.options
            let conventions: [(String, String)] = [
                ("data", "\(r.dataPath): \(d.rows.count) rows used of \(table.rowCount)"),
                ("treatment", "\(r.treatment): '\(treatedLabel)' treated, '\(controlLabel)' control"),
                ("propensity_model", "logistic regression (R glm, binomial) of treatment on \(d.termLabels.joined(separator: " + "))"),
                ("estimand", o.estimand == .ate ? "ATE: treated 1/e, control 1/(1 − e)" : "ATT: treated 1, control e/(1 − e)"),
                ("stabilized", o.stabilize ? "yes: ATE weights times the proportion in the group received" : "no"),
                ("truncation", o.trimQuantile.map { "weights above the \(ReportDocument.short($0 * 100))th percentile (R type-7 quantile\(o.estimand == .att ? " of the control weights" : "")) set to it, as WeightIt::trim" } ?? "none"),
                ("smd", "(weighted mean treated − weighted mean control) / √((s²treated + s²control)/2), s² unweighted (p(1 − p) for a 0/1 covariate, as cobalt)"),
                ("variance_ratio", "treated / control of the unbiased weighted variances Σw(x − m)² Σw / ((Σw)² − Σw²); null for 0/1 covariates, as cobalt"),
                ("ess", "Kish: (Σw)² / Σw² per group"),
                ("weights_file", r.out.map { "\($0): row (data-row number from 1), ps, weight" } ?? "not written (use --out)"),
            ]
            let balance: [[ReportValue]] = w.balance.map {
                [.text($0.covariate), .number($0.smdBefore), .number($0.smdAfter), .optional($0.varianceRatioBefore), .optional($0.varianceRatioAfter)]
            }
            let ess: [[ReportValue]] = w.effectiveSampleSize.map { [.text($0.group), .integer($0.n), .number($0.ess)] }
            guard let pm = w.propensityModel else { throw ModelError("the propensity model was fitted without its coefficients") }
            let termRows: [[ReportValue]] = pm.coefficients.map { c in
                [.text(c.name), .optional(c.estimate), .optional(c.standardError), .optional(c.statistic), .optional(c.p),
                 .optional(c.lower), .optional(c.upper), .optional(c.estimate.map(exp)), .optional(c.lower.map(exp)), .optional(c.upper.map(exp)),
                 .optional(c.robustStandardError)]
            }
            let doc = ReportDocument(analysis: "weights", title: "Propensity-score weights (\(o.estimand.rawValue.uppercased()))",
                                     conventions: conventions, notes: notes, sections: [
                .table(name: "balance", columns: ["covariate", "smd_before", "smd_after", "variance_ratio_before", "variance_ratio_after"], rows: balance),
                .table(name: "effective_sample_size", columns: ["group", "n", "ess"], rows: ess),
                .table(name: "terms", columns: ["term", "coef", "se", "z", "p", "lower", "upper", "exp_coef", "exp_lower", "exp_upper", "robust_se"], rows: termRows),
                .fields(name: "model", [("n", .integer(pm.n)), ("converged", .boolean(pm.converged)), ("iterations", .integer(pm.iterations)),
                                        ("loglik", .number(pm.logLikelihood)), ("aic", .number(pm.aic)), ("family", .text("binomial")), ("link", .text("logit")),
                                        ("deviance", .number(pm.deviance)), ("null_deviance", .number(pm.nullDeviance)),
                                        ("df_residual", .integer(pm.dfResidual)), ("df_null", .integer(pm.dfNull))]),
            ])
            return r.format == .csv ? doc.renderTable("balance") : doc.render(r.format)
        } catch {
            let located = error.description.hasPrefix(r.dataPath + ":")
            throw ModelReportError(description: located ? error.description : "\(r.dataPath): \(error.description)")
        }
    }
}
