import OutcomesLinearAlgebra
import OutcomesSurvival

/// The library entry point behind `outcomes survival`: reads any CSV, fits the requested analysis and
/// renders it deterministically. Every output states the conventions it used.
public enum SurvivalReports {
    /// Runs `request` and returns the rendered report (for CSV, the one table `request.table` or the default).
    public static func run(_ request: SurvivalRequest) throws(SurvivalReportError) -> String {
        try analyse(request).render(request.format, table: request.table)
    }

    /// Runs `request` and returns the result in every form (text, tables, JSON, figure).
    public static func analyse(_ request: SurvivalRequest) throws(SurvivalReportError) -> SurvivalResult {
        guard request.level > 0 && request.level < 1 else {
            throw SurvivalReportError(description: "confidence level must lie in (0, 1), got \(request.level)", isUsage: true)
        }
        try checkOptions(request)
        let input = try SurvivalInput(request)
        let newCovariates = try request.predictPath.map { path throws(SurvivalReportError) in try predictionDesign(path, input) }
        var result: SurvivalResult
        do {
            switch request.analysis {
            case .km: result = input.interval != nil ? try turnbull(request, input) : try kaplanMeier(request, input)
            case .logrank: result = try logRank(request, input)
            case .rmst: result = try restrictedMean(request, input)
            case .cox, .zph: result = try cox(request, input, newCovariates: newCovariates)
            case .cuminc: result = try cumulativeIncidence(request, input)
            case .survreg: result = try parametric(request, input)
            }
        } catch {
            throw SurvivalReportError(description: "\(request.dataPath == "-" ? "<stdin>" : request.dataPath): \(error.description)")
        }
        let source = request.dataPath == "-" ? "standard input" : request.dataPath
        result.document.conventions.insert(contentsOf: [("version", "outcomes \(ToolVersion.current)"),
                                                        ("data", "\(source): \(input.data.count) rows used of \(input.rowsRead)")] + input.conventions, at: 0)
        result.document.notes = input.notes + result.document.notes
        return result
    }

    /// Rejects options the analysis would not use, so nothing is ignored silently.
    static func checkOptions(_ r: SurvivalRequest) throws(SurvivalReportError) {
        var unused: [String] = []
        let usesCovariates = r.analysis == .cox || r.analysis == .zph || r.analysis == .survreg
        if r.analysis == .survreg && r.group != nil { unused.append("--group (add the column to --covariates)") }
        if r.analysis == .survreg && r.strata != nil { unused.append("--strata") }
        if r.analysis == .survreg && r.weights != nil { unused.append("--weights") }
        if r.analysis == .survreg && r.start != nil { unused.append("--start") }
        if r.left != nil || r.right != nil {
            if r.analysis != .km && r.analysis != .survreg { unused.append("--left/--right") }
            if r.analysis == .km {
                for (set, name) in [(r.start != nil, "--start"), (r.weights != nil, "--weights"), (r.strata != nil, "--strata"),
                                    (r.estimator != .kaplanMeier, "--estimator"), (r.plot != nil, "--plot"), (!r.riskTimes.isEmpty, "--times")] where set {
                    unused.append(name + " (not with --left/--right)")
                }
            }
        }
        if r.analysis != .survreg && r.distribution != .weibull { unused.append("--dist") }
        if !usesCovariates && !r.covariates.isEmpty { unused.append("--covariates") }
        if !usesCovariates && r.cluster != nil { unused.append("--cluster") }
        if usesCovariates && r.analysis != .survreg && r.group != nil { unused.append("--group (add the column to --covariates)") }
        if r.analysis != .rmst && r.tau != nil { unused.append("--tau") }
        if r.analysis != .logrank && r.rho != 0 { unused.append("--rho") }
        if r.analysis != .logrank && r.logRankWeight != nil { unused.append("--test") }
        if r.analysis != .logrank && r.trend { unused.append("--trend") }
        if r.analysis != .km && r.analysis != .rmst && r.estimator != .kaplanMeier { unused.append("--estimator") }
        let curves = r.analysis == .km || r.analysis == .cuminc
        if !curves && !r.riskTimes.isEmpty { unused.append("--times") }
        if !curves && r.showCurve { unused.append("--curve") }
        if !curves && r.plot != nil { unused.append("--plot") }
        if r.analysis == .cuminc && r.start != nil { unused.append("--start (cumulative incidence here is for right-censored data)") }
        if r.analysis == .cuminc && r.weights != nil { unused.append("--weights") }
        if r.analysis != .cox && r.residuals != nil { unused.append("--residuals") }
        if r.analysis != .cox && r.predictPath != nil { unused.append("--predict") }
        if r.analysis != .zph && r.zphTransform != .km { unused.append("--transform") }
        if r.analysis == .logrank && r.weights != nil { unused.append("--weights (R's survdiff takes no case weights)") }
        if !unused.isEmpty {
            throw SurvivalReportError(description: "options not used by '\(r.analysis.rawValue)': \(unused.joined(separator: ", "))", isUsage: true)
        }
    }

