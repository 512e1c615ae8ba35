import ArgumentParser
import InfusionOutcomes

/// `outcomes model weights --data FILE --treatment COL --covariates LIST ...`
struct ModelWeightsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "weights",
        abstract: "Propensity-score (IPT) weights from a logistic model, with the balance table and effective sample sizes."
    )

    @Option(help: "CSV file with a header row.") var data: String
    @Option(help: "Treatment column: 0/1 or two labels (the second in sorted order is treated).") var treatment: String
    @Option(help: "Covariates of the propensity model, as in an R formula.") var covariates: String
    @Option(help: "Estimand: ate or att.") var estimand: String = "ate"
    @Flag(help: "Stabilize ATE weights by the group proportions.") var stabilize = false
    @Option(help: "Truncate weights above this quantile, e.g. 0.99 (WeightIt::trim).") var trim: Double?
    @Option(help: "The treatment value that is treated.") var treated: String?
    @Option(help: "Write row, ps, weight to this CSV.") var out: String?
    @Option(help: "Treat a numeric column as categorical (repeatable).") var factor: [String] = []
    @Option(help: "Reference level of a categorical column, COL=LEVEL (repeatable).") var reference: [String] = []
    @Option(help: "Output format: text, csv (the balance table), json or md.") var format: String = "text"

    func run() throws {
        guard let e = WeightingEstimand(rawValue: estimand) else { throw ValidationError("--estimand must be ate or att, got '\(estimand)'") }
        guard let output = ReportFormat(rawValue: format) else { throw ValidationError("--format must be text, csv, json or md, got '\(format)'") }
        var r = WeightsRequest(dataPath: data, treatment: treatment, covariates: covariates)
        r.options.estimand = e
        r.options.stabilize = stabilize
        r.options.trimQuantile = trim
        r.treated = treated
        r.out = out
        r.factors = factor
        r.format = output
        for item in reference {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("--reference must be COL=LEVEL, got '\(item)'") }
            r.references[parts[0]] = parts[1]
        }
        do {
            print(try ModelReports.weights(r), terminator: "")
        } catch {
            printError("model weights: \(error.description)")
            throw ExitCode(2)
        }
    }
}
