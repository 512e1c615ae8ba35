import ArgumentParser
import InfusionOutcomes

/// `outcomes derive DATASET [--plan FILE] --out DIR`: the derived tables as CSV.
struct DeriveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "derive",
        abstract: "Derive series endpoints, relapse, suicidal-item, tolerability and exclusion tables as CSV.",
        discussion: "Columns are documented in README.md (Derived tables). The plan used is written to definitions.txt."
    )

    @Argument(help: "Dataset folder (see datasets/README.md).")
    var dataset: String

    @Option(help: "Analysis plan (YAML); defaults to the published conventions (outcomes plan --print-defaults).")
    var plan: String?

    @Option(help: "Output folder; replaced only after every file is written.")
    var out: String

    @Flag(name: .customLong("allow-rejected"), help: "Analyse the accepted rows even when some rows were rejected.")
    var allowRejected = false

    @Flag(name: .customLong("no-wait"), help: "If another run is writing the same --out folder, exit with status 2 instead of waiting.")
    var noWait = false

    func run() throws {
        do {
            print(try Reports.derive(datasetAt: dataset, planPath: plan, allowRejected: allowRejected, outputPath: out, noWait: noWait), terminator: "")
        } catch {
            printError("error: \(error)")
            throw ExitCode(error.exitStatus)
        }
    }
}