    static func estimatorText(_ e: SurvivalEstimator) -> String {
        switch e {
        case .kaplanMeier: return "Kaplan–Meier (R survfit)"
        case .flemingHarrington: return "Fleming–Harrington exp(−Nelson–Aalen cumulative hazard) (R survfit stype = 2, ctype = 1)"
        }
    }

    static func weightText(_ w: LogRankWeight) -> String {
        switch w {
        case .logRank: return "1 at every event time (R survdiff rho = 0)"
        case .flemingHarrington: return "Fleming–Harrington G(rho, gamma): S(t−)^rho (1 − S(t−))^gamma, S the pooled Kaplan–Meier within stratum"
        case .gehanBreslow: return "Gehan–Breslow (generalised Wilcoxon): the number at risk"
        case .taroneWare: return "Tarone–Ware: square root of the number at risk"
        case .petoPeto: return "Peto–Peto: Peto's pooled survival estimate ∏ over event times up to and including t of (1 − d/(n + 1))"
        case .modifiedPeto: return "modified Peto (Andersen): Peto–Peto weight × n/(n + 1)"
        }
    }

    static func levelText(_ level: Double) -> String { ReportDocument.short(level * 100) + "%" }

    /// Curves per group, per stratum, or per combination of both.
    static func curveGrouping(_ input: SurvivalInput) -> Grouping? {
        switch (input.group, input.strata) {
        case (nil, nil): return nil
        case (let g?, nil): return g
        case (nil, let s?): return s
        case (let g?, let s?):
            var labels: [String] = [], index: [Int: Int] = [:]
            let keys = zip(g.codes, s.codes).map { $0 * s.labels.count + $1 }
            for key in Set(keys).sorted() {
                index[key] = labels.count
                labels.append(g.labels[key / s.labels.count] + ", " + s.labels[key % s.labels.count])
            }
            return try? Grouping(codes: keys.map { index[$0]! }, labels: labels)
        }
    }

