import OutcomesLinearAlgebra
import OutcomesSurvival

extension SurvivalReports {
    /// `km --left --right`: the Turnbull NPMLE per group, as R's survfit(Surv(left, right, type = "interval2") ~ group).
    static func turnbull(_ r: SurvivalRequest, _ input: SurvivalInput) throws(SurvivalError) -> SurvivalResult {
        guard let data = input.interval else { throw .invalidArgument("no interval-censored data") }
        var options = TurnbullOptions()
        options.algorithm = r.turnbullAlgorithm
        let curves = try Turnbull.fit(data, groups: input.group, options: options)
        var rows: [[ReportValue]] = [], summary: [[ReportValue]] = [], quantileRows: [[ReportValue]] = [], masses: [[ReportValue]] = []
        for c in curves {
            for row in c.rows {
                rows.append([.text(c.label), .number(row.time), .number(row.atRisk), .number(row.events), .number(row.survival)])
            }
            for m in c.masses {
                masses.append([.text(c.label), .number(m.lower), .number(m.upper), .number(m.time), .number(m.probability)])
            }
            let q = c.quantiles([0.25, 0.5, 0.75])
            for (p, v) in zip([0.25, 0.5, 0.75], q) { quantileRows.append([.text(c.label), .number(p), .optional(v)]) }
            summary.append([.text(c.label), .integer(c.count), .number(c.expectedEvents), .optional(c.median), .integer(c.iterations), .boolean(c.converged),
                            .number(c.logLikelihood), .number(c.optimality)])
        }
        let answer = SurvivalResult.alignedTable(["", "n", "events", "median", "iterations", "converged", "loglik", "optimality"],
                                                 summary.map { $0.map { ReportDocument.cell($0, exact: false) } })
        var notes: [String] = []
        if curves.contains(where: { !$0.converged }) { notes.append("the Turnbull iteration did not converge for every group; the curves are the last iterate") }
        let document = ReportDocument(analysis: "km", title: "Turnbull survival curves (interval-censored)", conventions: [
            ("estimator", (r.turnbullAlgorithm == .emICM
                ? "Turnbull NPMLE by EM–ICM (Wellner & Zhan) to convergence (tolerance \(ReportDocument.short(options.effectiveTolerance))); R's survfit stops its EM earlier (--turnbull survfit replays it)"
                : "Turnbull NPMLE by R's survfit iteration and stopping rule (tolerance 5e-5), as survfit(Surv(left, right, type = \"interval2\"))")
                + "; jump times as R's; the curve drops at the midpoint of each Turnbull interval, as R draws it"),
            ("optimality", "Gentleman–Geyer ratio of the NPMLE conditions (1 at the NPMLE)"),
            ("events", "expected number of events (R print.survfit events), not a count of patients"),
            ("quantiles", "R quantile.survfit on the drawn curve; no confidence limits (R gives none for interval-censored curves)"),
        ], notes: notes, sections: [
            .table(name: "summary", columns: ["strata", "n", "events", "median", "iterations", "converged", "loglik", "optimality"], rows: summary),
            .table(name: "curve", columns: ["strata", "time", "n_risk", "n_event", "surv"], rows: rows),
            .table(name: "quantiles", columns: ["strata", "probability", "time"], rows: quantileRows),
            .table(name: "masses", columns: ["strata", "lower", "upper", "time", "probability"], rows: masses),
        ])
        return SurvivalResult(document: document, answer: answer, textSections: r.showCurve ? ["curve"] : [], defaultTable: "curve")
    }

