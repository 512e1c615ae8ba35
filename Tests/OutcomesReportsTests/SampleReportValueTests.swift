import Foundation
import Testing
@testable import OutcomesReports

/// Values, not drift: every rate row (response, partial response, remission, suicidal item, tolerability), the
/// all-responder Kaplan–Meier median and landmarks, the log-rank test and the unadjusted Cox hazard ratio of the
/// sample report, recomputed by R from the derived tables the report ships with
/// (Fixtures/make_fixtures_sample_values.R: binom.test, survfit, survdiff, coxph). The report is regenerated
/// here from datasets/sample, so a wrong number fails this test even when reports/sample was regenerated with
/// it. Tolerance: the printed digits (one decimal for rates and days, two for probabilities and ratios, four for
/// p-values), with R rounding exact halves away from zero as the tool does.
@Test func sampleReportNumbersMatchR() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("sample-values-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    _ = try Reports.report(datasetAt: root.appendingPathComponent("datasets/sample").path, planPath: nil, claimsPath: nil,
                           allowRejected: false, outputPath: out.path)
    let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
    let fixture = try #require(Bundle.module.url(forResource: "sample_report_values", withExtension: "txt", subdirectory: "Fixtures"))
    let expected = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(expected.count == 29)
    for line in expected { #expect(report.contains(line), "not in report.md: \(line)") }
}