    static func kaplanMeier(_ r: SurvivalRequest, _ input: SurvivalInput) throws(SurvivalError) -> SurvivalResult {
        let grouping = curveGrouping(input)
        let curves = try KaplanMeier.fit(input.data, strata: grouping, transform: r.confType, level: r.level, estimator: r.estimator)
        var rows: [[ReportValue]] = []
        var quantileRows: [[ReportValue]] = []
        var riskRows: [[ReportValue]] = []
        var summaryRows: [[ReportValue]] = []
        var records = Array(repeating: 0, count: curves.count)
        if let grouping { for code in grouping.codes { records[code] += 1 } } else { records[0] = input.data.count }
        for (k, c) in curves.enumerated() {
            for row in c.rows {
                rows.append([.text(c.label), .number(row.time), .number(row.atRisk), .number(row.events), .number(row.censored),
                             .number(row.survival), .optional(row.standardError), .optional(row.lower), .optional(row.upper),
                             .number(row.cumulativeHazard), .optional(row.cumulativeHazardStandardError)])
            }
            for q in c.quantiles([0.25, 0.5, 0.75]) {
                quantileRows.append([.text(c.label), .number(q.probability), .optional(q.estimate), .optional(q.lower), .optional(q.upper)])
            }
            for e in c.riskTable(at: r.riskTimes) {
                riskRows.append([.text(c.label), .number(e.time), .number(e.atRisk), .number(e.survival)])
            }
            let median = c.median
            summaryRows.append([.text(c.label), .integer(records[k]), .number(c.rows.reduce(0) { $0 + $1.events }),
                                .optional(median.estimate), .optional(median.lower), .optional(median.upper)])
        }
        let level = ReportDocument.short(r.level * 100)
        var sections: [ReportSection] = [
            .table(name: "summary", columns: ["strata", "n", "events", "median", "lower", "upper"], rows: summaryRows),
            .table(name: "curve", columns: ["strata", "time", "n_risk", "n_event", "n_censor", "surv", "std_err", "lower", "upper", "cumhaz", "std_chaz"], rows: rows),
            .table(name: "quantiles", columns: ["strata", "probability", "time", "lower", "upper"], rows: quantileRows),
        ]
        if !r.riskTimes.isEmpty {
            sections.append(.table(name: "number_at_risk", columns: ["strata", "time", "n_risk", "surv"], rows: riskRows))
        }
        let answerCells = summaryRows.map { $0.map { ReportDocument.cell($0, exact: false) } }
        let answer = SurvivalResult.alignedTable(["", "n", "events", "median", "\(level)% lower", "\(level)% upper"], answerCells)
        let title = r.estimator == .kaplanMeier ? "Kaplan–Meier survival curves" : "Fleming–Harrington survival curves"
        let document = ReportDocument(analysis: "km", title: title, conventions: [
            ("estimator", estimatorText(r.estimator)),
            ("cumhaz", "Nelson–Aalen cumulative hazard with its standard error std_chaz (R survfit cumhaz, std.chaz)"),
            ("conf_type", r.confType.rawValue),
            ("conf_level", levelText(r.level)),
            ("variance", KaplanMeierVariance.rDefault(for: input.data) == .greenwood
                ? (input.data.isWeighted ? "Greenwood with weighted counts" : "Greenwood")
                : "infinitesimal jackknife (R survfit default for non-integer case weights)"),
            ("std_err", "standard error of the survival estimate (R summary.survfit)"),
            ("quantiles", "R quantile.survfit: midpoint where the curve is flat at 1 − p; limits from the lower/upper curves; NA when not reached"),
            ("entry", r.start.map { "delayed entry from column \($0): at risk on (start, time]" } ?? "none (right-censored)"),
        ], notes: [], sections: sections)
        var result = SurvivalResult(document: document, answer: answer,
                                    textSections: (r.riskTimes.isEmpty ? [] : ["number_at_risk"]) + (r.showCurve ? ["curve"] : []),
                                    defaultTable: "curve")
        if let plot = r.plot {
            var p: Double? = nil
            if let group = input.group, group.labels.count > 1, input.data.entry == nil {
                p = try LogRank.test(input.data, groups: group, strata: input.strata).pValue
            }
            result.figure = SurvivalPlot.kaplanMeier(curves, options: plot, group: r.group, time: r.time, logRankP: p)
        }
        return result
    }

