import Foundation
import Testing
@testable import OutcomesReports
import OutcomesClinical
import OutcomesSynthetic

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("OutcomesClinicalTests/Fixtures/datasets")

@Test func rejectedRowsAreRefusedUnlessAllowed() throws {
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("derive-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    let rejected = fixtures.appendingPathComponent("rejected").path
    do {
        _ = try Reports.derive(datasetAt: rejected, planPath: nil, allowRejected: false, outputPath: out.path)
        Issue.record("a dataset with rejected rows must be refused")
    } catch {
        #expect(error.exitStatus == 2)
        #expect(error.description.contains("rejected row(s)"))
        #expect(!FileManager.default.fileExists(atPath: out.path))   // nothing written
    }
    let summary = try Reports.derive(datasetAt: rejected, planPath: nil, allowRejected: true, outputPath: out.path)
    #expect(summary.contains("rejected"))   // the accounting is printed with the result
    #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("series_endpoints.csv").path))
}

@Test func derivedTablesAreByteIdenticalAcrossRuns() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let sample = root.appendingPathComponent("datasets/sample").path
    let a = FileManager.default.temporaryDirectory.appendingPathComponent("derive-a-\(UUID().uuidString)")
    let b = FileManager.default.temporaryDirectory.appendingPathComponent("derive-b-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
    _ = try Reports.derive(datasetAt: sample, planPath: nil, allowRejected: false, outputPath: a.path)
    _ = try Reports.derive(datasetAt: sample, planPath: nil, allowRejected: false, outputPath: b.path)
    for name in try FileManager.default.contentsOfDirectory(atPath: a.path) {
        #expect(try Data(contentsOf: a.appendingPathComponent(name)) == Data(contentsOf: b.appendingPathComponent(name)), "\(name)")
    }
}

@Test func aBadPlanNamesTheKey() throws {
    let plan = FileManager.default.temporaryDirectory.appendingPathComponent("plan-\(UUID().uuidString).yaml")
    defer { try? FileManager.default.removeItem(at: plan) }
    try Data("relapse:\n  phq9_at_least: 80\n".utf8).write(to: plan)
    do {
        _ = try Reports.derive(datasetAt: fixtures.appendingPathComponent("rejected").path, planPath: plan.path,
                               allowRejected: true, outputPath: "/tmp/never-written-\(UUID().uuidString)")
        Issue.record("expected a plan error")
    } catch {
        #expect(error.exitStatus == 2)
        #expect(error.description.contains("'relapse.phq9_at_least'") && error.description.contains("an integer from 1 to 27"))
    }
}

/// Timelines, derivation and table formatting run in chunks on several threads; the tables must be the
/// one-thread tables byte for byte. 5,000 synthetic patients make three derivation chunks (2,048 patients
/// each), two timeline chunks and several formatting chunks (8,192 rows) of the endpoint table.
@Test func derivedTablesDoNotDependOnTheNumberOfThreads() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("derive-threads-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try SyntheticCohort.generate(patients: 5_000, seed: 11).write(to: dir)
    let dataset = try ClinicDataset.load(at: dir.path).dataset
    let oneThread = ClinicalDerivation.derive(dataset.timelines(threads: 1), threads: 1)
    let threeThreads = ClinicalDerivation.derive(dataset.timelines(threads: 3), threads: 3)
    #expect(oneThread.endpoints.count > 8_192)
    let a = DerivedTablesCSV.files(oneThread), b = DerivedTablesCSV.files(threeThreads)
    #expect(a.map(\.name) == b.map(\.name))
    for (x, y) in zip(a, b) { #expect(x.contents == y.contents, "\(x.name)") }
    #expect(oneThread.series == threeThreads.series)
    let rows = oneThread.endpoints.count
    let header = ["patient", "scale"]
    let serial = CSVText.table(header: header, rows: rows, threads: 1) { [oneThread.endpoints[$0].patientID, oneThread.endpoints[$0].scale.id] }
    let parallel = CSVText.table(header: header, rows: rows, threads: 3) { [oneThread.endpoints[$0].patientID, oneThread.endpoints[$0].scale.id] }
    #expect(serial == parallel && serial.split(separator: "\n").count == rows + 1)
}
