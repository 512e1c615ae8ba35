import ArgumentParser
import InfusionOutcomes

/// `outcomes claims DATASET --claims FILE`: a verdict for every claim.
struct ClaimsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "claims",
        abstract: "Check published claims (a YAML claims file) against a dataset and give each a verdict.",
        discussion: "Example: outcomes claims datasets/sample --claims datasets/claims/seed-claims.yaml --fail-on contradicted\n\n"
            + ExitStatus.summary
    )

    @OptionGroup var options: DatasetOptions
    @Option(help: "Claims file (YAML); see datasets/claims/seed-claims.yaml.")
    var claims: String
    @Option(help: "Output format.")
    var format: ClaimsFormat = .md
    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a claim gets this verdict.")
    var failOn: FailOn?

    func run() throws {
        do {
            try finish(try Reports.claims(datasetAt: options.dataset, claimsPath: claims, planPath: options.plan,
                                          allowRejected: options.allowRejected, format: format, failOnContradicted: failOn == .contradicted))
        } catch let error as AnalysisInputError {
            throw fail("claims", error)
        }
    }
}
