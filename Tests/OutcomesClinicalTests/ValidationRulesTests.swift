import Testing
import OutcomesTabular
@testable import OutcomesClinical

/// Every rule checked on the committed `rejected` dataset, each with its exact file, line, column, value and reason.
@Suite struct ValidationRulesTests {
    let report: ValidationReport
    let dataset: ClinicDataset

    init() throws {
        let loaded = try ClinicDataset.load(at: datasetFixture("rejected"))
        report = loaded.report
        dataset = loaded.dataset
    }

    func issues(_ file: DatasetFile) -> [String] { report.validation(of: file).issues.map(\.description) }

    @Test func patientRules() {
        #expect(report.validation(of: .patients).accounting == RowAccounting(rowsRead: 7, accepted: 1, rejected: 6))
        #expect(issues(.patients) == [
            "patients.csv:3: column 'patient_id' value 'P001': duplicate patient_id (first at line 2)",
            "patients.csv:4: column 'diagnosis' value 'schizophrenia': not an accepted value (accepted: MDD, major depressive disorder, bipolar, bipolar disorder, PTSD, other)",
            "patients.csv:5: column 'age' value '-5': negative age",
            "patients.csv:6: column 'prior_treatments_failed' value '1.5': not an integer",
            "patients.csv:7: column 'diagnosis' value '': missing required value",
            "patients.csv:8: column 'prior_treatments_failed' value '-1': negative prior_treatments_failed",
        ])
    }

    @Test func infusionRules() {
        #expect(report.validation(of: .infusions).accounting == RowAccounting(rowsRead: 9, accepted: 1, rejected: 8))
        #expect(issues(.infusions) == [
            "infusions.csv:3: column 'patient_id' value 'P999': unknown patient: 'P999' is not among the accepted rows of patients.csv",
            "infusions.csv:4: column 'start' value '2026-02-30T09:30:00': impossible date: day 30 does not exist in February 2026 (28 days)",
            "infusions.csv:5: column 'route' value 'IX': not an accepted value (accepted: IV, intravenous, IN, intranasal, IM, intramuscular, oral, po)",
            "infusions.csv:6: column 'dose_mg_per_kg' value '-0.5': negative dose",
            "infusions.csv:7: column 'duration_min' value '-40': negative duration",
            "infusions.csv:8: column 'phase' value 'booster': not an accepted value (accepted: induction, maintenance, reinduction, re-induction, re_induction)",
            "infusions.csv:9: column 'completed' value 'maybe': not an accepted value (accepted: yes, y, true, t, 1, no, n, false, f, 0)",
            "infusions.csv:10: column 'start' value '': missing required value",
        ])
    }

    @Test func assessmentRules() {
        #expect(report.validation(of: .assessments).accounting == RowAccounting(rowsRead: 11, accepted: 2, rejected: 9))
        #expect(issues(.assessments) == [
            "assessments.csv:3: column 'item_1' value '4': item out of range for PHQ-9 (0–3)",
            "assessments.csv:4: column 'item_1' value '-1': item out of range for PHQ-9 (0–3)",
            "assessments.csv:5: column 'item_10' value '1': PHQ-9 has 9 items: item_10 must be blank (the difficulty question is not part of the total; keep it in an extra column)",
            "assessments.csv:6: column 'total' value '28': total out of range for PHQ-9 (0–27)",
            "assessments.csv:7: column 'total' value '19': total disagrees with the item sum 20",
            "assessments.csv:9: column 'instrument' value 'HAM-D': not an accepted value (accepted: PHQ-9, PHQ9, PHQ_9, PHQ 9, MADRS)",
            "assessments.csv:10: column 'total' value '61': total out of range for MADRS (0–60)",
            "assessments.csv:11: column 'item_1' value '7': item out of range for MADRS (0–6)",
            "assessments.csv:12: column 'patient_id' value 'P404': unknown patient: 'P404' is not among the accepted rows of patients.csv",
        ])
    }

    // Line 8 has a blank total and a blank item_4: accepted without a total, so that the analysis plan's
    // missing-item rule (not the reader) decides whether the score is usable.
    @Test func incompleteItemsWithoutTotalAreKeptForThePlanToScore() throws {
        let row = try #require(dataset.assessments.first { $0.source.line == 8 })
        #expect(row.total == nil && row.items[4] == nil && !row.totalWasRecorded)
    }

    @Test func adverseEventRules() {
        #expect(report.validation(of: .adverseEvents).accounting == RowAccounting(rowsRead: 3, accepted: 1, rejected: 2))
        #expect(issues(.adverseEvents) == [
            "adverse_events.csv:3: column 'severity' value 'extreme': not an accepted value (accepted: mild, moderate, severe)",
            "adverse_events.csv:4: column 'patient_id' value 'P002': unknown patient: 'P002' is not among the accepted rows of patients.csv",
        ])
        #expect(report.exitStatus == 1)
        #expect(report.rejectedRows == 25)
    }
}
