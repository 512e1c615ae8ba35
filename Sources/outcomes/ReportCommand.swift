import ArgumentParser
import InfusionOutcomes

/// `outcomes report DATASET --out DIR`: the full outcome report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the outcome report (Markdown, SVG figures, claim verdicts and derived CSV tables) for a dataset.",
        discussion: "Example: outcomes report datasets/sample --claims datasets/claims/seed-claims.yaml --out reports/sample"
    )

    @Argument(help: "Dataset folder (see datasets/README.md).")
    var dataset: String

    @Option(help: "Output folder; replaced only after every file is written.")
    var out: String

    @Option(help: "Analysis plan (YAML); defaults to the published conventions.")
    var plan: String?

    @Option(help: "Claims file (YAML) to check; see datasets/claims/seed-claims.yaml.")
    var claims: String?

    @Option(help: "Published response rates (CSV) to pool and set beside the practice's rate; see datasets/published/README.md.")
    var published: String?

    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a claim gets this verdict (only 'contradicted').")
    var failOn: String?

    @Flag(name: .customLong("allow-rejected"), help: "Analyse the accepted rows even when some rows were rejected.")
    var allowRejected = false

    @Flag(name: .customLong("no-wait"), help: "If another run is writing the same --out folder, exit with status 2 instead of waiting.")
    var noWait = false

    func validate() throws {
        if let failOn, failOn != "contradicted" { throw ValidationError("--fail-on accepts only 'contradicted' (got '\(failOn)')") }
        if failOn != nil && claims == nil { throw ValidationError("--fail-on needs --claims FILE") }
    }

    func run() throws {
        do {
            let result = try Reports.report(datasetAt: dataset, planPath: plan, claimsPath: claims, allowRejected: allowRejected,
                                            outputPath: out, failOnContradicted: failOn != nil, publishedPath: published, noWait: noWait)
            print(result.text, terminator: "")
            if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
        } catch let error as AnalysisInputError {
            printError("error: \(error)")
            throw ExitCode(error.exitStatus)
        }
    }
}
