import ArgumentParser
import InfusionOutcomes

/// `outcomes proportion`: interval (and optional exact test) for one proportion.
struct ProportionCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proportion",
        abstract: "Confidence interval for a proportion, and an exact binomial test against a claimed rate."
    )

    @Option(help: "Number of successes K.") var successes: Int
    @Option(help: "Number of trials N.") var trials: Int
    @Option(help: "Claimed rate to test (two-sided exact binomial test, as R binom.test).") var claim: Double?
    @Option(help: "Interval method: wilson, exact, jeffreys, agresti-coull or midp.") var method: String = "wilson"
    @Option(help: "Confidence level in (0, 1).") var level: Double = 0.95
    @Option(help: "Output format: text, csv or json.") var format: ReportFormat = .text

    func run() throws {
        do {
            print(try ProportionReports.proportion(successes: successes, trials: trials, claim: claim, method: method,
                                                   level: level, format: format.rawValue), terminator: "")
        } catch {
            // The only inputs are the options: a value they cannot hold is a usage error (64).
            throw ValidationError(String(describing: error))
        }
    }
}
