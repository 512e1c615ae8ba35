import ArgumentParser
import Foundation
import InfusionOutcomes

/// `outcomes validate DATASET [--format text|md]`: exit 0 clean, 1 rows rejected, 2 unreadable.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Validate a dataset folder (patients, infusions, assessments, adverse events).",
        discussion: "Exit status: 0 clean, 1 rows rejected, 2 dataset unreadable. Schema: datasets/README.md."
    )

    @Argument(help: "Dataset folder holding patients.csv, infusions.csv, assessments.csv and optionally adverse_events.csv.")
    var dataset: String

    @Option(help: "Output format: text or md.")
    var format: String = "text"

    @Option(help: "Analysis plan (YAML); only time.assume_zone matters here (the zone of times written without a UTC offset).")
    var plan: String?

    func validate() throws {
        guard ValidationReportFormat(rawValue: format) != nil else {
            throw ValidationError("--format must be one of: \(ValidationReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func run() throws {
        let result: (text: String, exitStatus: Int32)
        do {
            let zone = try plan.map { path throws(PlanError) in try AnalysisPlan(contentsOfFile: path) }?.assumedTimeZone
            result = try Reports.validate(datasetAt: dataset, format: ValidationReportFormat(rawValue: format)!, assumeZone: zone)
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        print(result.text, terminator: "")
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }
}
