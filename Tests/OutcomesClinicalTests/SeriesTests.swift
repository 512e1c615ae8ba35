import Testing
@testable import OutcomesClinical

@Test func derivedSeriesFollowTheDocumentedRule() {
    // Given out of order on purpose: the timeline sorts them.
    let days: [Double] = [40, 0, 2, 4, 7, 9, 11, 75, 120, 122, 124, 160]
    let p = patient(infusions: days.map { infusion($0) })
    let (series, disagreements) = SeriesBuilder.series(of: p.infusions, plan: AnalysisPlan())
    #expect(disagreements.isEmpty)
    #expect(series.map(\.label) == ["induction", "maintenance 1", "reinduction 1", "maintenance 2"])
    #expect(series.map(\.infusions.count) == [6, 2, 3, 1])
    #expect(series[0].start == at(0) && series[0].end == at(11))
}

@Test func recordedPhaseWinsAndDisagreementIsReported() {
    var infs = induction6
    infs.append(infusion(40, .reinduction, line: 8))   // a lone infusion: the rule says maintenance
    let (series, disagreements) = SeriesBuilder.series(of: patient(infusions: infs).infusions, plan: AnalysisPlan())
    #expect(series.map(\.label) == ["induction", "reinduction 1"])
    #expect(disagreements == [PhaseDisagreement(source: .init(file: .infusions, line: 8), recorded: .reinduction, derived: .maintenance)])
}

@Test func singleInfusionIsAnInductionOfOne() {
    let (series, _) = SeriesBuilder.series(of: [infusion(0)], plan: AnalysisPlan())
    #expect(series.count == 1 && series[0].phase == .induction && series[0].infusions.count == 1)
}

@Test func maintenanceIntervalsAreDaysBetweenSessions() {
    let p = patient(infusions: induction6 + [infusion(40), infusion(75), infusion(110)])
    let t = ClinicalDerivation.derive([p])
    #expect(t.maintenanceIntervals.map(\.days) == [35, 35])
}
