import ArgumentParser
import InfusionOutcomes

/// `outcomes model lmm --data FILE --outcome COL --covariates LIST --random "1+week|id" ...`
struct ModelLMMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lmm",
        abstract: "Linear mixed model with random intercepts and slopes (as lme4::lmer and nlme::lme)."
    )

    @OptionGroup var common: ModelCommonOptions
    @Option(help: "Random effects as in lme4 without parentheses: '1+week|id'.") var random: String
    @Option(help: "Estimation: reml or ml.") var method: String = "reml"
    @Option(help: "Degrees of freedom: between-within (nlme) or satterthwaite (lmerTest).") var df: String = "between-within"

    func run() throws {
        guard let m = MixedModelMethod(rawValue: method) else { throw ValidationError("--method must be reml or ml, got '\(method)'") }
        guard let d = MixedModelDF(rawValue: df) else { throw ValidationError("--df must be between-within or satterthwaite, got '\(df)'") }
        var r = try common.request(.lmm)
        r.random = random
        r.method = m
        r.df = d
        try runModel(r)
    }
}
