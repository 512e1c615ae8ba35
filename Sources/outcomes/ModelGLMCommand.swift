import ArgumentParser
import InfusionOutcomes

/// `outcomes model glm --data FILE --outcome COL --covariates LIST --family binomial|poisson ...`
struct ModelGLMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "glm",
        abstract: "Logistic or Poisson regression (R glm), with optional sandwich or cluster-robust variance."
    )

    @OptionGroup var common: ModelCommonOptions
    @Option(help: "Family: binomial (logit link) or poisson (log link).") var family: String
    @Option(help: "Column added to the linear predictor (e.g. log exposure).") var offset: String?
    @Option(help: "Column with prior weights.") var weights: String?
    @Flag(help: "HC0 sandwich variance (sandwich::vcovHC type HC0).") var robust = false
    @Option(help: "Column with cluster ids for the cluster-robust variance (sandwich::vcovCL).") var cluster: String?

    func run() throws {
        guard let fam = GLMFamily(rawValue: family) else { throw ValidationError("--family must be binomial or poisson, got '\(family)'") }
        var r = try common.request(.glm)
        r.family = fam
        r.offset = offset
        r.weights = weights
        r.robust = robust
        r.cluster = cluster
        try runModel(r)
    }
}
