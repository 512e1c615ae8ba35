import OutcomesClinical

/// Section 8, maintenance versus re-induction, in one function so that the comparison of `outcomes
/// compare-strategies` can replace it. Until then it renders the existing content: the strategy protocol as
/// recorded, the log-rank test and Cox hazard ratios of maintenance, and the maintenance intervals.
enum MaintenanceComparisonSection {
    private typealias F = Formatting

    static func maintenanceComparison(_ c: ReportContext) -> ReportPart {
        let t = c.cohort, cells = c.cells
        var s = "## Maintenance versus re-induction\n\n"
        s += "Protocol as recorded: at the end of the induction series each responder's plan is `maintenance` (scheduled sessions) or `as_needed` "
        s += "(re-induction when symptoms return). Strategy was chosen, not randomized; the unadjusted comparison mixes the strategy's effect with who chose it, "
        s += "and the adjusted rows adjust only for what the data record. A balance table and a forest figure follow from the strategy-comparison analysis when it is added.\n\n"
        var figures: [(name: String, svg: String)] = []
        var csv = CSVText(header: ["scale", "comparison", "adjusted_for", "patients", "relapses", "hazard_ratio", "lower", "upper", "p_value", "not_estimable"])
        for scale in Scale.all {
            let summary = t.relapseSummary(scale: scale)
            guard !summary.curves.isEmpty else { continue }
            s += "### \(scale.id)\n\n"
            if let lr = summary.logRank {
                if let why = summary.logRankNotEstimable {
                    s += "Log-rank test by strategy: not estimable (\(why)).\n"
                } else {
                    s += "Log-rank test by strategy: chi-square \(F.fixed(lr.chiSquare, 2)) on \(lr.degreesOfFreedom) df, \(OutcomeSections.pEquals(lr.pValue)).\n"
                }
            }
            s += OutcomeSections.hazardRatios(summary.hazardRatios, plan: t.plan, cells: cells) + "\n"
            if let fig = FigureHooks.maintenanceForest(scale: scale, rows: summary.hazardRatios) {
                figures.append(fig)
                s += "![Hazard ratios of maintenance (\(scale.id))](figures/\(fig.name))\n\n"
            }
            for r in summary.hazardRatios {
                let hide = cells.policy.hidesRate(successes: r.events, patients: r.n)
                let estimable = r.notEstimable == nil
                csv.append([scale.id, r.label, r.adjustment, cells.count(r.n), hide ? cells.hidden : String(r.events),
                            estimable ? F.fixed(r.term.hazardRatio, 4) : "", estimable ? F.fixed(r.term.hazardRatioLower, 4) : "",
                            estimable ? F.fixed(r.term.hazardRatioUpper, 4) : "", estimable ? ClaimsReport.pValue(r.term.pValue) : "", r.notEstimable ?? ""])
            }
        }
        if let m = t.maintenanceSummary {
            s += "Maintenance intervals: \(cells.count(m.intervals)) intervals between consecutive maintenance sessions in \(cells.count(m.patients)) patients: "
            s += "median \(F.fixed(m.median, 1)) days, quartiles \(F.fixed(m.lowerQuartile, 1)) and \(F.fixed(m.upperQuartile, 1)) days.\n\n"
        }
        s += "Table: `tables/maintenance_hazard_ratios.csv`.\n\n"
        return ReportPart(markdown: s, tables: [("maintenance_hazard_ratios.csv", csv.text)], figures: figures)
    }
}
