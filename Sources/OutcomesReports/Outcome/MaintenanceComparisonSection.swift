import OutcomesClinical

/// Section 8, maintenance versus re-induction: the target-trial emulation of `outcomes compare-strategies`
/// (protocol, balance, effective sample sizes, estimates, forest and overlap figures), then the per-scale
/// log-rank test and Cox hazard ratios by recorded strategy, and the maintenance intervals.
enum MaintenanceComparisonSection {
    private typealias F = Formatting

    static func maintenanceComparison(_ c: ReportContext) -> ReportPart {
        let t = c.cohort, cells = c.cells
        var s = "## Maintenance versus re-induction\n\n"
        let trial = StrategyReport.section(StrategyComparison.run(t), headingLevel: 3, policy: cells.policy)
        s += trial.markdownLines.dropFirst().joined(separator: "\n") + "\n\n"
        var figures: [(name: String, svg: String)] = [("strategy_forest.svg", StrategyReport.forestFigure(trial).svg()),
                                                      ("strategy_overlap.svg", StrategyReport.overlapFigure(trial).svg())]
        s += "![Hazard ratios of maintenance vs as_needed by analysis](figures/strategy_forest.svg)\n\n"
        s += "![Overlap of propensity scores by strategy](figures/strategy_overlap.svg)\n\n"
        s += "### By recorded strategy, per scale (Cox models)\n\n"
        var csv = CSVText(header: ["scale", "comparison", "adjusted_for", "patients", "relapses", "hazard_ratio", "lower", "upper", "p_value", "not_estimable"])
        for scale in Scale.all {
            // The scales with relapse curves (section 7 draws them): those with a responder followed for relapse.
            guard t.relapse.contains(where: { $0.scale == scale }) else { continue }
            let summary = t.relapseComparisons(scale: scale)
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
        s += "Tables: `tables/maintenance_hazard_ratios.csv`" + trial.tables.map { ", `tables/\($0.name)`" }.joined() + ".\n\n"
        return ReportPart(markdown: s, tables: [("maintenance_hazard_ratios.csv", csv.text)] + trial.tables.map { ($0.name, $0.contents) }, figures: figures)
    }
}
