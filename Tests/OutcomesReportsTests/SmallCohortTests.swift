import Foundation
import Testing
@testable import OutcomesReports
import OutcomesSynthetic

/// Twelve-patient cohorts through `report` and `claims`: nothing printed as NaN or Inf, and no absurd estimate
/// (a number of a million or more) without "not estimable" or a warning beside it. Seeds 2 and 3 give cohorts
/// where the Cox models diverge or do not converge and some curves never reach their median; seed 1 has no
/// bipolar patient, so the seed claims' bipolar comparison selects nobody and the run is an input error.
@Suite struct SmallCohortTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let seedClaims = root.appendingPathComponent("datasets/claims/seed-claims.yaml").path

    static func cohort(seed: UInt64) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("small-\(seed)-\(UUID().uuidString)")
        try SyntheticCohort.generate(patients: 12, seed: seed).write(to: dir)
        return dir
    }

    /// Lines holding NaN, Inf, or a number ≥ 10⁶ that no "not estimable"/"warning" accompanies.
    static func suspicious(_ text: String) -> [String] {
        text.split(separator: "\n").map(String.init).filter { line in
            if line.hasPrefix(">") || line.contains(FileManager.default.temporaryDirectory.path) { return false }  // quotes, paths
            let tokens = line.split(whereSeparator: { !($0.isLetter || $0.isNumber || $0 == ".") })
            if tokens.contains(where: { $0 == "NaN" || $0 == "Inf" || $0 == "nan" || $0 == "inf" }) { return true }
            let huge = tokens.contains { Double($0).map { abs($0) >= 1e6 } ?? false }
            return huge && !line.contains("not estimable") && !line.contains("warning")
        }
    }

    @Test(arguments: [2, 3] as [UInt64])
    func reportAndClaimsStayHonest(seed: UInt64) throws {
        let data = try Self.cohort(seed: seed)
        defer { try? FileManager.default.removeItem(at: data) }
        let out = data.appendingPathComponent("report")
        let result = try Reports.report(datasetAt: data.path, planPath: nil, claimsPath: Self.seedClaims, allowRejected: false,
                                        outputPath: out.path)
        #expect(result.exitStatus == 0)
        // Every Markdown and CSV file, also those under tables/, and every figure.
        let names = (FileManager.default.subpaths(atPath: out.path) ?? []).sorted()
        #expect(names.contains { $0.hasPrefix("tables/") })
        // Figures: no NaN or infinite coordinate (colours such as #009E73 would read as 9e73 to the number check).
        for name in names where name.hasSuffix(".svg") {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            let tokens = Set(text.split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map { $0.lowercased() })
            #expect(tokens.isDisjoint(with: ["nan", "inf", "infinity"]), "\(name)")
        }
        for name in names where name.hasSuffix(".md") || name.hasSuffix(".csv") {
            let text = try String(contentsOf: out.appendingPathComponent(name), encoding: .utf8)
            #expect(Self.suspicious(text).isEmpty, "\(name): \(Self.suspicious(text))")
        }
        let md = try String(contentsOf: out.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(md.contains("not estimable ("), "a 12-patient cohort should have at least one statistic that is not estimable")
        for format in ClaimsFormat.allCases {
            let text = try Reports.claims(datasetAt: data.path, claimsPath: Self.seedClaims, planPath: nil, allowRejected: false,
                                          format: format, failOnContradicted: false).text
            #expect(Self.suspicious(text).isEmpty, "\(format): \(Self.suspicious(text))")
        }
    }

    @Test func aCohortWithoutTheClaimsPopulationIsAnInputError() throws {
        let data = try Self.cohort(seed: 1)
        defer { try? FileManager.default.removeItem(at: data) }
        do {
            _ = try Reports.claims(datasetAt: data.path, claimsPath: Self.seedClaims, planPath: nil, allowRejected: false,
                                   format: .md, failOnContradicted: false)
            Issue.record("expected an error")
        } catch {
            #expect(error.exitStatus == 2)
            #expect(error.description.contains("claim 'bipolar-similar-response': 'group_a' [bipolar] selects no patient"), "\(error)")
        }
    }
}
