import ArgumentParser
import Foundation
import InfusionOutcomes

/// `outcomes report DATASET --out DIR`: the practice's outcome report.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the outcome report (Markdown, tidy CSV tables, SVG figures, provenance) for a dataset.",
        discussion: "Example: outcomes report datasets/sample --period 2025-Q3 --claims datasets/claims/seed-claims.yaml --out reports/sample-2025-Q3\n\n"
            + "Counts from 1 to 10 are suppressed (printed <11) unless --no-suppress. With --check DIR nothing is written: the report is "
            + "regenerated into a temporary folder and compared with DIR (exit status 1 and a short diff when they differ).\n\n"
            + ExitStatus.summary
    )

    @OptionGroup var options: DatasetOptions
    @Option(help: "Output folder; replaced only after every file is written.")
    var out: String?
    @Option(help: "Compare a fresh run with this committed report folder instead of writing; exit 1 when they differ.")
    var check: String?
    @Option(help: "Claims file (YAML) to check; see datasets/claims/seed-claims.yaml.")
    var claims: String?
    @Option(help: "Published response rates (CSV) to pool and set beside the practice's rate; see datasets/published/README.md.")
    var published: String?
    @Option(help: "Report title (default: \"Outcome report\" and the period).")
    var title: String?
    @Option(help: "Reporting period: a quarter (2025-Q3) or a year (2025). Reports the induction series that started in it, followed to the end of the data.")
    var period: String?
    @Option(help: "Start of the reporting period (YYYY-MM-DD, inclusive); with --to.")
    var from: String?
    @Option(help: "End of the reporting period (YYYY-MM-DD, inclusive); with --from.")
    var to: String?
    @Option(name: .customLong("suppress-below"), help: "Hide counts from 1 to N−1 (default 11: counts 1–10 print as <11).")
    var suppressBelow: Int?
    @Flag(name: .customLong("no-suppress"), help: "Turn small-cell suppression off (internal use; the report says so in its first line).")
    var noSuppress = false
    @Flag(name: .customLong("with-patient-tables"), help: "Also write the per-patient derived tables (patient identifiers and dates) under patient_tables/.")
    var withPatientTables = false
    @Option(name: .customLong("fail-on"), help: "Exit with status 1 when a claim gets this verdict (needs --claims).")
    var failOn: FailOn?

    @Flag(name: .customLong("no-wait"), help: "If another run is writing the same --out folder, exit with status 2 instead of waiting.")
    var noWait = false

    func validate() throws {
        if failOn != nil && claims == nil { throw ValidationError("--fail-on needs --claims FILE") }
        if (out == nil) == (check == nil) { throw ValidationError("give exactly one of --out DIR and --check DIR") }
        if period != nil && (from != nil || to != nil) { throw ValidationError("--period cannot be combined with --from/--to") }
        if (from == nil) != (to == nil) { throw ValidationError("--from and --to go together") }
        if noSuppress && suppressBelow != nil { throw ValidationError("--no-suppress and --suppress-below contradict each other") }
        if let n = suppressBelow, n < 2 { throw ValidationError("--suppress-below must be at least 2") }
    }

    /// The command line for the provenance section: as typed, the program named `outcomes`, without --out/--check
    /// and their folders (so a --check run prints the same provenance as the run it checks).
    static func provenanceCommandLine(_ arguments: [String]) -> [String] {
        var words = ["outcomes"]
        var skip = false
        for word in arguments.dropFirst() {
            if skip { skip = false; continue }
            if word == "--out" || word == "--check" { skip = true; continue }
            if word.hasPrefix("--out=") || word.hasPrefix("--check=") || word == "--no-wait" { continue }
            words.append(word)
        }
        return words
    }

    func run() throws {
        var reportOptions = OutcomeReportOptions(title: title, commandLine: Self.provenanceCommandLine(CommandLine.arguments))
        do {
            if let period { reportOptions.period = try CalendarPeriod(parsing: period) }
            if let from, let to { reportOptions.period = try CalendarPeriod(from: from, to: to) }
        } catch {
            throw fail("report", error)
        }
        reportOptions.suppression = noSuppress ? .none : SmallCellPolicy(threshold: suppressBelow ?? 11)
        reportOptions.withPatientTables = withPatientTables
        // Progress only for a person watching a terminal; pipes and CI logs stay quiet.
        let progress = isatty(STDERR_FILENO) == 1
        if progress { printError("outcomes report: reading \(options.dataset) and computing the report…") }
        do {
            if let check {
                try finish(try Reports.checkReport(datasetAt: options.dataset, planPath: options.plan, claimsPath: claims,
                                                   allowRejected: options.allowRejected, committed: check, publishedPath: published,
                                                   options: reportOptions))
            } else if let out {
                try finish(try Reports.report(datasetAt: options.dataset, planPath: options.plan, claimsPath: claims,
                                              allowRejected: options.allowRejected, outputPath: out,
                                              failOnContradicted: failOn == .contradicted, publishedPath: published, noWait: noWait,
                                              options: reportOptions))
            }
        } catch let error as AnalysisInputError {
            throw fail("report", error)
        }
    }
}
