import Foundation
import Testing
@testable import OutcomesReports
@testable import OutcomesClinical
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

/// A quarter's or a site's tables are taken from the whole cohort's rows (PatientSelection) instead of derived
/// again; they must be the re-derived tables byte for byte, for every quarter of a 3,000-patient synthetic
/// cohort and for its first three sites. A patient identifier used twice makes rows unattributable: then the
/// selection is refused and the groups are derived again.
@Test func selectedPatientTablesEqualRederivedTables() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("derive-select-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    try SyntheticCohort.generate(patients: 3_000, seed: 5).write(to: dir)
    let dataset = try ClinicDataset.load(at: dir.path).dataset
    let all = ClinicalDerivation.derive(dataset.timelines())
    let siteOf = Dictionary(dataset.patients.compactMap { p in p.site.map { (p.id, $0) } }, uniquingKeysWith: { a, _ in a })
    func rederived(_ keep: (PatientTimeline) -> Bool) -> DerivedTables { ClinicalDerivation.derive(all.patients.filter(keep), plan: all.plan) }
    func expectSame(_ a: DerivedTables, _ b: DerivedTables, _ what: String) {
        #expect(a.patients.map(\.patientID) == b.patients.map(\.patientID), "\(what)")
        #expect(a.series == b.series, "\(what)")
        for (x, y) in zip(DerivedTablesCSV.files(a), DerivedTablesCSV.files(b)) { #expect(x.contents == y.contents, "\(what) \(x.name)") }
    }
    let last = try #require(all.lastInductionQuarter)
    var quartersChecked = 0
    for quarter in last.trailingQuarters(12) {
        let selected = all.restricted(to: quarter)
        guard !selected.patients.isEmpty else { continue }
        expectSame(selected, rederived { p in all.firstInductionStart(p.patientID).map { quarter.contains(seconds: Int64($0.rounded(.down))) } ?? false },
                   quarter.label)
        quartersChecked += 1
    }
    #expect(quartersChecked >= 4)
    let sites = Array(Set(siteOf.values)).sorted().prefix(3)
    #expect(sites.count == 3)
    for site in sites {
        expectSame(all.restricted(to: nil, site: site, siteOf: siteOf), rederived { siteOf[$0.patientID] == site }, site)
    }
    #expect(PatientSelection(all) != nil)
    let twice = ClinicalDerivation.derive(Array(all.patients.prefix(20)) + [all.patients[3]], plan: all.plan)
    #expect(PatientSelection(twice) == nil)
}
