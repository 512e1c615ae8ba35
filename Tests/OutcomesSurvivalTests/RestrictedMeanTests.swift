import Testing
@testable import OutcomesSurvival

struct RMSTCase: CustomStringConvertible, Sendable {
    let name: String, km: KMCase, tau: Double
    var description: String { name }
}

let rmstCases: [RMSTCase] = [
    RMSTCase(name: "rmst_lung_365", km: KMCase(name: "", dataset: "lung", time: "time", event: "status"), tau: 365),
    RMSTCase(name: "rmst_lung_sex_365", km: KMCase(name: "", dataset: "lung", time: "time", event: "status", strata: "sex"), tau: 365),
    RMSTCase(name: "rmst_ovarian_rx_600", km: KMCase(name: "", dataset: "ovarian", time: "futime", event: "fustat", strata: "rx"), tau: 600),
    RMSTCase(name: "rmst_ties_4.5", km: KMCase(name: "", dataset: "ties", time: "time", event: "status"), tau: 4.5),
    RMSTCase(name: "rmst_lung_weighted_500", km: KMCase(name: "", dataset: "lung", time: "time", event: "status", weights: "w"), tau: 500),
]

@Test("RMST and its standard error match R summary(fit, rmean = tau) within 1e-10", arguments: rmstCases)
func rmstMatchesR(_ c: RMSTCase) throws {
    let r = Reference.shared
    #expect(r.number(c.name, "tau") == c.tau)
    let means = try fitKM(c.km).map { try RestrictedMeanSurvival.estimate($0, tau: c.tau) }
    expectClose(means.map(\.estimate), r.numbers(c.name, "rmst"), 1e-10, "\(c.name) rmst")
    expectClose(means.map(\.standardError), r.numbers(c.name, "se"), 1e-10, "\(c.name) se")
    if means.count == 2 {
        let d = RestrictedMeanSurvival.compare(means[0], means[1])
        expectClose([d.difference, d.differenceStandardError, d.differenceLower, d.differenceUpper],
                    ["diff", "diff_se", "diff_lower", "diff_upper"].map { r.number(c.name, $0) }, 1e-10, "\(c.name) difference")
        expectClose([d.ratio, d.logRatioStandardError, d.ratioLower, d.ratioUpper],
                    ["ratio", "log_ratio_se", "ratio_lower", "ratio_upper"].map { r.number(c.name, $0) }, 1e-10, "\(c.name) ratio")
    }
}

@Test("RMST before the first event time is tau, with zero standard error")
func rmstBeforeEvents() throws {
    let curve = try KaplanMeier.fit(SurvivalData(exit: [5, 6, 7], event: [true, false, true]))[0]
    let m = try RestrictedMeanSurvival.estimate(curve, tau: 2)
    #expect(m.estimate == 2 && m.standardError == 0)
    #expect(throws: SurvivalError.self) { try RestrictedMeanSurvival.estimate(curve, tau: -1) }
}
