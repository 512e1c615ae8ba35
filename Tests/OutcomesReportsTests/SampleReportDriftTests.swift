import Foundation
import Testing
@testable import OutcomesReports
import OutcomesClinical

/// The committed sample reports (reports/sample, all data; reports/sample-2025-Q3, one quarter) must be exactly
/// what the current code produces from datasets/sample: a change in any number, definition, table or figure
/// shows up here as drift. To accept an intended change, regenerate them with the commands in
/// reports/README.md and commit the result. The check runs the built `outcomes` executable, as CI and users do:
/// it pins OpenBLAS's kernels (`BLASKernels`), while this test process runs on whatever kernels OpenBLAS chose for
/// the machine, whose sums can differ in the last digit.
@Suite struct SampleReportDriftTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let command = ["report", "datasets/sample", "--claims", "datasets/claims/seed-claims.yaml",
                          "--published", "datasets/published/response-rates.csv"]

    static func check(_ folder: String, _ extra: [String] = []) throws {
        try #require(outcomesExecutable != nil, "the outcomes executable is not built beside the tests (swift build --build-tests)")
        let run = try runOutcomes(command + extra + ["--check", folder], directory: root)
        #expect(run.status == 0, "\(folder) drifted: regenerate it (reports/README.md)\n\(run.out)\(run.err)")
    }

    @Test func allDataReportHasNotDrifted() throws {
        try Self.check("reports/sample")
    }

    @Test func quarterlyReportHasNotDrifted() throws {
        try Self.check("reports/sample-2025-Q3", ["--period", "2025-Q3"])
    }
}

/// `--check DIR` fails (status 1) with the file and first differing line when DIR was edited.
@Test func checkReportsAnEditedFolder() throws {
    let root = SampleReportDriftTests.root
    let copy = FileManager.default.temporaryDirectory.appendingPathComponent("check-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: copy) }
    try FileManager.default.copyItem(at: root.appendingPathComponent("reports/sample-2025-Q3"), to: copy)
    let md = copy.appendingPathComponent("report.md")
    try (try String(contentsOf: md, encoding: .utf8)).replacingOccurrences(of: "# Outcome report, 2025-Q3", with: "# Outcome report, edited")
        .write(to: md, atomically: true, encoding: .utf8)
    try FileManager.default.removeItem(at: copy.appendingPathComponent("tables/trend.csv"))
    let outcome = try Reports.checkReport(datasetAt: root.appendingPathComponent("datasets/sample").path, planPath: nil,
                                          claimsPath: root.appendingPathComponent("datasets/claims/seed-claims.yaml").path,
                                          allowRejected: false, committed: copy.path,
                                          publishedPath: root.appendingPathComponent("datasets/published/response-rates.csv").path,
                                          options: OutcomeReportOptions(period: try CalendarPeriod(parsing: "2025-Q3"),
                                                                        commandLine: ["outcomes"] + SampleReportDriftTests.command + ["--period", "2025-Q3"]))
    #expect(outcome.exitStatus == ExitStatus.checkFailed)
    #expect(outcome.text.contains("report.md:1") && outcome.text.contains("committed: # Outcome report, edited"))
    #expect(outcome.text.contains("only in a fresh run: tables/trend.csv"))
}
