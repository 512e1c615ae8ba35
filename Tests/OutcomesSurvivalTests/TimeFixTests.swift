import Testing
import OutcomesLinearAlgebra
@testable import OutcomesSurvival

/// Merging of nearly tied times (R's aeqSurv), on by default, against R with timefix = TRUE and FALSE
/// (make_fixtures_estimators.R): KM 1e-10, log-rank 1e-10, Cox 1e-6 relative.
@Test("timefix merges nearly tied times as R's aeqSurv; off, the times stay distinct as R's timefix = FALSE", arguments: [true, false])
func timefixMatchesR(_ fix: Bool) throws {
    let r = Reference.estimators
    let time = r.numbers("timefix", "time"), event = r.numbers("timefix", "status").map { $0 == 1 }
    let data = try SurvivalData(exit: time, event: event, timefix: fix)
    let suffix = fix ? "on" : "off"
    #expect(data.timesMerged == (fix ? 2 : 0))   // 1 + 1e-9 → 1 and 3(1 + 2e-9) → 3; 5 + 1e-7 stays
    let km = try KaplanMeier.fit(data)[0]
    expectClose(km.rows.map(\.time), r.numbers("timefix", "km_time_" + suffix), 1e-10, "KM times, timefix \(suffix)")
    expectClose(km.rows.map(\.survival), r.numbers("timefix", "km_surv_" + suffix), 1e-10, "KM surv, timefix \(suffix)")
    let x = r.numbers("timefix", "x")
    let model = try CoxRegression.fit(covariates: try Matrix(rows: x.count, columns: 1, columnMajor: x), names: ["x"], data: data)
    expectClose(model.terms.map(\.coefficient), r.numbers("timefix", "cox_coef_" + suffix), 1e-6, relative: true, "Cox, timefix \(suffix)")
    let test = try LogRank.test(data, groups: Grouping(numeric: r.numbers("timefix", "g")))
    expectClose([test.chiSquare], r.numbers("timefix", "logrank_chisq_" + suffix), 1e-10, "log-rank, timefix \(suffix)")
}

@Test("timefix: integer times are untouched; an entry merged onto its exit is an error naming the row")
func timefixEdges() throws {
    let days = try SurvivalData(exit: [1, 2, 3, 1e7], event: [true, false, true, true])
    #expect(days.exit == [1, 2, 3, 1e7] && days.timesMerged == 0)
    #expect(throws: SurvivalError.self) { try SurvivalData(exit: [1 + 1e-12, 2], event: [true, true], entry: [1, 0]) }
    let off = try SurvivalData(exit: [1 + 1e-12, 2], event: [true, true], entry: [1, 0], timefix: false)
    #expect(off.exit[0] == 1 + 1e-12)
}
