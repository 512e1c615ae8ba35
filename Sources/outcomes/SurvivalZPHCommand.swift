import ArgumentParser
import InfusionOutcomes

/// `outcomes survival zph`: test of proportional hazards of a Cox model (R's cox.zph).
struct SurvivalZPHCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "zph",
        abstract: "Test of proportional hazards per term and globally (R's cox.zph).",
        discussion: "Example: outcomes survival zph --data lung.csv --time time --event status --covariates age,sex"
    )

    @OptionGroup var input: SurvivalInputOptions
    @OptionGroup var outcome: SurvivalOutcomeOptions
    @OptionGroup var model: SurvivalModelOptions
    @Option(help: "Time transform: km (R's default), rank, identity or log.")
    var transform: TimeTransform = .km

    func run() throws {
        var r = try outcome.request(.zph, input)
        model.apply(to: &r)
        r.zphTransform = transform
        try input.execute(r)
    }
}
