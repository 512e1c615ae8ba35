import ArgumentParser
import InfusionOutcomes

/// `outcomes survival km|logrank|rmst|cox|zph --data FILE.csv --time COL --event COL ...`
struct SurvivalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survival",
        abstract: "Survival analysis of any CSV: Kaplan–Meier, log-rank, RMST, Cox regression, proportional-hazards test.",
        discussion: "Results match R's survival package (see Tests/OutcomesSurvivalTests/Fixtures/make_fixtures.R)."
    )

    @Argument(help: "Analysis: km, logrank, rmst, cox or zph.")
    var analysis: String

    @Option(help: "CSV file with a header row.") var data: String
    @Option(help: "Column with the exit (event or censoring) time.") var time: String
    @Option(help: "Column with the event indicator (1/0 or TRUE/FALSE).") var event: String
    @Option(help: "Column with the entry time (delayed entry, counting process).") var start: String?
    @Option(help: "Column with the groups to compare.") var group: String?
    @Option(help: "Column with strata.") var strata: String?
    @Option(help: "Comma-separated covariate columns (Cox); text columns become indicators.") var covariates: String?
    @Option(help: "Column with case weights.") var weights: String?
    @Option(help: "Column with cluster ids for the robust variance (Cox).") var cluster: String?
    @Option(help: "Tie handling: efron or breslow.") var ties: String = "efron"
    @Option(name: .customLong("conf-type"), help: "Interval transform: log, log-log, plain, logit or arcsin.") var confType: String = "log"
    @Option(name: .customLong("conf-level"), help: "Confidence level.") var confLevel: Double = 0.95
    @Option(help: "RMST horizon.") var tau: Double?
    @Option(help: "G-rho parameter of the log-rank test (0 = log-rank).") var rho: Double = 0
    @Option(help: "Comma-separated times for the number-at-risk table (km).") var times: String?
    @Option(help: "Output format: text, csv, json or md.") var format: String = "text"

    func run() throws {
        guard let kind = SurvivalAnalysisKind(rawValue: analysis) else {
            throw ValidationError("unknown analysis '\(analysis)'; use km, logrank, rmst, cox or zph")
        }
        guard let tieMethod = TieMethod(rawValue: ties) else { throw ValidationError("--ties must be efron or breslow, got '\(ties)'") }
        guard let transform = ConfidenceTransform(rawValue: confType) else {
            throw ValidationError("--conf-type must be log, log-log, plain, logit or arcsin, got '\(confType)'")
        }
        guard let output = ReportFormat(rawValue: format) else { throw ValidationError("--format must be text, csv, json or md, got '\(format)'") }
        var request = SurvivalRequest(analysis: kind, dataPath: data, time: time, event: event)
        request.start = start
        request.group = group
        request.strata = strata
        request.covariates = covariates.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } ?? []
        request.weights = weights
        request.cluster = cluster
        request.ties = tieMethod
        request.confType = transform
        request.level = confLevel
        request.tau = tau
        request.rho = rho
        if let times {
            request.riskTimes = try times.split(separator: ",").map { s in
                guard let v = Double(s.trimmingCharacters(in: .whitespaces)) else { throw ValidationError("--times: '\(s)' is not a number") }
                return v
            }
        }
        request.format = output
        // Data errors are not usage errors: ArgumentParser prints the message and exits with status 1.
        print(try SurvivalReports.run(request), terminator: "")
    }
}
