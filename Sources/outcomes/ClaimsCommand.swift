import ArgumentParser
import InfusionOutcomes

/// `outcomes claims DATASET --claims FILE`: a verdict for every claim.
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Check published claims (a YAML claims file) against a dataset and give each a verdict.",
        discussion: "Example: outcomes claims datasets/sample --claims datasets/claims/seed-claims.yaml --fail-on contradicted"
    )

    @Argument(help: "Dataset folder (see datasets/README.md).")
    var dataset: String

    @Option(help: "Claims file (YAML); see datasets/claims/seed-claims.yaml.")
    var claims: String

    @Option(help: "Analysis plan (YAML); defaults to the published conventions.")
    var plan: String?

    @Option(help: "Output format: md, csv or json.")
    var format: String = "md"

    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a claim gets this verdict (only 'contradicted' is accepted).")
    var failOn: String?

    @Flag(name: .customLong("allow-rejected"), help: "Analyse the accepted rows even when some rows were rejected.")
    var allowRejected = false

    func validate() throws {
        guard ClaimsFormat(rawValue: format) != nil else { throw ValidationError("--format must be md, csv or json (got '\(format)')") }
        if let failOn, failOn != "contradicted" { throw ValidationError("--fail-on accepts only 'contradicted' (got '\(failOn)')") }
    }

    func run() throws {
        do {
            let result = try Reports.claims(datasetAt: dataset, claimsPath: claims, planPath: plan, allowRejected: allowRejected,
                                            format: ClaimsFormat(rawValue: format)!, failOnContradicted: failOn != nil)
            print(result.text, terminator: "")
            if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
        } catch let error as AnalysisInputError {
            printError("error: \(error)")
            throw ExitCode(error.exitStatus)
        }
    }
}
