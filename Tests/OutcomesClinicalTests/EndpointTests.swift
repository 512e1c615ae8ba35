import Testing
@testable import OutcomesClinical

// Worked by hand: baseline 20 (day −1), end of series 8 (day 12, one day after the last infusion on day 11).
// change = −12, percent change = −60 % → response (≥ 50 %), not partial, not remission (8 ≥ 5).
// First score meeting the response rule after the series start: day 9 (9 ≤ 10 = 50 % of 20) → 9 days.
@Test func handWorkedEndpoint() throws {
    let p = patient(infusions: induction6, scores: [phq9(-3, total: 22), phq9(-1, total: 20), phq9(5, total: 12),
                                                   phq9(9, total: 9), phq9(12, total: 8), phq9(30, total: 4)])
    let e = try #require(ClinicalDerivation.derive([p]).endpoints.first { $0.scale == .phq9 })
    #expect(e.baseline?.total == 20 && e.endOfSeries?.total == 8)
    #expect(e.change == -12)
    #expect(abs(e.percentChange! - (-60)) < 1e-12)
    #expect(e.response == true && e.partialResponse == false && e.remission == false)
    #expect(e.daysToFirstResponse == 9)
    #expect(e.exclusion == nil)
}

@Test func partialResponseAndRemissionCutoffs() throws {
    // 20 → 12 is 40 %: partial. MADRS 30 → 10 is remission at ≤ 10 but not at a plan of ≤ 9.
    let p = patient(infusions: induction6, scores: [phq9(-1, total: 20), phq9(12.5, total: 12)])
    let e = try #require(ClinicalDerivation.derive([p]).endpoints.first)
    #expect(e.response == false && e.partialResponse == true)
    var plan = AnalysisPlan()
    #expect(plan.rules(for: .madrs).isRemission(10))
    plan.madrsRemissionAtMost = 9
    #expect(!plan.rules(for: .madrs).isRemission(10))
    #expect(plan.rules(for: .phq9).isRemission(4) && !plan.rules(for: .phq9).isRemission(5))
}

@Test func missingBaselineIsCountedWithItsReason() throws {
    // The only earlier score is 20 days before the first infusion: outside the 14-day window.
    let p = patient(infusions: induction6, scores: [phq9(-20, total: 20), phq9(12, total: 8)])
    let t = ClinicalDerivation.derive([p])
    #expect(t.endpoints.first?.response == nil)
    #expect(t.exclusions.map(\.reason) == ["no PHQ-9 score within 14 days before the first infusion"])
}

@Test func zeroBaselineLeavesPercentChangeUndefined() throws {
    let p = patient(infusions: induction6, scores: [phq9(-1, total: 0), phq9(12, total: 3)])
    let t = ClinicalDerivation.derive([p])
    let e = try #require(t.endpoints.first)
    #expect(e.change == 3 && e.percentChange == nil && e.response == nil && e.remission == nil && !e.isEvaluable)
    #expect(t.exclusions.first?.reason == "baseline PHQ-9 is 0: percent change undefined")
}

@Test func sameTimestampKeepsFileOrder() throws {
    // Two baselines at the same moment: the later line in the file is the one used.
    let p = patient(infusions: induction6, scores: [phq9(-1, total: 18, line: 2), phq9(-1, total: 20, line: 3), phq9(12, total: 8)])
    let e = try #require(ClinicalDerivation.derive([p]).endpoints.first)
    #expect(e.baseline?.record.source.line == 3)
}

// End of series scored from items with item 1 blank and no total: items 2–9 = 1 each (8 over 8 items), so the
// prorated total is 1 × 9 = 9. Without proration (the default) the score is excluded and listed with its reason.
@Test func missingItemsFollowThePlansProrationRule() throws {
    var items = [Int?](repeating: 1, count: 9)
    items[0] = nil
    let end = ScoreRecord(time: at(12), scale: .phq9, total: nil, items: items, source: SourceLine(file: .assessments, line: 9))
    let p = patient(infusions: induction6, scores: [phq9(-1, total: 20), end])
    let strict = ClinicalDerivation.derive([p])
    #expect(strict.endpoints.first?.endOfSeries == nil)
    #expect(strict.exclusions.contains { $0.reason == "1 item(s) missing; the plan prorates at most 0" && $0.source?.line == 9 })
    var plan = AnalysisPlan()
    plan.phq9MaxProratedItems = 1
    let lenient = try #require(ClinicalDerivation.derive([p], plan: plan).endpoints.first)
    #expect(lenient.endOfSeries?.total == 9 && lenient.endOfSeries?.prorated == true)
    #expect(lenient.response == true)   // 20 → 9 is a 55 % reduction
}

// Scores 40 minutes (PHQ-9 4) and 2 days (PHQ-9 12) after the last infusion on day 11: by default (24-hour
// minimum) the day-13 score is the end of series (40 %: partial response, not response); with a 0-hour
// minimum the in-session score is (80 % reduction from 20).
@Test func endOfSeriesSkipsInSessionScoresByDefault() throws {
    let p = patient(infusions: induction6, scores: [phq9(-1, total: 20), phq9(11 + 40.0 / 1440, total: 4), phq9(13, total: 12)])
    let byDefault = try #require(ClinicalDerivation.derive([p]).endpoints.first)
    #expect(AnalysisPlan().endOfSeriesMinimumHours == 24)
    #expect(byDefault.endOfSeries?.total == 12 && byDefault.response == false && byDefault.partialResponse == true)
    var plan = AnalysisPlan()
    plan.endOfSeriesMinimumHours = 0
    let inSession = try #require(ClinicalDerivation.derive([p], plan: plan).endpoints.first)
    #expect(inSession.endOfSeries?.total == 4 && inSession.response == true)
}
