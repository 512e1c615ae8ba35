import ArgumentParser
import InfusionOutcomes

/// `outcomes derive DATASET [--plan FILE] --out DIR`: the derived tables as CSV.
struct DeriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Derive series endpoints, relapse, suicidal-item, tolerability and exclusion tables as CSV.",
        discussion: "Columns are documented in README.md (Derived tables). The plan used is written to definitions.txt.\n\n"
            + ExitStatus.summary
    )

    @OptionGroup var options: DatasetOptions
    @Option(help: "Output folder; replaced only after every file is written.")
    var out: String

    @Flag(name: .customLong("no-wait"), help: "If another run is writing the same --out folder, exit with status 2 instead of waiting.")
    var noWait = false

    func run() throws {
        do {
            try finish(CommandOutcome(text: try Reports.derive(datasetAt: options.dataset, planPath: options.plan,
                                                               allowRejected: options.allowRejected, outputPath: out, noWait: noWait)))
        } catch let error as AnalysisInputError {
            throw fail("derive", error)
        }
    }
}
