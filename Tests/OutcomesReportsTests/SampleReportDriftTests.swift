import Foundation
import Testing
@testable import OutcomesReports

/// The committed sample report (reports/sample) must be exactly what the current code produces from
/// datasets/sample: a change in any number, definition or figure shows up here as drift.
/// To accept an intended change, regenerate it with the README's main command and commit the result.
@Test func sampleReportHasNotDrifted() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("sample-report-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    // Labelled as the README's command (run from the repository root) prints the paths.
    _ = try Reports.report(datasetAt: root.appendingPathComponent("datasets/sample").path, planPath: nil,
                           claimsPath: root.appendingPathComponent("datasets/claims/seed-claims.yaml").path,
                           allowRejected: false, outputPath: out.path,
                           publishedPath: root.appendingPathComponent("datasets/published/response-rates.csv").path,
                           labels: (dataset: "datasets/sample", plan: nil, claims: "datasets/claims/seed-claims.yaml"))
    let committed = root.appendingPathComponent("reports/sample")
    let names = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
    #expect(names == (try FileManager.default.contentsOfDirectory(atPath: committed.path).sorted()))
    for name in names {
        let fresh = try Data(contentsOf: out.appendingPathComponent(name))
        let kept = try? Data(contentsOf: committed.appendingPathComponent(name))
        #expect(fresh == kept, "reports/sample/\(name) drifted: regenerate with the README's main command")
    }
}