    static func logRank(_ r: SurvivalRequest, _ input: SurvivalInput) throws(SurvivalError) -> SurvivalResult {
        guard let group = input.group else { throw .invalidArgument("the log-rank test needs --group") }
        let weight = r.logRankWeight ?? (r.rho == 0 ? .logRank : .flemingHarrington(rho: r.rho, gamma: 0))
        let t = try LogRank.test(input.data, groups: group, strata: input.strata, weight: weight)
        let rows: [[ReportValue]] = t.groups.indices.map {
            [.text(t.groups[$0]), .integer(t.counts[$0]), .number(t.observed[$0]), .number(t.expected[$0])]
        }
        var answer = SurvivalResult.alignedTable(["", "N", "Observed", "Expected"], rows.map { $0.map { ReportDocument.cell($0, exact: false) } })
            + "\n  Chisq = \(ReportDocument.short(t.chiSquare)) on \(t.degreesOfFreedom) degrees of freedom, p = \(ReportDocument.cell(.optional(t.pValue), exact: false))\n"
        var sections: [ReportSection] = [
            .fields(name: "test", [("chisq", .number(t.chiSquare)), ("df", .integer(t.degreesOfFreedom)), ("p", .optional(t.pValue))]),
            .table(name: "groups", columns: ["group", "n", "observed", "expected"], rows: rows),
        ]
        var conventions: [(String, String)] = [
            ("test", weight.name),
            ("weight", weightText(weight)),
            ("strata", r.strata ?? "none"),
            ("weights", "case weights are not used (as R survdiff)"),
        ]
        if case .flemingHarrington(let rho, let gamma) = weight {
            conventions.insert(contentsOf: [("rho", ReportDocument.exact(rho)), ("gamma", ReportDocument.exact(gamma))], at: 2)
        }
        if r.trend {
            let trend = try t.trend()
            sections.append(.fields(name: "trend", [("chisq", .number(trend.test.statistic)), ("df", .integer(trend.test.degreesOfFreedom)),
                                                    ("p", .optional(trend.test.pValue)), ("z", .number(trend.z))]))
            conventions.append(("trend", "score test for trend with scores 1…\(t.groups.count) in group order (\(t.groups.joined(separator: ", "))); z > 0 when events rise with the score"))
            answer += "  Trend: chisq = \(ReportDocument.short(trend.test.statistic)) on 1 degree of freedom, p = \(ReportDocument.short(trend.test.pValue))\n"
        }
        let title = weight == .logRank ? "Log-rank test" : "Weighted log-rank test (\(weight.name))"
        let document = ReportDocument(analysis: "logrank", title: title, conventions: conventions, notes: [], sections: sections)
        return SurvivalResult(document: document, answer: answer, textSections: [], defaultTable: "test")
    }

    static func restrictedMean(_ r: SurvivalRequest, _ input: SurvivalInput) throws(SurvivalError) -> SurvivalResult {
        guard let tau = r.tau else { throw .invalidArgument("RMST needs --tau") }
        let curves = try KaplanMeier.fit(input.data, strata: curveGrouping(input), transform: r.confType, level: r.level, estimator: r.estimator)
        let means = try curves.map { c throws(SurvivalError) in try RestrictedMeanSurvival.estimate(c, tau: tau, level: r.level) }
        var sections: [ReportSection] = [
            .table(name: "rmst", columns: ["group", "tau", "rmst", "se", "lower", "upper"],
                   rows: means.map { [.text($0.label), .number($0.tau), .number($0.estimate), .number($0.standardError), .number($0.lower), .number($0.upper)] }),
        ]
        var notes: [String] = []
        if means.count == 2 {
            let c = RestrictedMeanSurvival.compare(means[0], means[1], level: r.level)
            sections.append(.fields(name: "comparison", [
                ("reference", .text(c.reference)), ("comparison", .text(c.comparison)),
                ("difference", .object([("estimate", .number(c.difference)), ("se", .number(c.differenceStandardError)),
                                        ("lower", .number(c.differenceLower)), ("upper", .number(c.differenceUpper))])),
                ("ratio", .object([("estimate", .number(c.ratio)), ("log_se", .number(c.logRatioStandardError)),
                                   ("lower", .number(c.ratioLower)), ("upper", .number(c.ratioUpper))])),
            ]))
        } else if means.count > 2 {
            notes.append("difference and ratio are reported for exactly two groups; \(means.count) groups found")
        }
        if let last = curves.map({ $0.rows.last?.time ?? 0 }).min(), last < tau {
            notes.append("tau \(ReportDocument.exact(tau)) is beyond the last time of a curve (\(ReportDocument.exact(last))); that curve is extended flat to tau, as R does")
        }
        let answer = SurvivalResult.alignedTable(["", "tau", "rmst", "se", "lower", "upper"],
                                                 means.map { m in [m.label] + [m.tau, m.estimate, m.standardError, m.lower, m.upper].map(ReportDocument.short) })
        let document = ReportDocument(analysis: "rmst", title: "Restricted mean survival time", conventions: [
            ("tau", ReportDocument.exact(tau)),
            ("estimator", "area under the \(r.estimator == .kaplanMeier ? "Kaplan–Meier" : "Fleming–Harrington") curve from 0 to tau (R print.survfit rmean = tau)"),
            ("variance", "R survmean: sum of (area beyond t)^2 d/(n(n-d)) (Greenwood-based, as survRM2)"),
            ("intervals", "normal, \(levelText(r.level)); difference = second group − first; ratio = second / first on the log scale (delta method)"),
        ], notes: notes, sections: sections)
        return SurvivalResult(document: document, answer: answer, textSections: ["comparison"], defaultTable: "rmst")
    }

