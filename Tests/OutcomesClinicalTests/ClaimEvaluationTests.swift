import Testing
@testable import OutcomesClinical

private func claim(_ check: ClaimCheck) -> Claim {
    Claim(id: "c", text: "t", source: "s", interpretation: nil, check: check)
}
private let population = ClaimPopulation()

// 95 % Clopper–Pearson limits (R binom.test): 95/100 → [0.8872, 0.9836]; 90/100 → [0.8238, 0.9510];
// 70/100 → [0.6006, 0.7866]. Against "at least 85 %": supported, consistent, contradicted.
@Test(arguments: [(95, Verdict.supported), (90, .consistent), (70, .contradicted)])
func atLeastVerdicts(k: Int, expected: Verdict) {
    let c = claim(.proportion(metric: .response, population: population, claimed: 0.85, direction: .atLeast, windowMinutes: nil))
    let v = ClaimEvaluation.proportion(c, count: RateCount(successes: k, patients: 100, definition: "d"), claimed: 0.85,
                                       direction: .atLeast, plan: AnalysisPlan())
    #expect(v.verdict == expected)
    #expect(v.observed == Double(k) / 100 && v.n == 100)
    #expect(v.lower! < v.observed! && v.observed! < v.upper!)
    #expect((v.pValue! <= 0.05) == (v.verdict != .consistent))   // the central test and the interval agree
    #expect((v.nNeeded != nil) == (v.verdict == .consistent))
}

// "About 70 % ± 5": the band is [0.65, 0.75]. 700/1000 → CP [0.6707, 0.7278] inside → supported;
// 70/100 → [0.6006, 0.7866] overlaps → consistent; 500/1000 → [0.4685, 0.5315] outside → contradicted.
@Test(arguments: [(700, 1000, Verdict.supported), (70, 100, .consistent), (500, 1000, .contradicted)])
func aboutVerdicts(k: Int, n: Int, expected: Verdict) {
    let c = claim(.proportion(metric: .response, population: population, claimed: 0.7, direction: .about(tolerance: 0.05), windowMinutes: nil))
    let v = ClaimEvaluation.proportion(c, count: RateCount(successes: k, patients: n, definition: "d"), claimed: 0.7,
                                       direction: .about(tolerance: 0.05), plan: AnalysisPlan())
    #expect(v.verdict == expected)
    #expect(abs(v.claimedLow! - 0.65) < 1e-12 && abs(v.claimedHigh! - 0.75) < 1e-12)
}

// 35/50 = 0.70 against "about 70 % ± 10": Clopper–Pearson [0.553, 0.821] overlaps the band → consistent. The
// smallest n giving an 80 % chance that the interval lands inside or outside [0.6, 0.8] at a true 0.7 is 222
// (R, Tests/OutcomesProportionsTests/Fixtures/band_decision_sample_size.csv).
@Test func aboutClaimsNeedTheIntervalToSettleTheBand() {
    let c = claim(.proportion(metric: .response, population: population, claimed: 0.7, direction: .about(tolerance: 0.1), windowMinutes: nil))
    let v = ClaimEvaluation.proportion(c, count: RateCount(successes: 35, patients: 50, definition: "d"), claimed: 0.7,
                                       direction: .about(tolerance: 0.1), plan: AnalysisPlan())
    #expect(v.verdict == .consistent && v.nNeeded == 222)
    #expect(v.power! < 0.8)
}

@Test func tooFewPatientsIsInsufficient() {
    let c = claim(.proportion(metric: .response, population: population, claimed: 0.85, direction: .atLeast, windowMinutes: nil))
    let v = ClaimEvaluation.proportion(c, count: RateCount(successes: 9, patients: 9, definition: "d"), claimed: 0.85,
                                       direction: .atLeast, plan: AnalysisPlan())
    #expect(v.verdict == .insufficientData && v.note?.contains("minimum is 10") == true)
}

@Test func notCheckableClaimsSayWhy() {
    let c = claim(.notCheckable(reason: "national prevalence"))
    let tables = ClinicalDerivation.derive([])
    let v = ClaimEvaluation.evaluate(c, tables: tables)
    #expect(v.verdict == .notCheckable && v.definition == "national prevalence")
}

// Equivalence with margin 0.10: 500/1000 vs 510/1000 → 90 % Newcombe interval about ±0.037 around −0.01,
// inside ±0.10 → supported; 30/100 vs 60/100 → difference −0.30, its 95 % interval ends below −0.10 → contradicted.
@Test func equivalenceVerdicts() {
    let c = claim(.equivalence(metric: .response, instrument: .phq9, groupA: [.bipolar], groupB: [.mdd], margin: 0.1))
    let close = ClaimEvaluation.equivalence(c, a: RateCount(successes: 500, patients: 1000, definition: "a"),
                                            b: RateCount(successes: 510, patients: 1000, definition: "b"), margin: 0.1, plan: AnalysisPlan())
    #expect(close.verdict == .supported && abs(close.observed! + 0.01) < 1e-12)
    let far = ClaimEvaluation.equivalence(c, a: RateCount(successes: 30, patients: 100, definition: "a"),
                                          b: RateCount(successes: 60, patients: 100, definition: "b"), margin: 0.1, plan: AnalysisPlan())
    #expect(far.verdict == .contradicted)
}
