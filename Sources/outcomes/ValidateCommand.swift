import ArgumentParser
import InfusionOutcomes

/// `outcomes validate DATASET [--format text|md]`: exit 0 clean, 1 rows rejected, 2 unreadable.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a dataset folder (patients, infusions, assessments, adverse events).",
        discussion: "Exit status: 0 clean, 1 rows rejected, 2 dataset unreadable, 64 usage error. Schema: datasets/README.md."
    )

    @Argument(help: "Dataset folder holding patients.csv, infusions.csv, assessments.csv and optionally adverse_events.csv.")
    var dataset: String
    @Option(help: "Output format.")
    var format: ValidationReportFormat = .text

    func run() throws {
        let outcome: CommandOutcome
        do { outcome = try Reports.validate(datasetAt: dataset, format: format) } catch { throw fail("validate", error) }
        try finish(outcome)
    }
}
