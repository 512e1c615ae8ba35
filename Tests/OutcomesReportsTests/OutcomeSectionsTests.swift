import Testing
import OutcomesClinical
@testable import OutcomesReports

// One patient, induction (days 0–11) and two re-inductions (days 60–64, 120–124), PHQ-9 only at baseline:
// every series lacks an end-of-series score. The exclusions table groups re-induction 1 and 2 and keeps "PHQ-9".
@Test func exclusionsGroupSeriesOrdinalsAndKeepScaleNames() {
    let day = 86_400.0
    let infusions = [0.0, 2, 4, 7, 9, 11, 60, 62, 64, 120, 122, 124].enumerated().map { i, d in
        InfusionEvent(time: d * day, recordedPhase: nil, completed: true, durationMinutes: 40, source: SourceLine(file: .infusions, line: i + 2))
    }
    let scores = [-1.0, 59, 119].enumerated().map { i, d in
        ScoreRecord(time: d * day, scale: .phq9, total: 20, items: [Int?](repeating: nil, count: 9), source: SourceLine(file: .assessments, line: i + 2))
    }
    let t = ClinicalDerivation.derive([PatientTimeline(patientID: "P1", diagnosis: .mdd, strategy: nil, infusions: infusions,
                                                       scores: scores, adverseEvents: [])])
    let section = OutcomeSections.exclusions(t, cells: ReportCells(policy: .none))
    #expect(section.contains("| reinduction PHQ-9 endpoint — no PHQ-9 score within 7 days after the last infusion | 2 |"))
    #expect(section.contains("| induction PHQ-9 endpoint — no PHQ-9 score within 7 days after the last infusion | 1 |"))
    #expect(!section.contains("PHQ-n"))
}
