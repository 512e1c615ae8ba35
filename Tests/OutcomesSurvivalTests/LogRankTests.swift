import Testing
@testable import OutcomesSurvival

struct LogRankCase: CustomStringConvertible, Sendable {
    let name: String, dataset: String, time: String, event: String, group: String
    var strata: String? = nil
    let rho: Double
    var textGroup = false
    var description: String { name }
}

let logRankCases: [LogRankCase] = [
    LogRankCase(name: "lr_lung_sex_rho0", dataset: "lung", time: "time", event: "status", group: "sex", rho: 0),
    LogRankCase(name: "lr_lung_sex_rho1", dataset: "lung", time: "time", event: "status", group: "sex", rho: 1),
    LogRankCase(name: "lr_veteran_celltype_rho0", dataset: "veteran", time: "time", event: "status", group: "celltype", rho: 0, textGroup: true),
    LogRankCase(name: "lr_veteran_celltype_rho0.5", dataset: "veteran", time: "time", event: "status", group: "celltype", rho: 0.5, textGroup: true),
    LogRankCase(name: "lr_veteran_trt_strata_rho0", dataset: "veteran", time: "time", event: "status", group: "trt", strata: "celltype", rho: 0),
    LogRankCase(name: "lr_veteran_trt_strata_rho1", dataset: "veteran", time: "time", event: "status", group: "trt", strata: "celltype", rho: 1),
    LogRankCase(name: "lr_ties_g_rho0", dataset: "ties", time: "time", event: "status", group: "g", rho: 0),
]

@Test("Log-rank / G-rho matches R survdiff within 1e-10", arguments: logRankCases)
func logRankMatchesR(_ c: LogRankCase) throws {
    let f = Fixture(c.dataset)
    let data = try SurvivalData(exit: f.column(c.time), event: f.column(c.event).map { $0 == 1 })
    let groups = c.textGroup ? Grouping(labels: f.text(c.group)) : Grouping(numeric: f.column(c.group))
    let test = try LogRank.test(data, groups: groups, strata: c.strata.map { Grouping(labels: f.text($0)) }, rho: c.rho)
    let r = Reference.shared
    expectClose(test.observed, r.numbers(c.name, "observed"), 1e-10, "\(c.name) observed")
    expectClose(test.expected, r.numbers(c.name, "expected"), 1e-10, "\(c.name) expected")
    expectClose(test.variance.storage, r.numbers(c.name, "variance"), 1e-10, "\(c.name) variance")
    expectClose([test.chiSquare], [r.number(c.name, "chisq")], 1e-10, "\(c.name) chisq")
    #expect(Double(test.degreesOfFreedom) == r.number(c.name, "df"))
    expectClose([test.pValue], [r.number(c.name, "p")], 1e-10, relative: true, "\(c.name) p")
}

@Test("Log-rank rejects one group and entry times")
func logRankErrors() throws {
    let data = try SurvivalData(exit: [1, 2, 3], event: [true, true, false])
    #expect(throws: SurvivalError.needsTwoGroups(found: 1)) {
        try LogRank.test(data, groups: Grouping(numeric: [1, 1, 1]))
    }
    let counting = try SurvivalData(exit: [1, 2, 3], event: [true, true, false], entry: [0, 0, 1])
    #expect(throws: SurvivalError.self) { try LogRank.test(counting, groups: Grouping(numeric: [1, 2, 1])) }
}

@Test("Log-rank without events: no crash, zero statistic, no degrees of freedom, p undefined")
func logRankNoEvents() throws {
    let data = try SurvivalData(exit: [1, 2, 3, 4], event: [false, false, false, false])
    let t = try LogRank.test(data, groups: Grouping(numeric: [1, 2, 1, 2]))
    #expect(t.chiSquare == 0 && t.degreesOfFreedom == 0 && t.pValue.isNaN)
    #expect(t.expected == [0, 0] && t.observed == [0, 0])
}
