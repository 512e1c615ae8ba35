import Foundation
import Testing
@testable import OutcomesReports

/// `outcomes report` through the executable, run from the repository root as the README and CI run it.
@Suite struct ReportCommandLineTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func run(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try #require(outcomesExecutable)
        process.arguments = arguments
        process.currentDirectoryURL = root
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        let out = stdout.fileHandleForReading.readDataToEndOfFile(), err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    static let quarterly = ["report", "datasets/sample", "--claims", "datasets/claims/seed-claims.yaml",
                            "--published", "datasets/published/response-rates.csv", "--period", "2025-Q3"]

    /// The CI gate: the committed quarterly report is up to date, and standard error (not a terminal) stays quiet.
    @Test func checkPassesOnTheCommittedQuarterlyReportQuietly() throws {
        let r = try Self.run(Self.quarterly + ["--check", "reports/sample-2025-Q3"])
        #expect(r.status == 0, "\(r.out)\(r.err)")
        #expect(r.err.isEmpty, "progress or messages on a non-terminal standard error: \(r.err)")
        #expect(r.out.contains("up to date"))
    }

    @Test func contradictoryOrBadOptionsAreRefused() throws {
        let both = try Self.run(["report", "datasets/sample", "--no-suppress", "--suppress-below", "5", "--out", "/tmp/never"])
        #expect(both.status == ExitStatus.usage && both.err.contains("--no-suppress"))
        let neither = try Self.run(["report", "datasets/sample"])
        #expect(neither.status == ExitStatus.usage && neither.err.contains("--out DIR"))
        let badPeriod = try Self.run(["report", "datasets/sample", "--period", "2025-Q5", "--check", "reports/sample"])
        #expect(badPeriod.status == ExitStatus.badInput && badPeriod.err.contains("2025-Q5"))
    }
}
