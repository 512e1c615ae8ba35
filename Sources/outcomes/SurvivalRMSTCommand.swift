import ArgumentParser
import InfusionOutcomes

/// `outcomes survival rmst`: restricted mean survival time up to `--tau`.
struct SurvivalRMSTCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rmst",
        abstract: "Restricted mean survival time up to --tau, with difference and ratio for two groups.",
        discussion: "Example: outcomes survival rmst --data lung.csv --time time --event status --group sex --tau 365"
    )

    @OptionGroup var input: SurvivalInputOptions
    @OptionGroup var outcome: SurvivalOutcomeOptions
    @OptionGroup var groups: SurvivalGroupOptions
    @Option(help: "The horizon: area under the curve from 0 to tau.")
    var tau: Double
    @Option(help: "Survival estimator: kaplan-meier, or fleming-harrington (exp of minus the Nelson–Aalen cumulative hazard).")
    var estimator: SurvivalEstimator = .kaplanMeier
    @Option(name: .customLong("conf-type"), help: "Interval transform of the curves: log, log-log, plain, logit or arcsin.")
    var confType: ConfidenceTransform = .log

    func run() throws {
        var r = try outcome.request(.rmst, input)
        r.group = groups.group
        r.strata = groups.strata
        r.tau = tau
        r.confType = confType
        r.estimator = estimator
        try input.execute(r)
    }
}
