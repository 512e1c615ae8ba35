import ArgumentParser
import InfusionOutcomes

/// `outcomes compare-proportions`: difference, association tests and equivalence for two proportions.
struct CompareProportionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare-proportions",
        abstract: "Compare two proportions: Newcombe difference interval, Pearson and Fisher tests, equivalence (TOST)."
    )

    @Option(help: "Group A as K1/N1.") var a: String
    @Option(help: "Group B as K2/N2.") var b: String
    @Option(help: "Equivalence margin for the difference, in (0, 1).") var margin: Double = 0.10
    @Option(help: "Confidence level in (0, 1); the equivalence tests use alpha = 1 - level.") var level: Double = 0.95
    @Option(help: "Output format: text, csv or json.") var format: ReportFormat = .text

    func run() throws {
        do {
            print(try ProportionReports.compareProportions(a: a, b: b, margin: margin, level: level, format: format.rawValue),
                  terminator: "")
        } catch {
            // The only inputs are the options: a value they cannot hold is a usage error (64).
            throw ValidationError(String(describing: error))
        }
    }
}