    static func cox(_ r: SurvivalRequest, _ input: SurvivalInput, newCovariates: Matrix? = nil) throws(SurvivalError) -> SurvivalResult {
        guard !r.covariates.isEmpty else { throw .invalidArgument("the Cox model needs --covariates") }
        var options = CoxOptions()
        options.ties = r.ties
        options.level = r.level
        let model = try CoxRegression.fit(covariates: input.design, names: input.names, data: input.data,
                                          strata: input.strata, clusters: input.cluster, options: options)
        let variance: String
        if let cluster = r.cluster {
            variance = "robust sandwich clustered on \(cluster) (R coxph cluster=); z, p and hr intervals use robust_se; se is model-based"
        } else if model.robustVariance != nil {
            variance = "robust sandwich, R's default for non-integer case weights; z, p and hr intervals use robust_se; se is model-based"
        } else {
            variance = "model-based (inverse information)"
        }
        var conventions: [(String, String)] = [
            ("model", "Cox proportional hazards (R coxph), Newton–Raphson from 0, R's stopping rule"),
            ("ties", r.ties.rawValue),
            ("variance", variance),
            ("conf_level", levelText(r.level)),
            ("strata", r.strata ?? "none"),
            ("weights", r.weights ?? "none"),
            ("entry", r.start.map { "counting process (\($0), time]" } ?? "none (right-censored)"),
            ("tests", "likelihood ratio; Wald (model-based variance); score at beta = 0" +
                (model.robustVariance == nil ? "" : "; robust_wald (sandwich variance) and robust_score (R's rscore)")),
        ]
        if r.analysis == .zph {
            let zph = try CoxRegression.proportionalHazardsTest(covariates: input.design, names: input.names, data: input.data,
                                                                strata: input.strata, model: model, terms: input.terms,
                                                                transform: r.zphTransform)
            conventions.append(("zph", "R cox.zph (survival >= 3.0 score-test form), transform \(r.zphTransform.rawValue)"))
            let zphRows: [[ReportValue]] = zph.rows.map { [.text($0.term), .number($0.chiSquare), .integer($0.degreesOfFreedom), .number($0.pValue)] }
            let document = ReportDocument(analysis: "zph", title: "Test of proportional hazards", conventions: conventions, notes: model.warnings, sections: [
                .table(name: "zph", columns: ["term", "chisq", "df", "p"], rows: zphRows),
            ])
            let answer = SurvivalResult.alignedTable(["", "chisq", "df", "p"], zphRows.map { $0.map { ReportDocument.cell($0, exact: false) } })
            return SurvivalResult(document: document, answer: answer, textSections: [], defaultTable: "zph")
        }
        let terms: [[ReportValue]] = model.terms.map { t in
            [.text(t.name), .optional(t.coefficient), .optional(t.hazardRatio), .optional(t.standardError), .optional(t.robustStandardError),
             .optional(t.z), .optional(t.pValue), .optional(t.hazardRatioLower), .optional(t.hazardRatioUpper)]
        }
        func test(_ t: ChiSquareTest) -> ReportValue {
            .object([("statistic", .number(t.statistic)), ("df", .integer(t.degreesOfFreedom)), ("p", .number(t.pValue))])
        }
        var tests: [(String, ReportValue)] = [("likelihood_ratio", test(model.likelihoodRatio)), ("wald", test(model.wald)), ("score", test(model.score))]
        if let rw = model.robustWald { tests.append(("robust_wald", test(rw))) }
        if let rs = model.robustScore { tests.append(("robust_score", test(rs))) }
        var fields: [(String, ReportValue)] = [
            ("n", .integer(model.n)), ("events", .integer(model.events)), ("iterations", .integer(model.iterations)),
            ("converged", .boolean(model.converged)),
            ("loglik_null", .number(model.logLikelihoodNull)), ("loglik", .number(model.logLikelihood)), ("ties", .text(model.ties.rawValue)),
        ]
        if let clusters = model.clusters { fields.append(("clusters", .integer(clusters))) }
        var notes = model.warnings
        var concordance: ConcordanceResult? = nil
        do { concordance = try CoxRegression.concordance(model: model, data: input.data, strata: input.strata) } catch {
            notes.append("concordance is not estimable: \(error.description)")
        }
        fields.append(("concordance", .optional(concordance?.concordance)))
        fields.append(("concordance_se", .optional(concordance?.standardError)))
        fields.append(("aic", .number(model.aic)))
        conventions.append(("concordance", "Harrell's C of the linear predictor with its infinitesimal-jackknife standard error (R concordance(fit), timewt = \"n\")" + (r.strata == nil ? "" : ", within strata")))
        conventions.append(("aic", "−2 log L + 2 × estimated coefficients (R AIC)"))
        fields.append(("tests", .object(tests)))
        var sections: [ReportSection] = [
            .table(name: "terms", columns: ["term", "coef", "hr", "se", "robust_se", "z", "p", "hr_lower", "hr_upper"], rows: terms),
            .fields(name: "model", fields),
        ]
        var defaultTable = "terms"
        if let path = r.predictPath, let newValues = newCovariates {
            let curves = try CoxRegression.predictSurvival(covariates: input.design, names: input.names, data: input.data, strata: input.strata,
                                                           model: model, newCovariates: newValues, level: r.level)
            var rows: [[ReportValue]] = []
            for c in curves {
                for p in c.rows {
                    rows.append([.integer(c.row + 1), .text(c.stratum), .number(p.time), .number(p.survival), .optional(p.standardError),
                                 .optional(p.lower), .optional(p.upper), .number(p.cumulativeHazard), .number(p.atRisk), .number(p.events)])
                }
            }
            sections.append(.table(name: "predictions", columns: ["row", "strata", "time", "surv", "std_err", "lower", "upper", "cumhaz", "n_risk", "n_event"], rows: rows))
            conventions.append(("predictions", "R survfit.coxph(fit, newdata): surv = exp(−cumhaz), std_err the standard error of cumhaz (Tsiatis, R's $std.err), log-scale limits; row is the data row of \(path)"))
            defaultTable = "predictions"
        }
        let document = ReportDocument(analysis: "cox", title: "Cox proportional-hazards regression", conventions: conventions, notes: notes, sections: sections)
        let testRows: [[ReportValue]] = tests.map { name, value in
            guard case .object(let parts) = value else { return [.text(name)] }
            return [.text(name)] + parts.map(\.1)
        }
        var result = SurvivalResult(document: document, answer: coxAnswer(r, input, model, concordance), textSections: [],
                                    extraTables: [.table(name: "tests", columns: ["test", "statistic", "df", "p"], rows: testRows)],
                                    defaultTable: defaultTable)
        if let type = r.residuals {
            let res = try CoxRegression.residuals(type, covariates: input.design, names: input.names, data: input.data, strata: input.strata, model: model)
            var csv = CSVText(header: ["row"] + (res.times == nil ? [] : ["time"]) + res.columns)
            for k in res.rows.indices {
                var fields = [String(input.dataRows[res.rows[k]])]
                if let times = res.times { fields.append(ReportDocument.exact(times[k])) }
                for j in res.columns.indices { fields.append(ReportDocument.cell(.optional(res.values[k, j]), exact: true)) }
                csv.append(fields)
            }
            result.residualsCSV = csv.text
        }
        return result
    }

