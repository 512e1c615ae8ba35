import OutcomesClinical

/// Output formats of `outcomes compare-strategies`.
public enum CompareStrategiesFormat: String, CaseIterable, Sendable {
    case md, csv, json
}

extension Reports {
    /// Entry point of `outcomes compare-strategies`: the target-trial emulation of maintenance vs re-induction as
    /// needed. With `outputPath`, also writes the Markdown, the CSV tables and the figures into that folder
    /// (replaced as a whole only once everything is written).
    public static func compareStrategies(datasetAt path: String, planPath: String?, allowRejected: Bool, estimand: String?,
                                         format: CompareStrategiesFormat, outputPath: String?) throws(AnalysisInputError) -> CommandOutcome {
        let analysed = try AnalysedDataset.load(datasetAt: path, planPath: planPath, allowRejected: allowRejected)
        let comparison = StrategyComparison.run(analysed.tables, estimand: estimand)
        let section = StrategyReport.section(comparison, headingLevel: 2)
        let markdown = "# Maintenance vs re-induction as needed\n\nDataset: `\(path)`; plan: \(planPath ?? "defaults")\n\n```\n"
            + analysed.accountingLines.joined(separator: "\n") + "\n```\n\n" + section.markdownLines.joined(separator: "\n") + "\n"
        let text: String
        switch format {
        case .md: text = markdown
        case .csv: text = StrategyReport.document(comparison).render(.csv)
        case .json: text = StrategyReport.document(comparison).render(.json)
        }
        if let outputPath {
            var files: [(name: String, contents: String)] = [("compare_strategies.md", markdown),
                                                             ("compare_strategies.json", StrategyReport.document(comparison).render(.json))]
            files += section.tables
            files += StrategyReport.figures(section)
            do { try OutputFolder.write(files, to: outputPath) } catch { throw .output(path: outputPath, message: "\(error)") }
        }
        return CommandOutcome(text: text)
    }
}

extension StrategyReport {
    /// The section's figures as SVG files: the forest of hazard ratios (log axis, reference 1), the overlap of
    /// propensity scores by strategy (weighted), and the IPT-weighted Kaplan–Meier curves.
    public static func figures(_ section: StrategyReportSection) -> [(name: String, contents: String)] {
        [("strategy_forest.svg", forestFigure(section).svg()), ("strategy_overlap.svg", overlapFigure(section).svg()),
         ("strategy_km.svg", section.survivalFigure.svg())]
    }

    static func forestFigure(_ section: StrategyReportSection) -> ForestFigure {
        ForestFigure(title: "Hazard ratio of relapse, maintenance vs as_needed", xLabel: "hazard ratio (log scale)",
                     rows: section.forestRows.map { .init(label: $0.label, estimate: $0.estimate, lower: $0.lower, upper: $0.upper, note: $0.note) },
                     reference: 1, logScale: true)
    }

    static func overlapFigure(_ section: StrategyReportSection) -> OverlapFigure {
        OverlapFigure(title: "Propensity of maintenance by recorded strategy (IPT-weighted)", xLabel: "propensity score",
                      groups: section.overlapGroups.map { .init(label: $0.label, values: $0.scores, weights: $0.weights) })
    }
}
