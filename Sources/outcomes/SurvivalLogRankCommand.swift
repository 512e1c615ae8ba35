import ArgumentParser
import InfusionOutcomes

/// `outcomes survival logrank`: the log-rank test and its G-rho family (R's survdiff).
struct SurvivalLogRankCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "logrank",
        abstract: "Log-rank test of k groups, optionally stratified (R's survdiff), and its weighted family with a test for trend.",
        discussion: "Example: outcomes survival logrank --data lung.csv --time time --event status --group ph.ecog --test fh --rho 1 --gamma 1 --trend"
    )

    @OptionGroup var input: SurvivalInputOptions
    @OptionGroup var outcome: SurvivalOutcomeOptions
    @Option(help: "Column with the groups to compare.")
    var group: String
    @Option(help: "Column with strata.")
    var strata: String?
    @Option(help: "The weight: logrank, wilcoxon (Gehan–Breslow), tarone-ware, peto, modified-peto or fh (Fleming–Harrington).")
    var test: LogRankTestName?
    @Option(help: "Fleming–Harrington rho: weight S(t-)^rho (1 - S(t-))^gamma (alone: R's survdiff rho).")
    var rho: Double?
    @Option(help: "Fleming–Harrington gamma (with --test fh).")
    var gamma: Double?
    @Flag(help: "Also test for a trend over the ordered groups (scores 1, 2, …, k in group order; see --reference).")
    var trend = false

    func run() throws {
        var r = try outcome.request(.logrank, input)
        r.group = group
        r.strata = strata
        r.trend = trend
        switch test {
        case nil, .fh?:
            if test == nil && gamma != nil { throw ValidationError("--gamma needs --test fh") }
            r.logRankWeight = test == nil && (rho ?? 0) == 0 ? .logRank : .flemingHarrington(rho: rho ?? 0, gamma: gamma ?? 0)
        case let name?:
            if rho != nil || gamma != nil { throw ValidationError("--rho and --gamma belong to --test fh, not --test \(name.rawValue)") }
            r.logRankWeight = name.weight
        }
        try input.execute(r)
    }
}

/// The weights `--test` names (as the issue pins them).
enum LogRankTestName: String, CaseIterable, ExpressibleByArgument {
    case logrank, wilcoxon, taroneWare = "tarone-ware", peto, modifiedPeto = "modified-peto", fh

    var weight: LogRankWeight {
        switch self {
        case .logrank: return .logRank
        case .wilcoxon: return .gehanBreslow
        case .taroneWare: return .taroneWare
        case .peto: return .petoPeto
        case .modifiedPeto: return .modifiedPeto
        case .fh: return .flemingHarrington(rho: 0, gamma: 0)
        }
    }
}
