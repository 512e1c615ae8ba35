import Foundation
import Testing
@testable import OutcomesReports

/// Values, not drift: every rate row (response, partial response, remission, the suicidal item's fixed cohort,
/// tolerability), the patient flow, adverse events per 100 infusions, case-mix rows, time to first response
/// (cumulative incidence), the eight-quarter trend rows, the PHQ-9 trajectory means (MMRM, AR(1)), the all-responder Kaplan–Meier median and landmarks, the log-rank test and the
/// unadjusted Cox hazard ratio of the sample report, recomputed by R from the per-patient derived tables and the
/// dataset (Fixtures/make_fixtures_sample_values.R: binom.test, survfit, survdiff, coxph). The report is
/// regenerated here from datasets/sample without suppression (so every count can be compared), so a wrong number
/// fails this test even when reports/sample was regenerated with it. Tolerance: the printed digits (one decimal
/// for rates and days, two for probabilities and ratios, four for p-values), with R rounding exact halves away
/// from zero as the tool does.
@Test func sampleReportNumbersMatchR() throws {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    let out = FileManager.default.temporaryDirectory.appendingPathComponent("sample-values-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: out) }
    _ = try Reports.report(datasetAt: root.appendingPathComponent("datasets/sample").path, planPath: nil,
                           claimsPath: root.appendingPathComponent("datasets/claims/seed-claims.yaml").path,
                           allowRejected: false, outputPath: out.path, options: OutcomeReportOptions(suppression: .none, withPatientTables: true))
    let report = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
    let fixture = try #require(Bundle.module.url(forResource: "sample_report_values", withExtension: "txt", subdirectory: "Fixtures"))
    let expected = try String(contentsOf: fixture, encoding: .utf8).split(separator: "\n").map(String.init)
    #expect(expected.count == 69)
    // "means: " lines pin the trajectory means only: the report's row with its intervals " (lower–upper)" removed.
    let withoutIntervals = report.split(separator: "\n").map { line in
        line.replacing(try! Regex(#" \([0-9.]+–[0-9.]+\)"#), with: "")
    }
    for line in expected {
        if line.hasPrefix("means: ") {
            #expect(withoutIntervals.contains { $0 == line.dropFirst(7) }, "not in report.md (intervals removed): \(line)")
        } else {
            #expect(report.contains(line), "not in report.md: \(line)")
        }
    }
    #expect(report.hasPrefix("**Small-cell suppression is OFF"), "--no-suppress says so in the first line")
    // --with-patient-tables: the per-patient derived tables the R script reads are written under patient_tables/.
    for name in ["series_endpoints.csv", "tolerability.csv", "suicidal_item.csv", "relapse.csv"] {
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("patient_tables/" + name).path), "\(name)")
    }
}
