import Foundation
import Testing
@testable import OutcomesReports
import OutcomesClinical

/// The outcome report under a non-default plan (confidence level 0.90, response at 40 %): every heading prints
/// the plan's level, the intervals printed are at that level, and the remission denominator of the report is
/// the claims count. Expected intervals from R: binom.test(300, 473, conf.level = 0.9) → 59.6–67.1 %,
/// binom.test(137, 473, conf.level = 0.9) → 25.5–32.6 % (printed to one decimal, so the tolerance is ±0.05 points).
@Suite struct NonDefaultPlanReportTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func write(_ text: String, _ name: String, in dir: URL) throws -> String {
        let url = dir.appendingPathComponent(name)
        try text.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    static let report: Result<(md: String, claims: String), any Error> = Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("plan90-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let plan = try write("analysis:\n  confidence_level: 0.90\nresponse:\n  percent_reduction: 40\n  partial_percent_reduction: 20\n",
                             "plan.yaml", in: dir)
        let claims = try write("""
            claims:
              - id: rem
                text: t
                source: s
                check:
                  kind: proportion
                  metric: remission
                  instrument: phq9
                  claimed: 0.3
                  direction: at_least
              - id: similar
                text: t
                source: s
                check:
                  kind: equivalence
                  metric: response
                  instrument: PHQ-9
                  group_a: [Bipolar Disorder]
                  group_b: [mdd]
                  margin: 0.1
            """, "claims.yaml", in: dir)
        let out = dir.appendingPathComponent("out")
        _ = try Reports.report(datasetAt: root.appendingPathComponent("datasets/sample").path, planPath: plan, claimsPath: claims,
                               allowRejected: false, outputPath: out.path,
                               publishedPath: root.appendingPathComponent("datasets/published/response-rates.csv").path)
        return (try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8),
                try String(contentsOf: out.appendingPathComponent("tables/claims.csv"), encoding: .utf8))
    }

    @Test func headingsPrintThePlansLevelAndNoOther() throws {
        let md = try Self.report.get().md
        #expect(!md.contains("95 %"), "a 95 % level is printed under a 0.90 plan")
        for heading in ["median days (90 % CI)", "RMST 26 weeks (90 % CI)", "hazard ratio (90 % CI)", "| 90 % interval |",
                        "log-transformed 90 % intervals", "90 % Clopper–Pearson exact interval", "51.0 % (90 % CI "] {
            #expect(md.contains(heading), "\(heading)")
        }
        #expect(md.contains("response (≥ 40 % reduction from baseline)"))
    }

    @Test func intervalsPrintedAreAtThePlansLevel() throws {
        let md = try Self.report.get().md
        #expect(md.contains("| all | 254 / 401 (63.3 %, 59.2–67.3) |"))
        #expect(md.contains("| 115 / 401 (28.7 %, 25.0–32.6) |"))
    }

    /// TOST at α = 0.10 reads an 80 % interval: the row says so itself.
    @Test func theEquivalenceRowStatesItsOwnLevel() throws {
        let md = try Self.report.get().md
        let row = try #require(md.split(separator: "\n").first { $0.hasPrefix("| similar |") })
        #expect(row.contains("(80 % interval)"), "\(row)")
        #expect(md.contains("80 % interval") && md.contains("TOST at alpha 0.1"))
    }

    @Test func remissionDenominatorIsTheClaimsCount() throws {
        let (md, csv) = try Self.report.get()
        #expect(md.contains("| 115 / 401 (28.7 %, 25.0–32.6) |"))
        let rem = try #require(csv.split(separator: "\n").first { $0.hasPrefix("rem,") }).split(separator: ",")
        #expect(rem[9] == "401" && rem[10] == "115", "\(rem)")
        #expect(rem[8] == "0.9", "interval_level \(rem[8])")
    }
}
