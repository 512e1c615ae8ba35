import ArgumentParser
import InfusionOutcomes

/// `outcomes survival cox`: Cox proportional-hazards regression (R's coxph).
struct SurvivalCoxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cox",
        abstract: "Cox regression: hazard ratios with intervals, reference levels, the three tests (R's coxph).",
        discussion: """
        Example: outcomes survival cox --data lung.csv --time time --event status --covariates age,sex --reference sex=1
        Cause-specific hazards of competing risks: --event STATUS --event-value CAUSE (the other causes count as censored).
        """
    )

    @OptionGroup var input: SurvivalInputOptions
    @OptionGroup var outcome: SurvivalOutcomeOptions
    @OptionGroup var model: SurvivalModelOptions
    @Option(help: "Residuals to write to the --out FILE.csv: martingale, deviance, score, schoenfeld, scaledsch, dfbeta or dfbetas.")
    var residuals: CoxResidualType?
    @Option(help: "CSV of covariate values (one column per covariate): predicted survival curves for each row (table predictions).")
    var predict: String?

    func run() throws {
        var r = try outcome.request(.cox, input)
        model.apply(to: &r)
        r.residuals = residuals
        r.predictPath = predict
        if residuals != nil {
            // As the issue pins it: with --residuals, --out names the residuals' CSV file.
            guard let file = input.out else { throw ValidationError("--residuals needs --out FILE.csv for the residuals") }
            var rest = input
            rest.out = nil
            try rest.execute(r, residualsFile: file)
        } else {
            try input.execute(r)
        }
    }
}
