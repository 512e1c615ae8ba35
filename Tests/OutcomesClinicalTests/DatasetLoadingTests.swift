import Foundation
import Testing
import OutcomesTabular
@testable import OutcomesClinical

@Suite struct DatasetLoadingTests {
    let loaded: ValidatedDataset

    // The fixture mixes times with and without a UTC offset (infusions.csv line 5 ends in Z): since the plan's
    // time.assume_zone rule, the offset-free ones are read in the zone the plan names, here UTC.
    init() throws { loaded = try ClinicDataset.load(at: datasetFixture("valid"), assumeZone: TimeZone(identifier: "UTC")!) }

    @Test func validDatasetHasNoRejectedRows() {
        #expect(!loaded.report.hasRejectedRows)
        #expect(loaded.report.exitStatus == 0)
        #expect(loaded.report.files.map(\.accounting) == [
            RowAccounting(rowsRead: 4, accepted: 4, rejected: 0), RowAccounting(rowsRead: 4, accepted: 4, rejected: 0),
            RowAccounting(rowsRead: 4, accepted: 4, rejected: 0), RowAccounting(rowsRead: 2, accepted: 2, rejected: 0),
        ])
        #expect(loaded.report.warnings == [.extraColumn(file: "infusions.csv", name: "notes", position: 8)])
    }

    @Test func patientsKeepFileOrderAndOptionalBlanks() {
        let patients = loaded.dataset.patients
        #expect(patients.map(\.id) == ["P001", "P002", "P003", "P004"])
        #expect(patients.map(\.diagnosis) == [.mdd, .bipolar, .ptsd, .other])
        #expect(patients.map(\.sex) == [.female, .male, nil, .other])
        #expect(patients.map(\.ageYears) == [34, 51, 29.5, nil]) // exact: short decimals
        #expect(patients.map(\.priorTreatmentsFailed) == [2, 4, 0, nil])
        #expect(patients.map(\.strategy) == [.maintenance, .asNeeded, nil, nil])
        #expect(patients.map(\.site) == ["North", "North", "South", nil])
        #expect(patients[2].source == SourceLine(file: .patients, line: 4))
    }

    @Test func infusionsAreSortedByPatientThenTime() {
        let dataset = loaded.dataset
        let first = dataset.infusions(ofPatient: dataset.patientIndex(id: "P001")!)
        #expect(first.map(\.source.line) == [3, 2])
        #expect(first.map(\.start) == [1_741_080_600, 1_741_253_400]) // 2025-03-04/06T09:30:00, from Python; exact
        let second = dataset.infusions(ofPatient: 1).first!
        #expect(second.route == .intranasal && second.doseMgPerKg == nil && second.phase == nil && !second.completed)
        #expect(dataset.infusions(ofPatient: 3).isEmpty)
        #expect(dataset.extraValue("NOTES", at: first[0].source) == "first, calm")
        #expect(dataset.extraValue("notes", at: first[1].source) == nil) // blank
    }

    @Test func assessmentTotalsAreRecordedOrComputedFromItems() {
        let dataset = loaded.dataset
        let phq = dataset.assessments(ofPatient: 0, instrument: .phq9)
        #expect(phq.map(\.total) == [20, 8])
        #expect(phq.map(\.totalWasRecorded) == [true, false])
        #expect(phq[1].items.scores(count: 9) == [1, 1, 1, 1, 1, 1, 1, 1, 0])
        #expect(phq[0].items[10] == nil)
        let madrs = dataset.assessments(ofPatient: 1)
        #expect(madrs.map(\.source.line) == [5, 4]) // re-sorted by time
        #expect(madrs.map(\.total) == [30, 30])
        #expect(madrs[1].items.scores(count: 10).allSatisfy { $0 == nil })
    }

    @Test func adverseEventsParseYesNoSpellings() {
        let events = loaded.dataset.adverseEvents(ofPatient: 1)
        #expect(events.map(\.term) == ["nausea, vomiting"])
        #expect(events.first?.severity == .moderate)
        #expect(events.first?.serious == false && events.first?.ledToDiscontinuation == true)
    }

    @Test func summaryCountsInFixedOrder() {
        let summary = DatasetSummary(loaded.dataset)
        #expect(summary.patientsByDiagnosis.map(\.1) == [1, 1, 1, 1])
        #expect(summary.infusionsByRoute.map(\.1) == [2, 1, 1, 0])
        #expect(summary.assessmentsByInstrument.map(\.1) == [2, 2])
        #expect(summary.timeRange.map { ISO8601.formatDate($0.lowerBound) + "/" + ISO8601.formatDate($0.upperBound) }
                == "2025-03-04/2025-03-11")
    }

    @Test func itemScoresPackTenNibbles() {
        var scores = ItemScores([0, 6, nil, 14])
        #expect(scores.scores(count: 5) == [0, 6, nil, 14, nil])
        scores[2] = nil
        scores[10] = 3
        #expect(scores[2] == nil && scores[10] == 3 && scores[1] == 0)
    }
}

@Suite struct DatasetInMemoryTests {
    @Test func inMemoryDatasetSortsEventsPerPatient() {
        let patients = [Patient(id: "A", diagnosis: .mdd, source: SourceLine(file: .patients, line: 2)),
                        Patient(id: "B", diagnosis: .ptsd, source: SourceLine(file: .patients, line: 3))]
        let assessments = [
            Assessment(patientIndex: 1, time: 50, instrument: .madrs, total: 30, source: SourceLine(file: .assessments, line: 2)),
            Assessment(patientIndex: 0, time: 20, instrument: .phq9, total: 12, source: SourceLine(file: .assessments, line: 3)),
            Assessment(patientIndex: 0, time: 10, instrument: .phq9, total: 18, source: SourceLine(file: .assessments, line: 4)),
        ]
        let dataset = ClinicDataset(patients: patients, infusions: [], assessments: assessments, adverseEvents: [])
        #expect(dataset.assessments.map(\.source.line) == [4, 3, 2])
        #expect(dataset.assessments(ofPatient: dataset.patientIndex(id: "A")!).map(\.total) == [18, 12])
        #expect(dataset.assessmentRange(ofPatient: 1) == 2..<3)
        #expect(dataset.infusions(ofPatient: 0).isEmpty && dataset.patient(id: "C") == nil)
    }
}
