import Testing
@testable import OutcomesSurvival

/// The weighted log-rank family against explicit formulas in make_fixtures_estimators.R (which the script checks
/// against `survdiff` for the log-rank and G-rho weights). Tolerance 1e-10, as the log-rank tests.
struct WeightedLogRankCase: CustomStringConvertible, Sendable {
    let name: String, dataset: String
    var time = "time", event = "status", eventValue = 1.0
    let group: String
    var textGroup = false
    var strata: String? = nil
    let weight: LogRankWeight
    var scores: [Double]? = nil
    /// Rows kept: (column, lowest, highest) bounds on a numeric column.
    var keep: (String, Double, Double)? = nil
    var description: String { name }
}

let weightedLogRankCases: [WeightedLogRankCase] = [
    .init(name: "wlr_veteran_celltype_logrank", dataset: "veteran", group: "celltype", textGroup: true, weight: .logRank),
    .init(name: "wlr_veteran_celltype_wilcoxon", dataset: "veteran", group: "celltype", textGroup: true, weight: .gehanBreslow),
    .init(name: "wlr_veteran_celltype_tarone-ware", dataset: "veteran", group: "celltype", textGroup: true, weight: .taroneWare),
    .init(name: "wlr_veteran_celltype_peto", dataset: "veteran", group: "celltype", textGroup: true, weight: .petoPeto),
    .init(name: "wlr_veteran_celltype_modified-peto", dataset: "veteran", group: "celltype", textGroup: true, weight: .modifiedPeto),
    .init(name: "wlr_veteran_celltype_fh_1_1", dataset: "veteran", group: "celltype", textGroup: true, weight: .flemingHarrington(rho: 1, gamma: 1)),
    .init(name: "wlr_veteran_celltype_fh_0_1", dataset: "veteran", group: "celltype", textGroup: true, weight: .flemingHarrington(rho: 0, gamma: 1)),
    .init(name: "wlr_veteran_celltype_fh_0.5_0", dataset: "veteran", group: "celltype", textGroup: true, weight: .flemingHarrington(rho: 0.5, gamma: 0)),
    .init(name: "wlr_veteran_trt_strata_wilcoxon", dataset: "veteran", group: "trt", strata: "celltype", weight: .gehanBreslow),
    .init(name: "wlr_veteran_trt_strata_peto", dataset: "veteran", group: "trt", strata: "celltype", weight: .petoPeto),
    .init(name: "wlr_lung_ecog_tarone-ware", dataset: "lung", group: "ph_ecog", weight: .taroneWare, keep: ("ph_ecog", 0, 2)),
    .init(name: "wlr_lung_ecog_logrank_scores", dataset: "lung", group: "ph_ecog", weight: .logRank, scores: [0, 1, 2], keep: ("ph_ecog", 0, 2)),
    .init(name: "wlr_pbc_stage_modified-peto", dataset: "pbc", eventValue: 2, group: "stage", weight: .modifiedPeto, keep: ("stage", 1, 4)),
    .init(name: "wlr_colon_rx_strata_fh_1_1", dataset: "colon", group: "rx", textGroup: true, strata: "sex", weight: .flemingHarrington(rho: 1, gamma: 1)),
]

@Test("Weighted log-rank tests and the trend test match explicit R formulas within 1e-10", arguments: weightedLogRankCases)
func weightedLogRankMatchesR(_ c: WeightedLogRankCase) throws {
    let f = Fixture(c.dataset)
    var rows = Array(f.cells.indices)
    if let (column, lo, hi) = c.keep {
        let v = f.optionalColumn(column)
        rows = rows.filter { v[$0].map { $0 >= lo && $0 <= hi } ?? false }
    }
    let data = try SurvivalData(exit: f.column(c.time, rows: rows), event: f.column(c.event, rows: rows).map { $0 == c.eventValue })
    let groups = c.textGroup ? Grouping(labels: rows.map { f.text(c.group)[$0] }) : Grouping(numeric: f.column(c.group, rows: rows))
    let strata = c.strata.map { s in Grouping(labels: rows.map { f.text(s)[$0] }) }
    let test = try LogRank.test(data, groups: groups, strata: strata, weight: c.weight)
    let r = Reference.estimators
    #expect(test.groups == r.strings(c.name, "groups"))
    expectClose(test.observed, r.numbers(c.name, "observed"), 1e-10, "\(c.name) weighted observed")
    expectClose(test.expected, r.numbers(c.name, "expected"), 1e-10, "\(c.name) weighted expected")
    expectClose(test.variance.storage, r.numbers(c.name, "variance"), 1e-10, "\(c.name) variance")
    expectClose([test.chiSquare], [r.number(c.name, "chisq")], 1e-10, "\(c.name) chisq")
    #expect(Double(test.degreesOfFreedom) == r.number(c.name, "df"))
    expectClose([test.pValue], [r.number(c.name, "p")], 1e-10, relative: true, "\(c.name) p")
    let trend = try test.trend(scores: c.scores)
    expectClose(trend.scores, r.numbers(c.name, "trend_scores"), 0, "\(c.name) trend scores")
    expectClose([trend.z], [r.number(c.name, "trend_z")], 1e-10, "\(c.name) trend z")
    expectClose([trend.test.statistic], [r.number(c.name, "trend_chisq")], 1e-10, "\(c.name) trend chisq")
    #expect(trend.test.degreesOfFreedom == 1)
    expectClose([trend.test.pValue], [r.number(c.name, "trend_p")], 1e-10, relative: true, "\(c.name) trend p")
}

@Test("The rho overload is the G(rho, 0) weight; names as the command line spells them; bad trend scores are errors")
func weightedLogRankAPI() throws {
    let f = Fixture("veteran")
    let data = try SurvivalData(exit: f.column("time"), event: f.column("status").map { $0 == 1 })
    let groups = Grouping(labels: f.text("celltype"))
    let a = try LogRank.test(data, groups: groups, rho: 0.5)
    let b = try LogRank.test(data, groups: groups, weight: .flemingHarrington(rho: 0.5, gamma: 0))
    #expect(a.chiSquare == b.chiSquare && a.rho == 0.5 && a.weight == b.weight)
    #expect([LogRankWeight.logRank, .gehanBreslow, .taroneWare, .petoPeto, .modifiedPeto, .flemingHarrington(rho: 1, gamma: 0)].map(\.name)
            == ["logrank", "wilcoxon", "tarone-ware", "peto", "modified-peto", "fh"])
    for w in [LogRankWeight.logRank, .gehanBreslow, .taroneWare, .petoPeto, .modifiedPeto, .flemingHarrington(rho: 1, gamma: 0.5)] {
        #expect(LogRankWeight(name: w.name, rho: 1, gamma: 0.5) == w)
    }
    #expect(LogRankWeight(name: "gehan") == nil)
    #expect(throws: SurvivalError.self) { try a.trend(scores: [1, 2]) }
    #expect(throws: SurvivalError.self) { try a.trend(scores: [1, 1, 1, 1]) }
}
