import Testing
@testable import OutcomesClinical

/// The protocol of the strategy comparison on hand-made timelines: time zero at the end-of-induction assessment,
/// eligibility, grace-period classification and deviations.
@Suite struct StrategyCohortTests {
    // Induction days 0–11, baseline 20 on day −1, end-of-induction score 4 on day 13 (time zero).
    func responder(_ id: String, strategy: TreatmentStrategy?, maintenanceDays: [Double], scores: [(Double, Double)]) -> PatientTimeline {
        let infusions = induction6 + maintenanceDays.map { infusion($0, .maintenance) }
        let all = [phq9(-1, total: 20), phq9(13, total: 4)] + scores.map { phq9($0.0, total: $0.1) }
        return patient(id, infusions: infusions, scores: all, strategy: strategy)
    }

    func cohort(_ patients: [PatientTimeline], plan: AnalysisPlan = AnalysisPlan()) -> StrategyCohort {
        StrategyCohort.build(ClinicalDerivation.derive(patients, plan: plan), scale: .phq9)
    }

    @Test func timeZeroIsTheEndOfInductionAssessment() throws {
        // Relapse: two scores ≥ 10 on days 60 and 70 (10 days apart); onset day 60 = 47 days after time zero.
        let c = cohort([responder("P1", strategy: .asNeeded, maintenanceDays: [], scores: [(30, 3), (60, 12), (70, 14)])])
        let p = try #require(c.participants.first)
        #expect(p.days == 47)
        #expect(p.event)
        #expect(p.intervalLeft == 17 && p.intervalRight == 47)  // last low score day 30, first high day 60
        #expect(c.steps.map(\.count) == [1, 1, 1, 1, 1, 1])
    }

    @Test func graceClassificationAndDeviations() throws {
        let plan = AnalysisPlan()  // grace 42 days
        let c = cohort([
            // Maintenance with sessions on days 40 (27 after time zero), 75 and 110: received maintenance; no gap over 42.
            responder("M1", strategy: .maintenance, maintenanceDays: [40, 75, 110], scores: [(50, 3), (90, 3), (120, 3)]),
            // Maintenance without a session, followed to day 120 (107 after time zero): deviates at day 42.
            responder("M2", strategy: .maintenance, maintenanceDays: [], scores: [(50, 3), (90, 3), (120, 3)]),
            // As needed with a session on day 30 (17 after time zero): deviates there and counts as received maintenance.
            responder("A1", strategy: .asNeeded, maintenanceDays: [30], scores: [(50, 3), (90, 3)]),
            // Maintenance that relapses at day 33 (20 after time zero) before any session: not a deviation.
            responder("M3", strategy: .maintenance, maintenanceDays: [], scores: [(33, 15), (40, 16)]),
        ], plan: plan)
        let byID = Dictionary(uniqueKeysWithValues: c.participants.map { ($0.patientID, $0) })
        #expect(byID["M1"]?.receivedInGrace == .maintenance && byID["M1"]?.deviationDay == nil)
        #expect(byID["M2"]?.receivedInGrace == .asNeeded && byID["M2"]?.deviationDay == 42)
        #expect(byID["A1"]?.receivedInGrace == .maintenance && byID["A1"]?.deviationDay == 17)
        #expect(byID["M3"]?.receivedInGrace == .asNeeded && byID["M3"]?.deviationDay == nil)
        #expect(c.maintenanceWithoutSession == 1)
        #expect(c.asNeededWithSession == 1)
        #expect(c.maintenanceEndedInGrace == 1)
        #expect(c.deviations(.maintenance) == 1 && c.deviations(.asNeeded) == 1)
    }

    @Test func maintenanceGapLongerThanTheGracePeriodIsADeviation() {
        #expect(StrategyCohort.deviation(recorded: .maintenance, sessions: [30, 70, 130], days: 200, grace: 42) == 112)
        #expect(StrategyCohort.deviation(recorded: .maintenance, sessions: [30, 70], days: 100, grace: 42) == nil)
        #expect(StrategyCohort.deviation(recorded: .maintenance, sessions: [30, 70], days: 150, grace: 42) == 112)
        #expect(StrategyCohort.deviation(recorded: .asNeeded, sessions: [], days: 150, grace: 42) == nil)
        #expect(StrategyCohort.deviation(recorded: nil, sessions: [10], days: 150, grace: 42) == nil)
    }

    @Test func nonRespondersAndScoresAtTheThresholdAreNotEligible() {
        let nonResponder = patient("N1", infusions: induction6, scores: [phq9(-1, total: 20), phq9(13, total: 15)], strategy: .asNeeded)
        let c = cohort([nonResponder, responder("P1", strategy: .asNeeded, maintenanceDays: [], scores: [(40, 3)])])
        #expect(c.steps.map(\.count) == [2, 2, 2, 1, 1, 1])
    }

    @Test func planKeysOfTheComparison() throws {
        let plan = try AnalysisPlan(yaml: "strategy:\n  grace_period_days: 28\n  covariates: [baseline_severity_band, remission]\n  estimand: att\n  truncate_percentile: 99\n")
        #expect(plan.strategyGracePeriodDays == 28)
        #expect(plan.strategyCovariates == ["baseline_severity_band", "remission"])
        #expect(plan.strategyEstimand == "att" && plan.strategyTruncatePercentile == 99)
        #expect(throws: PlanError.self) { try AnalysisPlan(yaml: "strategy:\n  covariates: [age, shoe_size]\n") }
        #expect(throws: PlanError.self) { try AnalysisPlan(yaml: "strategy:\n  covariates: [age, age]\n") }
        #expect(throws: PlanError.self) { try AnalysisPlan(yaml: "strategy:\n  truncate_percentile: 30\n") }
        #expect(AnalysisPlan.defaultYAML().contains("  covariates: [baseline_score, remission, diagnosis, prior_treatments_failed, suicidal_item_baseline, age, sex, site]"))
    }
}
