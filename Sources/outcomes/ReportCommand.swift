import ArgumentParser
import InfusionOutcomes

/// `outcomes report DATASET --out DIR`: the full outcome report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the outcome report (Markdown, SVG figures, claim verdicts and derived CSV tables) for a dataset.",
        discussion: "Example: outcomes report datasets/sample --claims datasets/claims/seed-claims.yaml --out reports/sample\n\n"
            + ExitStatus.summary
    )

    @OptionGroup var options: DatasetOptions
    @Option(help: "Output folder; replaced only after every file is written.")
    var out: String
    @Option(help: "Claims file (YAML) to check; see datasets/claims/seed-claims.yaml.")
    var claims: String?
    @Option(help: "Published response rates (CSV) to pool and set beside the practice's rate; see datasets/published/README.md.")
    var published: String?
    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a claim gets this verdict (needs --claims).")
    var failOn: FailOn?

    @Flag(name: .customLong("no-wait"), help: "If another run is writing the same --out folder, exit with status 2 instead of waiting.")
    var noWait = false

    func validate() throws {
        if failOn != nil && claims == nil { throw ValidationError("--fail-on needs --claims FILE") }
    }

    func run() throws {
        do {
            try finish(try Reports.report(datasetAt: options.dataset, planPath: options.plan, claimsPath: claims,
                                          allowRejected: options.allowRejected, outputPath: out,
                                          failOnContradicted: failOn == .contradicted, publishedPath: published, noWait: noWait))
        } catch let error as AnalysisInputError {
            throw fail("report", error)
        }
    }
}
