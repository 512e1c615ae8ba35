import Testing
@testable import OutcomesSurvival

/// Nelson–Aalen cumulative hazard and the Fleming–Harrington curve (R `survfit(stype = 2)`), checked against
/// estimators_reference.csv (make_fixtures_estimators.R). Tolerance 1e-10 (absolute, relative above 1), as for
/// the Kaplan–Meier tests.
struct HazardCase: CustomStringConvertible, Sendable {
    let name: String, dataset: String
    var time = "time", event = "status"
    var eventValue = 1.0
    var entry: String? = nil, strata: String? = nil, weights: String? = nil
    var estimator: SurvivalEstimator = .kaplanMeier
    var transform: ConfidenceTransform = .log
    var variance: KaplanMeierVariance? = nil
    var description: String { name }
}

let hazardCases: [HazardCase] = [
    HazardCase(name: "na_lung_km", dataset: "lung"),
    HazardCase(name: "na_lung_fh", dataset: "lung", estimator: .flemingHarrington),
    HazardCase(name: "na_lung_sex_fh", dataset: "lung", strata: "sex", estimator: .flemingHarrington),
    HazardCase(name: "na_veteran_fh_loglog", dataset: "veteran", estimator: .flemingHarrington, transform: .logLog),
    HazardCase(name: "na_lung_weighted_km", dataset: "lung", weights: "w", variance: .greenwood),
    HazardCase(name: "na_lung_weightedij_km", dataset: "lung", weights: "w"),
    HazardCase(name: "na_lung_weightedij_fh", dataset: "lung", weights: "w", estimator: .flemingHarrington),
    HazardCase(name: "na_pbc_fh", dataset: "pbc", eventValue: 2, estimator: .flemingHarrington),
    HazardCase(name: "na_heart_fh", dataset: "heart", time: "stop", event: "event", entry: "start", estimator: .flemingHarrington),
]

func fitHazard(_ c: HazardCase) throws -> [KaplanMeierCurve] {
    let f = Fixture(c.dataset)
    let data = try SurvivalData(exit: f.column(c.time), event: f.column(c.event).map { $0 == c.eventValue },
                                entry: c.entry.map { f.column($0) }, weights: c.weights.map { f.column($0) })
    return try KaplanMeier.fit(data, strata: c.strata.map { Grouping(numeric: f.column($0)) }, transform: c.transform,
                               variance: c.variance, estimator: c.estimator)
}

@Test("Nelson–Aalen cumhaz, std.chaz and the Fleming–Harrington curve match R survfit within 1e-10", arguments: hazardCases)
func nelsonAalenMatchesR(_ c: HazardCase) throws {
    let curves = try fitHazard(c)
    let rows = curves.flatMap(\.rows)
    let r = Reference.estimators
    expectClose(rows.map(\.time), r.numbers(c.name, "time"), 1e-10, "\(c.name) time")
    expectClose(rows.map(\.atRisk), r.numbers(c.name, "n_risk"), 1e-10, "\(c.name) n_risk")
    expectClose(rows.map(\.cumulativeHazard), r.numbers(c.name, "cumhaz"), 1e-10, "\(c.name) cumhaz")
    expectClose(rows.map(\.cumulativeHazardStandardError), r.numbers(c.name, "std_chaz"), 1e-10, "\(c.name) std_chaz")
    expectClose(rows.map(\.survival), r.numbers(c.name, "surv"), 1e-10, "\(c.name) surv")
    expectClose(rows.map(\.standardError), r.numbers(c.name, "std_err"), 1e-10, "\(c.name) std_err")
    expectClose(rows.map(\.lower), r.numbers(c.name, "lower"), 1e-10, "\(c.name) lower")
    expectClose(rows.map(\.upper), r.numbers(c.name, "upper"), 1e-10, "\(c.name) upper")
    #expect(curves.allSatisfy { $0.estimator == c.estimator })
}

