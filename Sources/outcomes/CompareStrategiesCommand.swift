import ArgumentParser
import InfusionOutcomes

extension CompareStrategiesFormat: ExpressibleByArgument {}

/// `outcomes compare-strategies DATASET`: maintenance vs re-induction as needed, as a target-trial emulation.
struct CompareStrategiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare-strategies",
        abstract: "Maintenance vs re-induction as needed as a target-trial emulation: protocol, balance, ITT/IPTW, per-protocol, landmark and interval-censored estimates with E-values.",
        discussion: "Example: outcomes compare-strategies datasets/sample --format json\n\n" + ExitStatus.summary
    )

    enum Estimand: String, CaseIterable, ExpressibleByArgument { case ate, att }

    @OptionGroup var options: DatasetOptions
    @Option(help: "Weights' estimand (overrides the plan's strategy.estimand).")
    var estimand: Estimand?
    @Option(help: "Output format.")
    var format: CompareStrategiesFormat = .md
    @Option(help: "Also write the Markdown, JSON, CSV tables and SVG figures into this folder (replaced as a whole).")
    var out: String?

    func run() throws {
        do {
            try finish(try Reports.compareStrategies(datasetAt: options.dataset, planPath: options.plan, allowRejected: options.allowRejected,
                                                     estimand: estimand?.rawValue, format: format, outputPath: out))
        } catch let error as AnalysisInputError {
            throw fail("compare-strategies", error)
        }
    }
}
