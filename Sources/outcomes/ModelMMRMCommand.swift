import ArgumentParser
import InfusionOutcomes

/// `outcomes model mmrm --data FILE --outcome COL --covariates LIST --subject COL --visit COL ...`
struct ModelMMRMCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mmrm",
        abstract: "Mixed model for repeated measures: marginal covariance over visits (us, toeph, ar1, cs) with a fallback chain."
    )

    @OptionGroup var common: ModelCommonOptions
    @Option(help: "Column identifying the subject.") var subject: String
    @Option(help: "Column with the scheduled visit.") var visit: String
    @Option(help: "Covariance: us, toeph, ar1 or cs.") var covariance: String = "us"
    @Option(help: "Comma-separated structures to try if the requested one fails (default: those after it in us,toeph,ar1,cs).") var fallback: String?
    @Option(help: "Estimation: reml or ml.") var method: String = "reml"
    @Option(name: .customLong("lsmeans-by"), help: "Categorical covariate for least-squares means at each visit.") var lsmeansBy: String?

    func run() throws {
        guard let c = CovarianceStructure(rawValue: covariance) else { throw ValidationError("--covariance must be us, toeph, ar1 or cs, got '\(covariance)'") }
        guard let m = MixedModelMethod(rawValue: method) else { throw ValidationError("--method must be reml or ml, got '\(method)'") }
        var r = try common.request(.mmrm)
        r.subject = subject
        r.visit = visit
        r.covariance = c
        r.method = m
        r.lsmeansBy = lsmeansBy
        if let fallback {
            r.fallback = try fallback.split(separator: ",").map { s in
                let t = s.trimmingCharacters(in: .whitespaces)
                guard let v = CovarianceStructure(rawValue: t) else { throw ValidationError("--fallback: '\(t)' is not us, toeph, ar1 or cs") }
                return v
            }
        }
        try runModel(r)
    }
}
