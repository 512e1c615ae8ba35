import Foundation
import Testing
import OutcomesClinical
@testable import OutcomesReports

/// `outcomes validate` entry points on small datasets written to temporary folders.
@Suite struct ValidationReportTests {
    static let patients = "patient_id,diagnosis,sex\nP1,MDD,F\nP2,bipolar,\n"
    static let infusions = "patient_id,start,route,dose_mg_per_kg,duration_min,completed,note\nP1,2025-03-04T09:30:00,IV,0.5,40,yes,ok\n"
    static let cleanAssessments = "patient_id,time,instrument,total\nP1,2025-03-04,PHQ-9,20\nP2,2025-03-18,MADRS,30\n"
    static let badAssessments = "patient_id,time,instrument,total\nP1,2025-03-04,PHQ-9,28\nP3,2025-03-18,MADRS,30\n"

    func dataset(assessments: String) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("validate-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, content) in ["patients.csv": Self.patients, "infusions.csv": Self.infusions, "assessments.csv": assessments] {
            try Data(content.utf8).write(to: folder.appendingPathComponent(name))
        }
        return folder
    }

    @Test func cleanDatasetRendersExactTextAndExitsZero() throws {
        let folder = try dataset(assessments: Self.cleanAssessments)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try Reports.validate(datasetAt: folder.path)
        #expect(result.exitStatus == 0)
        #expect(result.text == """
            dataset: \(folder.path)

            file                      read  accepted  rejected
            patients.csv                 2         2         0
            infusions.csv                1         1         0
            assessments.csv              2         2         0
            adverse_events.csv    (absent; optional)

            warnings (1):
              infusions.csv: extra column 'note' (position 7) is not part of the schema; kept aside as text

            summary of accepted rows:
              patients by diagnosis: MDD 1, bipolar 1, PTSD 0, other 0
              infusions by route: IV 1, IN 0, IM 0, oral 0
              assessments by instrument: PHQ-9 1, MADRS 1
              assessments without a total (items missing; the analysis plan decides whether they are usable): 0
              adverse events: 0
              date range (UTC days): 2025-03-04 to 2025-03-18

            result: clean (exit status 0)

            """)
    }

    @Test func rejectedRowsAreListedAndExitOne() throws {
        let folder = try dataset(assessments: Self.badAssessments)
        defer { try? FileManager.default.removeItem(at: folder) }
        let text = try Reports.validate(datasetAt: folder.path, format: .text)
        #expect(text.exitStatus == 1)
        #expect(text.failure == "validate: 2 rejected row(s) in \(folder.path)")
        #expect(text.text.contains("  assessments.csv:2: column 'total' value '28': total out of range for PHQ-9 (0–27)\n"))
        #expect(text.text.contains("  assessments.csv:3: column 'patient_id' value 'P3': unknown patient"))
        #expect(text.text.hasSuffix("result: 2 row(s) rejected (exit status 1)\n"))
        let markdown = try Reports.validate(datasetAt: folder.path, format: .markdown)
        #expect(markdown.text.contains("| assessments.csv | 2 | 0 | 2 |"))
        #expect(markdown.text.contains("\n    assessments.csv:2: column 'total' value '28'"))
        // Deterministic: same input, same bytes.
        #expect(try Reports.validate(datasetAt: folder.path, format: .markdown).text == markdown.text)
    }

    @Test func loadValidatedDatasetRefusesRejectedRowsUnlessAllowed() throws {
        let folder = try dataset(assessments: Self.badAssessments)
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try Reports.loadValidatedDataset(at: folder.path)
            Issue.record("rejected rows were not refused")
        } catch {
            #expect(error.exitStatus == 2)
            guard case .rowsRejected(let report) = error else { Issue.record("wrong error \(error)"); return }
            #expect(report.rejectedRows == 2)
        }
        let allowed = try Reports.loadValidatedDataset(at: folder.path, allowRejected: true)
        #expect(allowed.dataset.assessments.isEmpty)
        #expect(allowed.report.validation(of: .assessments).accounting.rejected == 2)
    }

    @Test func unreadableDatasetThrows() {
        #expect(throws: DatasetError.missingFolder(path: "/no/such/dataset")) {
            _ = try Reports.validate(datasetAt: "/no/such/dataset")
        }
    }
}