    /// The covariate values of `--predict FILE` as the model's design columns: numeric covariates as numbers,
    /// categorical ones as indicators of the model's levels (a level the model has not seen is an error).
    static func predictionDesign(_ path: String, _ input: SurvivalInput) throws(SurvivalReportError) -> Matrix {
        let csv = try SurvivalCSV(path: path, columns: input.terms.map(\.name))
        let n = csv.rowCount
        guard n > 0 else { throw SurvivalReportError(description: "\(path): no rows of covariate values") }
        var columns: [[Double]] = []
        for term in input.terms {
            let j = try csv.columnIndex(term.name)
            if let row = (0..<n).first(where: { csv.isMissing(row: $0, column: j) }) {
                throw SurvivalReportError(description: "\(path): line \(csv.line(row)), column '\(term.name)': missing value (empty or NA); every covariate needs a value")
            }
            if let levels = input.covariateLevels[term.name] {
                var values: [String] = []
                for row in 0..<n {
                    let v = csv.text(row: row, column: j)
                    guard levels.contains(v) || (Double(v).map { d in levels.contains(SurvivalCSV.decimal(d)) } ?? false) else {
                        throw SurvivalReportError(description: "\(path): line \(csv.line(row)), column '\(term.name)': '\(v)' is not a level of the model (\(levels.joined(separator: ", ")))")
                    }
                    values.append(Double(v).map(SurvivalCSV.decimal) ?? v)
                }
                for level in levels.dropFirst() { columns.append(values.map { $0 == level ? 1 : 0 }) }
            } else {
                var values: [Double] = []
                for row in 0..<n { values.append(try csv.number(row: row, column: j)) }
                columns.append(values)
            }
        }
        return (try? Matrix(rows: n, columns: columns.count, columnMajor: columns.flatMap { $0 })) ?? Matrix(rows: n, columns: 0)
    }

