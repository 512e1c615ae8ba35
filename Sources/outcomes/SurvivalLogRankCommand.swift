import ArgumentParser
import InfusionOutcomes

/// `outcomes survival logrank`: the log-rank test and its G-rho family (R's survdiff).
struct SurvivalLogRankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logrank",
        abstract: "Log-rank test of k groups, optionally stratified (R's survdiff).",
        discussion: "Example: outcomes survival logrank --data lung.csv --time time --event status --group sex"
    )

    @OptionGroup var input: SurvivalInputOptions
    @Option(help: "Column with the groups to compare.")
    var group: String
    @Option(help: "Column with strata.")
    var strata: String?
    @Option(help: "G-rho parameter: weight S(t-)^rho (0 = log-rank).")
    var rho: Double = 0

    func run() throws {
        var r = try input.request(.logrank)
        r.group = group
        r.strata = strata
        r.rho = rho
        try input.execute(r)
    }
}
