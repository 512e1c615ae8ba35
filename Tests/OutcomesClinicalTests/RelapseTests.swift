import Testing
@testable import OutcomesClinical

private let responderScores = [phq9(-1, total: 20), phq9(12, total: 6)]

// Origin = last induction infusion, day 11. Scores ≥ 10 on days 30 (12), 33 (13), 40 (11): the run reaches
// two scores at day 33 but only 3 days apart; at day 40 it spans 10 days ≥ 5 → relapse with onset day 30,
// that is 19 days after the origin.
@Test func sustainedScoresMakeARelapseAtOnset() throws {
    let p = patient(infusions: induction6, scores: responderScores + [phq9(20, total: 5), phq9(30, total: 12, line: 30),
                                                                      phq9(33, total: 13), phq9(40, total: 11)])
    let r = try #require(ClinicalDerivation.derive([p]).relapse.first)
    #expect(r.outcome == .scoreThreshold && r.event == 1 && r.days == 19)
    #expect(r.source.line == 30)
    // Interval form: last score below 10 is day 20 (9 days after the origin), first at or above is day 30.
    #expect(r.intervalLeftDays == 9 && r.intervalRightDays == 19)
}

// The interval form confirms a run however far apart its scores are: two high scores 20 days apart are
// censored in the event-time form but a relapse in (day 12, day 30] in the interval form. A single high score
// at the end is right-censored at the last low score. A re-induction that came before any high score gives
// (last low score, re-induction start]; one after an unconfirmed high score, (last low score, that score].
@Test func intervalFormOfCensoredAndReinductionRecords() throws {
    let gap = patient(infusions: induction6, scores: responderScores + [phq9(30, total: 12), phq9(50, total: 14)])
    let g = try #require(ClinicalDerivation.derive([gap]).relapse.first)
    #expect(g.event == 0 && g.intervalLeftDays == 1 && g.intervalRightDays == 19)
    #expect(g.assessmentGapsDays == [1, 18, 20])

    let single = patient(infusions: induction6, scores: responderScores + [phq9(30, total: 5), phq9(50, total: 14)])
    let c = try #require(ClinicalDerivation.derive([single]).relapse.first)
    #expect(c.event == 0 && c.intervalLeftDays == 19 && c.intervalRightDays == nil)

    let infs = induction6 + [infusion(60), infusion(62), infusion(64)]
    let quiet = patient(infusions: infs, scores: responderScores + [phq9(40, total: 6), phq9(70, total: 15)])
    let q = try #require(ClinicalDerivation.derive([quiet]).relapse.first)
    #expect(q.outcome == .reinduction && q.intervalLeftDays == 29 && q.intervalRightDays == 49)

    let warned = patient(infusions: infs, scores: responderScores + [phq9(40, total: 6), phq9(55, total: 15)])
    let w = try #require(ClinicalDerivation.derive([warned]).relapse.first)
    #expect(w.outcome == .reinduction && w.intervalLeftDays == 29 && w.intervalRightDays == 44)
}

@Test func aGapLongerThanFifteenDaysBreaksTheRun() throws {
    // 12 on day 30, 14 on day 50 (20 days later): not consecutive within 15 days → censored at day 50.
    let p = patient(infusions: induction6, scores: responderScores + [phq9(30, total: 12), phq9(50, total: 14)])
    let r = try #require(ClinicalDerivation.derive([p]).relapse.first)
    #expect(r.outcome == .censored && r.event == 0 && r.days == 39)
}

@Test func reinductionCountsWhenItComesFirst() throws {
    let infs = induction6 + [infusion(60), infusion(62), infusion(64)]
    let p = patient(infusions: infs, scores: responderScores + [phq9(70, total: 15), phq9(80, total: 16)])
    let t = ClinicalDerivation.derive([p])
    let r = try #require(t.relapse.first)
    #expect(r.outcome == .reinduction && r.days == 49)
    var plan = AnalysisPlan()
    plan.reinductionIsRelapse = false
    #expect(ClinicalDerivation.derive([p], plan: plan).relapse.first?.outcome == .scoreThreshold)
}

@Test func nonRespondersAreNotFollowed() {
    let p = patient(infusions: induction6, scores: [phq9(-1, total: 20), phq9(12, total: 15)])
    #expect(ClinicalDerivation.derive([p]).relapse.isEmpty)
}

// Maintenance sessions on days 25 and 40 (14 and 29 days after the origin), exposure 42 days:
// exposed from day 14 to 29 + 42 = 71; follow-up ends by censoring at day 89 (score on day 100).
@Test func countingProcessSplitsAtMaintenanceExposure() throws {
    let p = patient(infusions: induction6 + [infusion(25), infusion(40)], scores: responderScores + [phq9(100, total: 4)])
    let t = ClinicalDerivation.derive([p])
    let iv = t.relapseIntervals
    #expect(iv.map(\.start) == [0, 14, 71])
    #expect(iv.map(\.stop) == [14, 71, 89])
    #expect(iv.map(\.onMaintenance) == [0, 1, 0])
    #expect(iv.map(\.event) == [0, 0, 0])
}