@Test("Quantiles, printed median and RMST of the curve match R within 1e-10", arguments: hazardCases)
func nelsonAalenSummariesMatchR(_ c: HazardCase) throws {
    let curves = try fitHazard(c)
    let r = Reference.estimators
    let nanIfNil: (Double?) -> Double = { $0 ?? .nan }
    let q = curves.flatMap { $0.quantiles([0.25, 0.5, 0.75]) }
    expectClose(q.map { nanIfNil($0.estimate) }, r.numbers(c.name, "q_quantile"), 1e-10, "\(c.name) quantile")
    expectClose(q.map { nanIfNil($0.lower) }, r.numbers(c.name, "q_lower"), 1e-10, "\(c.name) quantile lower")
    expectClose(q.map { nanIfNil($0.upper) }, r.numbers(c.name, "q_upper"), 1e-10, "\(c.name) quantile upper")
    expectClose(curves.map { nanIfNil($0.median.estimate) }, r.numbers(c.name, "median"), 1e-10, "\(c.name) median")
    expectClose(curves.map { nanIfNil($0.median.lower) }, r.numbers(c.name, "median_lower"), 1e-10, "\(c.name) median lower")
    expectClose(curves.map { nanIfNil($0.median.upper) }, r.numbers(c.name, "median_upper"), 1e-10, "\(c.name) median upper")
    let tau = r.number(c.name, "tau")
    let rmst = try curves.map { try RestrictedMeanSurvival.estimate($0, tau: tau) }
    expectClose(rmst.map(\.estimate), r.numbers(c.name, "rmst"), 1e-10, "\(c.name) rmst")
    expectClose(rmst.map(\.standardError), r.numbers(c.name, "rmst_se"), 1e-10, "\(c.name) rmst se")
}

/// Curves with flat stretches exactly at S = 0.75, 0.5 and 0.25, including curves that end on them.
let flatCases = ["ends_at_half", "half_then_drop", "eighths", "flat_quarters", "ends_at_quarter", "ends_above",
                 "one_then_censored", "ties_flat"]

@Test("Quantiles at flat stretches follow quantile.survfit; the median follows print.survfit (1e-10)", arguments: flatCases)
func quantilesAtFlatStretches(_ name: String) throws {
    let r = Reference.estimators
    let c = "flat_" + name
    let data = try SurvivalData(exit: r.numbers(c, "time"), event: r.numbers(c, "status").map { $0 == 1 })
    let curve = try KaplanMeier.fit(data)[0]
    let nanIfNil: (Double?) -> Double = { $0 ?? .nan }
    let q = curve.quantiles([0.25, 0.5, 0.75])
    expectClose(q.map { nanIfNil($0.estimate) }, r.numbers(c, "q_quantile"), 1e-10, "\(c) quantile")
    expectClose(q.map { nanIfNil($0.lower) }, r.numbers(c, "q_lower"), 1e-10, "\(c) quantile lower")
    expectClose(q.map { nanIfNil($0.upper) }, r.numbers(c, "q_upper"), 1e-10, "\(c) quantile upper")
    expectClose([nanIfNil(curve.median.estimate)], r.numbers(c, "median"), 1e-10, "\(c) median")
    expectClose([nanIfNil(curve.median.lower)], r.numbers(c, "median_lower"), 1e-10, "\(c) median lower")
    expectClose([nanIfNil(curve.median.upper)], r.numbers(c, "median_upper"), 1e-10, "\(c) median upper")
}

@Test("Risk table with cumulative events and censorings matches R summary(fit, times =) within 1e-10")
func riskTableCumulativeCounts() throws {
    let f = Fixture("lung")
    let data = try SurvivalData(exit: f.column("time"), event: f.column("status").map { $0 == 1 })
    let curves = try KaplanMeier.fit(data, strata: Grouping(numeric: f.column("sex")))
    let r = Reference.estimators
    let table = curves.flatMap { $0.riskTable(at: r.numbers("risk_lung_sex", "times")) }
    expectClose(table.map(\.atRisk), r.numbers("risk_lung_sex", "n_risk"), 1e-10, "n at risk")
    expectClose(table.map(\.cumulativeEvents), r.numbers("risk_lung_sex", "cum_events"), 1e-10, "cumulative events")
    expectClose(table.map(\.cumulativeCensored), r.numbers("risk_lung_sex", "cum_censored"), 1e-10, "cumulative censored")
}
