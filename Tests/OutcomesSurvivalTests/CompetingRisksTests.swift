import Testing
import OutcomesLinearAlgebra
@testable import OutcomesSurvival

/// Aalen–Johansen cumulative incidence against R's multi-state `survfit` (estimate, infinitesimal-jackknife
/// standard error, log-scale limits), written by make_fixtures_estimators.R. Tolerance 1e-10, as Kaplan–Meier.
struct CompetingRisksCase: CustomStringConvertible, Sendable {
    let name: String, dataset: String, time: String, status: String
    var strata: String? = nil
    var textStrata = false
    var keep: (String, Double, Double)? = nil
    var timeScale: Double? = nil   // R: round(time / scale)
    var weighted = false           // weights 1 + (id mod 4)/4, as the R script
    var delayedEntry = false       // entry 3 (age mod 7), rows with exit ≤ entry dropped, as the R script
    var description: String { name }
}

let competingRisksCases: [CompetingRisksCase] = [
    .init(name: "cr_mgus2", dataset: "mgus2", time: "etime", status: "event"),
    .init(name: "cr_mgus2_sex", dataset: "mgus2", time: "etime", status: "event", strata: "sex", textStrata: true),
    .init(name: "cr_mgus2_sex_weighted", dataset: "mgus2", time: "etime", status: "event", strata: "sex", textStrata: true, weighted: true),
    .init(name: "cr_mgus2_sex_entry", dataset: "mgus2", time: "etime", status: "event", strata: "sex", textStrata: true, delayedEntry: true),
    .init(name: "cr_pbc_trt", dataset: "pbc", time: "time", status: "status", strata: "trt", keep: ("trt", 1, 2)),
    .init(name: "cr_pbc_stage", dataset: "pbc", time: "time", status: "status", strata: "stage", keep: ("stage", 2, 4), timeScale: 100),
]

func competingRisksInput(_ c: CompetingRisksCase) throws -> (CompetingRisksData, Grouping?) {
    let f = Fixture(c.dataset)
    var rows = Array(f.cells.indices)
    if let (column, lo, hi) = c.keep {
        let v = f.optionalColumn(column)
        rows = rows.filter { v[$0].map { $0 >= lo && $0 <= hi } ?? false }
    }
    if c.delayedEntry {
        let age = f.column("age"), exit = f.column(c.time)
        rows = rows.filter { exit[$0] > age[$0].truncatingRemainder(dividingBy: 7) * 3 }
    }
    let entry = c.delayedEntry ? f.column("age", rows: rows).map { $0.truncatingRemainder(dividingBy: 7) * 3 } : nil
    var time = f.column(c.time, rows: rows)
    if let s = c.timeScale { time = time.map { ($0 / s).rounded(.toNearestOrEven) } }
    let weights = c.weighted ? f.column("id", rows: rows).map { 1 + $0.truncatingRemainder(dividingBy: 4) / 4 } : nil
    let data = try CompetingRisksData(exit: time, status: f.column(c.status, rows: rows), entry: entry, weights: weights)
    let strata = c.strata.map { s in c.textStrata ? Grouping(labels: rows.map { f.text(s)[$0] }) : Grouping(numeric: f.column(s, rows: rows)) }
    return (data, strata)
}

@Test("Aalen–Johansen cumulative incidence with jackknife standard errors matches R survfit within 1e-10", arguments: competingRisksCases)
func cumulativeIncidenceMatchesR(_ c: CompetingRisksCase) throws {
    let (data, strata) = try competingRisksInput(c)
    let curves = try CompetingRisks.cumulativeIncidence(data, strata: strata)
    let rows = curves.flatMap(\.rows)
    let r = Reference.estimators
    #expect(data.causeLabels.count == r.strings(c.name, "states").count - 1)
    expectClose(rows.map(\.time), r.numbers(c.name, "time"), 1e-10, "\(c.name) time")
    expectClose(rows.map(\.atRisk), r.numbers(c.name, "n_risk"), 1e-10, "\(c.name) n_risk")
    expectClose(rows.map(\.events), r.numbers(c.name, "n_event"), 1e-10, "\(c.name) n_event")
    expectClose(rows.map(\.estimate), r.numbers(c.name, "estimate"), 1e-10, "\(c.name) estimate")
    expectClose(rows.map(\.standardError), r.numbers(c.name, "std_err"), 1e-10, "\(c.name) std_err")
    expectClose(rows.map(\.lower), r.numbers(c.name, "lower"), 1e-10, "\(c.name) lower")
    expectClose(rows.map(\.upper), r.numbers(c.name, "upper"), 1e-10, "\(c.name) upper")
}

@Test("Competing-risks input: codes outside the causes and non-finite status are errors; one cause is Kaplan–Meier's 1 − S")
func competingRisksInputChecks() throws {
    #expect(throws: SurvivalError.self) { try CompetingRisksData(exit: [1, 2], cause: [0, 3], causeLabels: ["a", "b"]) }
    #expect(throws: SurvivalError.self) { try CompetingRisksData(exit: [1, 2], status: [0, .nan]) }
    // With a single cause the incidence is 1 − KM (1e-12).
    let f = Fixture("lung")
    let time = f.column("time"), status = f.column("status")
    let single = try CompetingRisks.cumulativeIncidence(CompetingRisksData(exit: time, status: status))[0]
    let km = try KaplanMeier.fit(SurvivalData(exit: time, event: status.map { $0 == 1 }))[0]
    expectClose(single.rows.map(\.estimate), km.rows.map { 1 - $0.survival }, 1e-12, "1 − KM")
}

