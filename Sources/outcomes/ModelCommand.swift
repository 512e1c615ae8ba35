import ArgumentParser
import InfusionOutcomes

/// `outcomes model glm|lmm|mmrm ...`: regression and mixed models of any CSV.
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Regression and mixed models of any CSV: logistic and Poisson GLMs, linear mixed models, MMRM.",
        discussion: "Results match R (glm, sandwich, nlme, lme4); see Tests/OutcomesModelsTests/Fixtures/make_fixtures_models.R.",
        subcommands: [ModelGLMCommand.self, ModelLMMCommand.self, ModelMMRMCommand.self, ModelWeightsCommand.self]
    )
}

/// Options every `outcomes model` subcommand shares.
struct ModelCommonOptions: ParsableArguments {
    @Option(help: "CSV file with a header row.") var data: String
    @Option(help: "Outcome column.") var outcome: String
    @Option(help: "Covariates as in an R formula: 'age, sex*arm, visit:arm' (a*b = a + b + a:b).") var covariates: String
    @Option(help: "Treat a numeric column as categorical (repeatable).") var factor: [String] = []
    @Option(help: "Reference level of a categorical column, COL=LEVEL (repeatable).") var reference: [String] = []
    @Option(help: "Confidence level in (0, 1).") var level: Double = 0.95
    @Option(help: "Output format: text, csv, json or md.") var format: String = "text"

    /// The request with the shared fields filled in; usage errors exit with status 64.
    func request(_ analysis: ModelAnalysisKind) throws -> ModelRequest {
        guard let output = ReportFormat(rawValue: format) else { throw ValidationError("--format must be text, csv, json or md, got '\(format)'") }
        var r = ModelRequest(analysis: analysis, dataPath: data, outcome: outcome, covariates: covariates)
        r.factors = factor
        for item in reference {
            let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty else { throw ValidationError("--reference must be COL=LEVEL, got '\(item)'") }
            r.references[parts[0]] = parts[1]
        }
        r.level = level
        r.format = output
        return r
    }
}

/// Runs a model request: prints the report, or one line on standard error and exit status 2 for bad input.
func runModel(_ request: ModelRequest) throws {
    do {
        print(try ModelReports.run(request), terminator: "")
    } catch {
        printError("model \(request.analysis.rawValue): \(error.description)")
        throw ExitCode(2)
    }
}
