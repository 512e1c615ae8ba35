import Foundation
import Testing
import OutcomesTabular
@testable import OutcomesClinical

/// Datasets that cannot be validated at all (exit status 2 in the command-line tool).
@Suite struct ValidationErrorTests {
    static let patients = "patient_id,diagnosis\nP1,MDD\n"
    static let infusions = "patient_id,start,route,dose_mg_per_kg,duration_min,completed\n"
    static let assessments = "patient_id,time,instrument,total\n"

    @Test func missingFolder() {
        #expect(loadError("/nonexistent/dataset") == .missingFolder(path: "/nonexistent/dataset"))
    }

    @Test func fileInsteadOfFolder() throws {
        let folder = try temporaryDataset(["patients.csv": Self.patients])
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("patients.csv").path
        #expect(loadError(path) == .notAFolder(path: path))
    }

    @Test func missingRequiredFile() throws {
        let folder = try temporaryDataset(["patients.csv": Self.patients, "infusions.csv": Self.infusions])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(loadError(folder.path) == .missingFile(folder: folder.path, file: "assessments.csv"))
    }

    @Test func headerOnlyFilesAndAbsentAdverseEventsAreClean() throws {
        let folder = try temporaryDataset(["patients.csv": Self.patients, "infusions.csv": Self.infusions,
                                           "assessments.csv": Self.assessments])
        defer { try? FileManager.default.removeItem(at: folder) }
        let loaded = try ClinicDataset.load(at: folder.path)
        #expect(loaded.report.exitStatus == 0)
        #expect(loaded.dataset.patients.count == 1)
        #expect(!loaded.report.validation(of: .adverseEvents).isPresent)
    }

    @Test func unterminatedQuoteMakesTheDatasetUnreadable() throws {
        let folder = try temporaryDataset(["patients.csv": "patient_id,diagnosis\nP1,MDD\n\"P2,MDD\n", "infusions.csv": Self.infusions,
                                           "assessments.csv": Self.assessments])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(loadError(folder.path) == .unreadable(.unterminatedQuote(file: "patients.csv", line: 3, column: "patient_id")))
    }

    @Test func missingRequiredColumnMakesTheDatasetUnreadable() throws {
        let folder = try temporaryDataset(["patients.csv": Self.patients, "infusions.csv": "patient_id,start\n",
                                           "assessments.csv": Self.assessments])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(loadError(folder.path) == .unreadable(.missingColumns(file: "infusions.csv",
                                                                       names: ["route", "dose_mg_per_kg", "duration_min", "completed"])))
    }
}