@Test("Gray's test per cause matches cmprsk::cuminc within 1e-10", arguments: competingRisksCases.filter { $0.strata != nil && !$0.weighted && !$0.delayedEntry })
func grayTestMatchesR(_ c: CompetingRisksCase) throws {
    let (data, groups) = try competingRisksInput(c)
    let tests = try CompetingRisks.grayTest(data, groups: groups!)
    let r = Reference.estimators
    #expect(tests.map(\.cause) == data.causeLabels)
    expectClose(tests.map { $0.test?.statistic ?? .nan }, r.numbers(c.name, "gray_stat"), 1e-10, "\(c.name) Gray statistic")
    // cmprsk reports 1 − pchisq(stat), which loses relative precision for small p: absolute tolerance.
    expectClose(tests.map { $0.test?.pValue ?? .nan }, r.numbers(c.name, "gray_p"), 1e-10, "\(c.name) Gray p")
    #expect(tests.map { Double($0.test?.degreesOfFreedom ?? -1) } == r.numbers(c.name, "gray_df"))
}

@Test("Cause-specific Cox: the Cox model of one cause with the others censored matches R coxph (1e-6 relative)")
func causeSpecificCoxMatchesR() throws {
    let f = Fixture("mgus2")
    let rows = f.completeRows(["etime", "event", "age", "hgb"])
    let data = try CompetingRisksData(exit: f.column("etime", rows: rows), status: f.column("event", rows: rows))
    let design = try Matrix(rows: rows.count, columns: 2, columnMajor: f.column("age", rows: rows) + f.column("hgb", rows: rows))
    let model = try CoxRegression.fitCauseSpecific(covariates: design, names: ["age", "hgb"], data: data, cause: "1")
    let r = Reference.estimators
    expectClose(model.terms.map(\.coefficient), r.numbers("cs_mgus2_pcm", "coef"), 1e-6, relative: true, "cause-specific coef")
    expectClose(model.terms.map(\.standardError), r.numbers("cs_mgus2_pcm", "se"), 1e-6, relative: true, "cause-specific se")
    expectClose([model.logLikelihoodNull, model.logLikelihood], r.numbers("cs_mgus2_pcm", "loglik"), 1e-6, relative: true, "cause-specific loglik")
    #expect(throws: SurvivalError.self) { try CoxRegression.fitCauseSpecific(covariates: design, names: ["age", "hgb"], data: data, cause: "9") }
}

@Test("Gray's test with rho = 1 and stratified matches cmprsk::cuminc within 1e-10")
func grayTestRhoAndStrata() throws {
    let r = Reference.estimators
    let m = Fixture("mgus2")
    let mgus = try CompetingRisksData(exit: m.column("etime"), status: m.column("event"))
    let rho1 = try CompetingRisks.grayTest(mgus, groups: Grouping(labels: m.text("sex")), rho: 1)
    expectClose(rho1.map { $0.test?.statistic ?? .nan }, r.numbers("gray_mgus2_sex_rho1", "stat"), 1e-10, "Gray rho = 1 statistic")
    expectClose(rho1.map { $0.test?.pValue ?? .nan }, r.numbers("gray_mgus2_sex_rho1", "p"), 1e-10, "Gray rho = 1 p")
    let p = Fixture("pbc")
    let rows = p.completeRows(["trt"])
    let pbc = try CompetingRisksData(exit: p.column("time", rows: rows), status: p.column("status", rows: rows))
    let stratified = try CompetingRisks.grayTest(pbc, groups: Grouping(numeric: p.column("trt", rows: rows)),
                                                 strata: Grouping(labels: rows.map { p.text("sex")[$0] }))
    expectClose(stratified.map { $0.test?.statistic ?? .nan }, r.numbers("gray_pbc_trt_strata_sex", "stat"), 1e-10, "Gray stratified statistic")
    expectClose(stratified.map { $0.test?.pValue ?? .nan }, r.numbers("gray_pbc_trt_strata_sex", "p"), 1e-10, "Gray stratified p")
}

@Test("Gray's test for a cause without events is not estimable, with the reason; the other cause is still tested")
func grayTestNotEstimable() throws {
    let data = try CompetingRisksData(exit: [1, 2, 3, 4, 5, 6, 7, 8], cause: [1, 1, 0, 1, 1, 0, 1, 1], causeLabels: ["relapse", "stopped"])
    let tests = try CompetingRisks.grayTest(data, groups: Grouping(numeric: [1, 2, 1, 2, 1, 2, 1, 2]))
    #expect(tests[0].test != nil && tests[0].notEstimableReason == nil)
    #expect(tests[1].test == nil && tests[1].notEstimableReason == "no events of cause stopped")
    let weighted = try CompetingRisksData(exit: [1, 2, 3, 4], cause: [1, 1, 0, 1], causeLabels: ["relapse"], weights: [1, 2, 1, 1])
    #expect(throws: SurvivalError.self) { try CompetingRisks.grayTest(weighted, groups: Grouping(numeric: [1, 2, 1, 2])) }
}
