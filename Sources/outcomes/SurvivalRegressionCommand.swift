import ArgumentParser
import InfusionOutcomes

/// `outcomes survival survreg`: parametric survival regression (R's survreg) for right-, left- and
/// interval-censored rows.
struct SurvivalRegressionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "survreg",
        abstract: "Parametric survival regression (Weibull, exponential, log-normal, log-logistic) as R's survreg, with --time/--event or --left/--right.",
        discussion: "Example: outcomes survival survreg --data relapse.csv --left last_well --right first_relapsed --covariates arm --dist weibull"
    )

    @OptionGroup var input: SurvivalInputOptions
    @OptionGroup var outcome: SurvivalEitherOutcomeOptions
    @Option(help: "Covariate columns, comma-separated or repeated; text columns become indicators (see --reference).")
    var covariates: [String] = []
    @Option(help: "Error distribution: weibull, exponential, lognormal or loglogistic.")
    var dist: SurvivalDistribution = .weibull

    func run() throws {
        var r = try outcome.request(.survreg, input)
        r.covariates = SurvivalArguments.splitList(covariates)
        r.distribution = dist
        try input.execute(r)
    }
}
