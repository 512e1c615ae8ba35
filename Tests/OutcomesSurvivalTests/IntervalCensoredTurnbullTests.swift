import Testing
@testable import OutcomesSurvival

/// A Turnbull case of reference_interval.csv.
struct TurnbullCase: CustomStringConvertible, Sendable {
    let name: String, dataset: String, left: String, right: String
    var group: String? = nil
    var description: String { name }
}

let turnbullCases: [TurnbullCase] = [
    TurnbullCase(name: "tb_turnbull1974", dataset: "ic_turnbull1974", left: "left", right: "right"),
    TurnbullCase(name: "tb_ovint", dataset: "ic_data_interval", left: "ltime", right: "rtime"),
    TurnbullCase(name: "tb_zinsmeister", dataset: "ic_zinsmeister", left: "left", right: "right"),
    TurnbullCase(name: "tb_mixed_group", dataset: "ic_mixed", left: "left", right: "right", group: "group"),
]

func fitTurnbull(_ c: TurnbullCase, options: TurnbullOptions = TurnbullOptions()) throws -> [TurnbullCurve] {
    let f = Fixture(c.dataset)
    return try Turnbull.fit(intervalData(f, left: c.left, right: c.right),
                            groups: c.group.map { Grouping(labels: f.text($0)) }, options: options)
}

// R's survfit runs the same iteration with the same stopping rule (5e-5), replayed here step by step, so
// S is compared at 1e-8 (relative above 1): the iterations differ only by rounding, which the Aitken step
// amplifies (it divides differences of nearly equal masses); observed differences in S ≤ 4e-9. The
// expected counts n_risk and n_event of single jump times move more (observed ≤ 1e-7): tolerance 1e-6.
@Test("Turnbull curve matches R survfit(Surv(l, r, type = \"interval2\")) within 1e-8 (S), 1e-6 (expected counts)", arguments: turnbullCases)
func turnbullMatchesSurvfit(_ c: TurnbullCase) throws {
    let curves = try fitTurnbull(c, options: .survfit)
    let r = intervalReference
    let rows = curves.flatMap(\.rows)
    expectClose(rows.map(\.time), r.numbers(c.name, "time"), 1e-12, "\(c.name) time")
    expectClose(rows.map(\.survival), r.numbers(c.name, "surv"), 1e-8, "\(c.name) surv")
    expectClose(rows.map(\.atRisk), r.numbers(c.name, "n_risk"), 1e-6, "\(c.name) n_risk")
    expectClose(rows.map(\.events), r.numbers(c.name, "n_event"), 1e-6, "\(c.name) n_event")
    #expect(curves.allSatisfy { $0.converged })
    let q = curves.flatMap { $0.quantiles([0.25, 0.5, 0.75]) }.map { $0 ?? .nan }
    expectClose(q, r.numbers(c.name, "quantiles"), 1e-12, "\(c.name) quantiles")
    expectClose(curves.map { Double($0.count) }, r.numbers(c.name, "n"), 0, "\(c.name) n")
    expectClose(curves.map(\.expectedEvents), r.numbers(c.name, "events"), 1e-6, "\(c.name) events")
}

// The NPMLE itself: R's algorithm with its stopping constant set to 1e-11 (the reference), against R's
// iteration replayed here to 1e-11 and against the default EM–ICM (to 1e-10). All stop near the same fixed
// point; the curves agree to 1e-7 (observed ≤ 2e-8: R's tightened EM is itself only that close).
@Test("Turnbull NPMLE (EM–ICM, and R's iteration to 1e-11) matches R's tightened iteration within 1e-7",
      arguments: turnbullCases, [TurnbullAlgorithm.emICM, .survfit])
func turnbullTight(_ c: TurnbullCase, _ algorithm: TurnbullAlgorithm) throws {
    var options = TurnbullOptions()
    options.algorithm = algorithm
    if algorithm == .survfit { options.tolerance = 1e-11 }
    let curves = try fitTurnbull(c, options: options)
    let r = intervalReference
    let rows = curves.flatMap(\.rows)
    expectClose(rows.map(\.time), r.numbers(c.name, "tight_time"), 1e-12, "\(c.name) time")
    expectClose(rows.map(\.survival), r.numbers(c.name, "tight_surv"), 1e-7, "\(c.name) tight surv (\(algorithm))")
    #expect(curves.allSatisfy { $0.converged })
    // The optimality condition of the NPMLE holds: max_j d_j / n = 1.
    for curve in curves { #expect(abs(curve.optimality - 1) < 1e-6, "\(c.name) \(curve.label) optimality \(curve.optimality)") }
    // Self-consistency holds at the fixed point: masses are non-negative and sum to 1 − S(last).
    for curve in curves {
        #expect(curve.masses.allSatisfy { $0.probability >= -1e-12 })
        let total = curve.masses.reduce(0) { $0 + $1.probability }
        #expect(abs(total - (1 - curve.rows.last!.survival)) < 1e-9)
    }
}

@Test("Turnbull: exact-only data give the Kaplan–Meier curve; all right-censored gives S = 1; bad rows are refused")
func turnbullEdgeCases() throws {
    let exact = try Turnbull.fit(left: [1, 2, 3, 4], right: [1, nil, 3, 4])[0]
    let km = try KaplanMeier.fit(SurvivalData(exit: [1, 2, 3, 4], event: [true, false, true, true]))[0]
    expectClose(exact.rows.map(\.survival), km.rows.map(\.survival), 1e-9, "exact-only Turnbull vs KM")
    let none = try Turnbull.fit(left: [1, 2], right: [nil, .infinity])[0]
    #expect(none.rows.map(\.survival) == [1, 1] && none.median == nil)
    #expect(throws: SurvivalError.self) { try Turnbull.fit(left: [nil], right: [nil]) }
    #expect(throws: SurvivalError.self) { try Turnbull.fit(left: [5], right: [3]) }
    #expect(throws: SurvivalError.self) { try Turnbull.fit(left: [-1], right: [3]) }
    #expect(throws: SurvivalError.self) { try Turnbull.fit(left: [1, 2], right: [2, 3], groups: ["a"]) }
}

@Test("Turnbull median: the drop through 0.5 sits at the midpoint of its Turnbull interval")
func turnbullMedianRule() throws {
    // Two rows in (0, 10] and two in (20, 30]: half the mass in each interval, S = 0.5 exactly over
    // (5, 25); R's rule takes the midpoint of the flat stretch, 15.
    let c = try Turnbull.fit(left: [0, 0, 20, 20], right: [10, 10, 30, 30])[0]
    #expect(c.masses.map(\.time) == [5, 25])
    #expect(c.masses.map(\.lower) == [0, 20] && c.masses.map(\.upper) == [10, 30])
    #expect(c.median == 15)
    #expect(c.quantiles([0.25, 0.75]) == [5, 25])
    #expect(c.survival(at: 4.9) == 1 && abs(c.survival(at: 5) - 0.5) < 1e-9 && abs(c.survival(at: 30)) < 1e-9)
}
