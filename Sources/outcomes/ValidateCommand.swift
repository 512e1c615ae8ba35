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
    @Option(help: "Analysis plan (YAML); only time.assume_zone matters here (the zone of times written without a UTC offset).")
    var plan: String?

    func run() throws {
        let outcome: CommandOutcome
        do {
            let zone = try plan.map { path throws(PlanError) in try AnalysisPlan(contentsOfFile: path) }?.assumedTimeZone
            outcome = try Reports.validate(datasetAt: dataset, format: format, assumeZone: zone)
        } catch {
            throw fail("validate", error)
        }
        try finish(outcome)
    }
}
