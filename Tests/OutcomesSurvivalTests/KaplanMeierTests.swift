import Testing
@testable import OutcomesSurvival

/// One KM case of reference.csv and how to rebuild it from its data set.
struct KMCase: CustomStringConvertible, Sendable {
    let name: String, dataset: String, time: String, event: String
    var entry: String? = nil, strata: String? = nil, weights: String? = nil
    var transform: ConfidenceTransform = .log
    var variance: KaplanMeierVariance? = nil
    var description: String { name }
}

let kmCases: [KMCase] = [
    KMCase(name: "km_lung_plain", dataset: "lung", time: "time", event: "status", transform: .plain),
    KMCase(name: "km_lung_log", dataset: "lung", time: "time", event: "status", transform: .log),
    KMCase(name: "km_lung_log-log", dataset: "lung", time: "time", event: "status", transform: .logLog),
    KMCase(name: "km_lung_logit", dataset: "lung", time: "time", event: "status", transform: .logit),
    KMCase(name: "km_lung_arcsin", dataset: "lung", time: "time", event: "status", transform: .arcsin),
    KMCase(name: "km_lung_sex_log", dataset: "lung", time: "time", event: "status", strata: "sex"),
    KMCase(name: "km_lung_weighted_log", dataset: "lung", time: "time", event: "status", weights: "w", variance: .greenwood),
    KMCase(name: "km_lung_weightedij_log", dataset: "lung", time: "time", event: "status", weights: "w"),
    KMCase(name: "km_heart_weightedij_plain", dataset: "heart", time: "stop", event: "event", entry: "start", weights: "w", transform: .plain),
    KMCase(name: "km_heart_log", dataset: "heart", time: "stop", event: "event", entry: "start"),
    KMCase(name: "km_ovarian_rx_log-log", dataset: "ovarian", time: "futime", event: "fustat", strata: "rx", transform: .logLog),
    KMCase(name: "km_flat_log", dataset: "flat", time: "time", event: "status"),
    KMCase(name: "km_ties_log", dataset: "ties", time: "time", event: "status"),
]

func fitKM(_ c: KMCase) throws -> [KaplanMeierCurve] {
    let f = Fixture(c.dataset)
    let data = try SurvivalData(exit: f.column(c.time), event: f.column(c.event).map { $0 == 1 },
                                entry: c.entry.map { f.column($0) }, weights: c.weights.map { f.column($0) })
    return try KaplanMeier.fit(data, strata: c.strata.map { Grouping(numeric: f.column($0)) }, transform: c.transform, variance: c.variance)
}

@Test("Kaplan–Meier table matches R survfit within 1e-10", arguments: kmCases)
func kaplanMeierTable(_ c: KMCase) throws {
    let curves = try fitKM(c)
    let rows = curves.flatMap(\.rows)
    let r = Reference.shared
    expectClose(rows.map(\.time), r.numbers(c.name, "time"), 1e-10, "\(c.name) time")
    expectClose(rows.map(\.atRisk), r.numbers(c.name, "n_risk"), 1e-10, "\(c.name) n_risk")
    expectClose(rows.map(\.events), r.numbers(c.name, "n_event"), 1e-10, "\(c.name) n_event")
    expectClose(rows.map(\.censored), r.numbers(c.name, "n_censor"), 1e-10, "\(c.name) n_censor")
    expectClose(rows.map(\.survival), r.numbers(c.name, "surv"), 1e-10, "\(c.name) surv")
    expectClose(rows.map(\.standardError), r.numbers(c.name, "std_err"), 1e-10, "\(c.name) std_err")
    expectClose(rows.map(\.lower), r.numbers(c.name, "lower"), 1e-10, "\(c.name) lower")
    expectClose(rows.map(\.upper), r.numbers(c.name, "upper"), 1e-10, "\(c.name) upper")
}

@Test("Quantiles with intervals match R quantile.survfit within 1e-10", arguments: kmCases)
func kaplanMeierQuantiles(_ c: KMCase) throws {
    let r = Reference.shared
    let probs = r.numbers(c.name, "q_probs")
    let q = try fitKM(c).flatMap { $0.quantiles(probs) }
    let nanIfNil: (Double?) -> Double = { $0 ?? .nan }
    expectClose(q.map { nanIfNil($0.estimate) }, r.numbers(c.name, "q_quantile"), 1e-10, "\(c.name) quantile")
    expectClose(q.map { nanIfNil($0.lower) }, r.numbers(c.name, "q_lower"), 1e-10, "\(c.name) quantile lower")
    expectClose(q.map { nanIfNil($0.upper) }, r.numbers(c.name, "q_upper"), 1e-10, "\(c.name) quantile upper")
}

@Test("Number at risk at chosen times matches R summary(times=) within 1e-10", arguments: kmCases)
func kaplanMeierRiskTable(_ c: KMCase) throws {
    let r = Reference.shared
    let times = r.numbers(c.name, "risk_times")
    let table = try fitKM(c).flatMap { $0.riskTable(at: times) }
    expectClose(table.map(\.atRisk), r.numbers(c.name, "risk_n_risk"), 1e-10, "\(c.name) n at risk")
    expectClose(table.map(\.survival), r.numbers(c.name, "risk_surv"), 1e-10, "\(c.name) survival at times")
}

@Test("Edge cases: no events, one subject, all events at one time, negative time")
func kaplanMeierEdgeCases() throws {
    let none = try KaplanMeier.fit(SurvivalData(exit: [1, 2, 3], event: [false, false, false]))[0]
    #expect(none.rows.map(\.survival) == [1, 1, 1])
    #expect(none.median.estimate == nil)

    let one = try KaplanMeier.fit(SurvivalData(exit: [5], event: [true]))[0]
    #expect(one.rows.count == 1 && one.rows[0].survival == 0)
    #expect(one.median.estimate == 5)

    // All three events at t = 2: S drops from 1 to 0 at once; the median is that time.
    let allAtOnce = try KaplanMeier.fit(SurvivalData(exit: [2, 2, 2], event: [true, true, true]))[0]
    #expect(allAtOnce.rows.count == 1 && allAtOnce.rows[0].events == 3 && allAtOnce.rows[0].survival == 0)
    #expect(allAtOnce.median.estimate == 2)

    #expect(throws: SurvivalError.negativeTime(row: 1, value: -1)) {
        try SurvivalData(exit: [1, -1], event: [true, false])
    }
    #expect(throws: SurvivalError.entryNotBeforeExit(row: 0, entry: 3, exit: 3)) {
        try SurvivalData(exit: [3], event: [true], entry: [3])
    }
    #expect(throws: SurvivalError.nonPositiveWeight(row: 0, value: 0)) {
        try SurvivalData(exit: [3], event: [true], weights: [0])
    }
}
