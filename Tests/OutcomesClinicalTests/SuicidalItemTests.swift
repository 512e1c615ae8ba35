import Testing
@testable import OutcomesClinical

private let minute = 1.0 / 1440

// Item 9 is 2 ten minutes before the first infusion; 1 at 40 minutes; 0 at 90 minutes; nothing later that day.
@Test func resolutionIsReadPerWindow() throws {
    let scores = [phq9(-10 * minute, total: 15, item9: 2), phq9(40 * minute, total: 12, item9: 1),
                  phq9(90 * minute, total: 10, item9: 0)]
    let r = try #require(ClinicalDerivation.derive([patient(infusions: induction6, scores: scores)]).suicidal.first)
    #expect(r.preInfusionItem == 2)
    #expect(r.outcome(windowMinutes: 40)?.resolved == false)
    #expect(r.outcome(windowMinutes: 90)?.resolved == true)
    #expect(r.outcome(windowMinutes: 240)?.resolved == true)      // the 90-minute score is the latest within 240
    #expect(r.outcomes.first?.windowMinutes == 90)                // primary window first
}

@Test func notAssessedIsNotResolved() throws {
    let scores = [phq9(-10 * minute, total: 15, item9: 1), phq9(2, total: 10, item9: 0)]
    let r = try #require(ClinicalDerivation.derive([patient(infusions: induction6, scores: scores)]).suicidal.first)
    #expect(r.outcome(windowMinutes: 90)?.resolved == nil)
    #expect(r.outcome(windowMinutes: 1440)?.resolved == nil)   // the day-2 score is after the 24-hour window
}

@Test func patientsWithoutAPositiveItemAreNotInTheDenominator() {
    let scores = [phq9(-10 * minute, total: 15, item9: 0), phq9(90 * minute, total: 10, item9: 0)]
    #expect(ClinicalDerivation.derive([patient(infusions: induction6, scores: scores)]).suicidal.isEmpty)
}

@Test func tolerabilityCountsIncompleteInfusionsAndDiscontinuations() throws {
    var infs = induction6
    infs[5] = infusion(11, completed: false)
    let ae = AdverseEventRecord(time: at(11), term: "dissociation", severity: "moderate", serious: false,
                                ledToDiscontinuation: true, source: .init(file: .adverseEvents, line: 2))
    let t = ClinicalDerivation.derive([patient(infusions: infs, events: [ae])])
    let tol = try #require(t.tolerability.first)
    #expect(tol.inductionInfusions == 6 && tol.completedInfusions == 5 && tol.discontinuedForAdverseEvent && !tol.tolerated)
    #expect(t.adverseEvents == [AdverseEventCount(term: "dissociation", severity: "moderate", events: 1, patients: 1, serious: 0, ledToDiscontinuation: 1)])
}