    /// R's `summary(coxph)` in short: hazard ratios with intervals, the reference levels, the three tests.
    static func coxAnswer(_ r: SurvivalRequest, _ input: SurvivalInput, _ model: CoxModel, _ concordance: ConcordanceResult?) -> String {
        let level = ReportDocument.short(r.level * 100)
        let robust = model.robustVariance != nil
        let cells: [[String]] = model.terms.map { t in
            [t.name] + [t.hazardRatio, t.hazardRatioLower, t.hazardRatioUpper, t.pValue, t.coefficient, robust ? t.robustStandardError : t.standardError]
                .map { ReportDocument.cell(.optional($0), exact: false) }
        }
        var out = "  n = \(model.n), events = \(model.events)\n\n"
        out += SurvivalResult.alignedTable(["", "hr", "\(level)% lower", "\(level)% upper", "p", "coef", robust ? "robust_se" : "se"], cells)
        if !input.referenceLevels.isEmpty {
            out += "  reference levels: " + input.referenceLevels.map { "\($0.0) = \($0.1)" }.joined(separator: ", ") + "\n"
        }
        out += "\n"
        if let c = concordance {
            out += "  Concordance = \(ReportDocument.short(c.concordance)) (se = \(ReportDocument.short(c.standardError)))\n"
        }
        for (label, test) in [("Likelihood ratio test", model.likelihoodRatio), ("Wald test", model.wald), ("Score (log-rank) test", model.score)] {
            out += "  \(label.padding(toLength: 21, withPad: " ", startingAt: 0)) = \(ReportDocument.short(test.statistic)) on \(test.degreesOfFreedom) df, p = \(ReportDocument.short(test.pValue))\n"
        }
        return out
    }
}
