import OutcomesSurvival

extension SurvivalReports {
    /// `cuminc`: Aalen–Johansen cumulative incidence per group and cause, and Gray's test between the groups.
    static func cumulativeIncidence(_ r: SurvivalRequest, _ input: SurvivalInput) throws(SurvivalError) -> SurvivalResult {
        guard let data = input.competing else { throw .invalidArgument("no competing-risks data") }
        let curves = try CompetingRisks.cumulativeIncidence(data, strata: input.group, level: r.level)
        var rows: [[ReportValue]] = [], summary: [[ReportValue]] = [], atTimes: [[ReportValue]] = []
        for c in curves {
            for row in c.rows {
                rows.append([.text(c.stratum), .text(c.cause), .number(row.time), .number(row.estimate), .optional(row.standardError),
                             .optional(row.lower), .optional(row.upper), .number(row.atRisk), .number(row.events), .number(row.censored)])
            }
            let last = c.rows.last
            summary.append([.text(c.stratum), .text(c.cause), .number(c.rows.reduce(0) { $0 + $1.events }), .optional(last?.time),
                            .optional(last?.estimate), .optional(last?.lower), .optional(last?.upper)])
            for t in r.riskTimes {
                let row = c.rows.last { $0.time <= t }
                atTimes.append([.text(c.stratum), .text(c.cause), .number(t), .number(row?.estimate ?? 0), .optional(row?.standardError ?? 0),
                                .optional(row?.lower), .optional(row?.upper)])
            }
        }
        var sections: [ReportSection] = [
            .table(name: "summary", columns: ["strata", "cause", "events", "last_time", "estimate", "lower", "upper"], rows: summary),
            .table(name: "curves", columns: ["strata", "cause", "time", "estimate", "std_err", "lower", "upper", "n_risk", "n_event", "n_censor"], rows: rows),
        ]
        if !r.riskTimes.isEmpty {
            sections.append(.table(name: "estimates", columns: ["strata", "cause", "time", "estimate", "std_err", "lower", "upper"], rows: atTimes))
        }
        var answer = SurvivalResult.alignedTable(["", "cause", "events", "last time", "incidence", "lower", "upper"],
                                                 summary.map { $0.map { ReportDocument.cell($0, exact: false) } })
        var gray: [GrayTest] = []
        if let group = input.group, group.labels.count > 1 {
            let tests = try CompetingRisks.grayTest(data, groups: group, strata: input.strata)
            sections.append(.table(name: "gray_test", columns: ["cause", "chisq", "df", "p"], rows: tests.map {
                [.text($0.cause), .optional($0.test?.statistic), $0.test.map { .integer($0.degreesOfFreedom) } ?? .missing, .optional($0.test?.pValue)]
            }))
            answer += "\n"
            for t in tests {
                if let test = t.test {
                    answer += "  Gray's test, cause \(t.cause): chisq = \(ReportDocument.short(test.statistic)) on \(test.degreesOfFreedom) df, p = \(ReportDocument.short(test.pValue))\n"
                } else {
                    answer += "  Gray's test, cause \(t.cause): not estimable (\(t.notEstimableReason ?? "no reason given"))\n"
                }
            }
            gray = tests
        }
        let document = ReportDocument(analysis: "cuminc", title: "Cumulative incidence of competing causes", conventions: [
            ("estimator", "Aalen–Johansen (R survfit on Surv(time, factor(status)), a multi-state fit)"),
            ("std_err", "infinitesimal jackknife, as R survfit reports for multi-state data"),
            ("intervals", "\(levelText(r.level)), log transform as R's default conf.type = \"log\", upper limit clipped at 1"),
            ("gray_test", "Gray (1988), as cmprsk::cuminc()$Tests" + (r.strata.map { ", stratified by \($0)" } ?? "")),
            ("groups", r.group ?? "none"),
        ], notes: [], sections: sections)
        var result = SurvivalResult(document: document, answer: answer,
                                    textSections: (r.riskTimes.isEmpty ? [] : ["estimates"]) + (r.showCurve ? ["curves"] : []),
                                    defaultTable: "curves")
        if let plot = r.plot {
            result.figure = SurvivalPlot.cumulativeIncidence(curves, options: plot, time: r.time, gray: gray)
        }
        return result
    }
}
