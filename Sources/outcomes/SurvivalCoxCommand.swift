import ArgumentParser
import InfusionOutcomes

/// `outcomes survival cox`: Cox proportional-hazards regression (R's coxph).
struct SurvivalCoxCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cox",
        abstract: "Cox regression: hazard ratios with intervals, reference levels, the three tests (R's coxph).",
        discussion: "Example: outcomes survival cox --data lung.csv --time time --event status --covariates age,sex --reference sex=1"
    )

    @OptionGroup var input: SurvivalInputOptions
    @OptionGroup var outcome: SurvivalOutcomeOptions
    @OptionGroup var model: SurvivalModelOptions

    func run() throws {
        var r = try outcome.request(.cox, input)
        model.apply(to: &r)
        try input.execute(r)
    }
}
