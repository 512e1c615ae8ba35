import ArgumentParser
import InfusionOutcomes

/// The options every command that analyses a dataset shares: the folder, the plan and `--allow-rejected`.
struct DatasetOptions: ParsableArguments {
    @Argument(help: "Dataset folder (see datasets/README.md).")
    var dataset: String
    @Option(help: "Analysis plan (YAML); defaults to the published conventions (outcomes plan --print-defaults).")
    var plan: String?
    @Flag(name: .customLong("allow-rejected"), help: "Analyse the accepted rows even when some rows were rejected.")
    var allowRejected = false
}

/// `--fail-on VERDICT`: the verdict that makes the command exit 1.
enum FailOn: String, CaseIterable, ExpressibleByArgument {
    case contradicted
}

extension ClaimsFormat: ExpressibleByArgument {}
extension ValidationReportFormat: ExpressibleByArgument {}

/// Prints an outcome and ends with its status; the failure line, when there is one, goes to standard error.
func finish(_ outcome: CommandOutcome) throws {
    print(outcome.text, terminator: "")
    if outcome.exitStatus != ExitStatus.success {
        printError(outcome.failure ?? "failed")
        throw ExitCode(outcome.exitStatus)
    }
}

/// Reports an input error on one line of standard error and ends with status 2.
func fail(_ command: String, _ error: any Error) -> ExitCode {
    printError("\(command): error: \(error)")
    return ExitCode(ExitStatus.badInput)
}