    /// `survreg`: a parametric accelerated-failure-time model, as R's survreg.
    static func parametric(_ r: SurvivalRequest, _ input: SurvivalInput) throws(SurvivalError) -> SurvivalResult {
        let data: IntervalCensoredData
        if let interval = input.interval { data = interval } else { data = try IntervalCensoredData(time: input.data.exit, event: input.data.event) }
        var options = ParametricSurvivalOptions()
        options.level = r.level
        let model = try ParametricSurvival.fit(data, covariates: input.names.isEmpty ? nil : input.design, names: input.names,
                                               distribution: r.distribution, options: options)
        let terms: [[ReportValue]] = model.terms.map { [.text($0.name), .number($0.coefficient), .optional($0.standardError), .optional($0.z), .optional($0.pValue)] }
        var fields: [(String, ReportValue)] = [
            ("scale", .number(model.scale)), ("loglik", .number(model.logLikelihood)), ("loglik_null", .number(model.logLikelihoodNull)),
            ("iterations", .integer(model.iterations)), ("converged", .boolean(model.converged)),
            ("n", .integer(model.count)), ("log_scale", .number(model.logScale)), ("log_scale_se", .optional(model.logScaleStandardError)),
            ("chisq", .number(model.likelihoodRatioTest.statistic)), ("df", .integer(model.likelihoodRatioTest.degreesOfFreedom)),
            ("p", .optional(model.likelihoodRatioTest.pValue)),
        ]
        for kind in IntervalCensoring.allCases { fields.append(("n_\(kind.rawValue)", .integer(model.censoringCounts[kind] ?? 0))) }
        var sections: [ReportSection] = [
            .table(name: "terms", columns: ["term", "coef", "se", "z", "p"], rows: terms),
            .fields(name: "model", fields),
        ]
        var answer = "  n = \(model.count), distribution \(r.distribution.rawValue), scale = \(ReportDocument.short(model.scale))\n\n"
        answer += SurvivalResult.alignedTable(["", "coef", "se", "z", "p"], terms.map { $0.map { ReportDocument.cell($0, exact: false) } })
        if !model.hazardRatios.isEmpty {
            let hr: [[ReportValue]] = model.hazardRatios.map { [.text($0.name), .number($0.hazardRatio), .number($0.lower), .number($0.upper), .optional($0.pValue)] }
            sections.append(.table(name: "hazard_ratios", columns: ["term", "hr", "lower", "upper", "p"], rows: hr))
            answer += "\n" + SurvivalResult.alignedTable(["", "hr", "\(ReportDocument.short(r.level * 100))% lower", "\(ReportDocument.short(r.level * 100))% upper", "p"],
                                                         hr.map { $0.map { ReportDocument.cell($0, exact: false) } })
        }
        answer += "\n  Loglik(model) = \(ReportDocument.short(model.logLikelihood)), Loglik(intercept only) = \(ReportDocument.short(model.logLikelihoodNull))\n"
        answer += "  Chisq = \(ReportDocument.short(model.likelihoodRatioTest.statistic)) on \(model.likelihoodRatioTest.degreesOfFreedom) df, p = \(ReportDocument.short(model.likelihoodRatioTest.pValue))\n"
        var notes: [String] = []
        if !model.converged { notes.append("the fit did not converge within the iteration limit; the estimates are the last iterate") }
        let document = ReportDocument(analysis: "survreg", title: "Parametric survival regression (\(r.distribution.rawValue))", conventions: [
            ("model", "log T = xβ + σW, R survreg(dist = \"\(r.distribution.rawValue)\"); coefficients on the log-time scale"),
            ("scale", r.distribution.hasFixedScale ? "fixed at 1 (exponential)" : "estimated; log_scale and its se as R's Log(scale) row"),
            ("loglik", "log-likelihood on the time scale, as R's fit$loglik"),
            ("iterations", "Newton–Raphson iterations of this implementation (R counts its own)"),
            ("hazard_ratios", r.distribution.hasProportionalHazards ? "exp(−β/σ) per unit, delta-method \(levelText(r.level)) intervals" : "none: \(r.distribution.rawValue) is not a proportional-hazards model"),
        ], notes: notes, sections: sections)
        return SurvivalResult(document: document, answer: answer, textSections: [], defaultTable: "terms")
    }
}
