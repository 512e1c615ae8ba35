import Foundation
import Testing

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

@Suite("outcomes compare-strategies at the shell", .enabled(if: outcomesExecutable != nil))
struct CompareStrategiesCommandLineTests {
    @Test("--estimand att and --out write the files; an unknown estimand is a usage error")
    func estimandAndOutputFolder() throws {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-strategies-\(getpid())")
        defer { try? FileManager.default.removeItem(at: out) }
        let plan = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-strategies-\(getpid()).yaml")
        try Data("strategy:\n  bootstrap_replicates: 10\n".utf8).write(to: plan)
        defer { try? FileManager.default.removeItem(at: plan) }
        let run = try runOutcomes(["compare-strategies", root.appendingPathComponent("datasets/sample").path, "--plan", plan.path,
                                   "--estimand", "att", "--format", "json", "--out", out.path])
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out.contains("\"estimand\": \"ATT: treated 1, controls e/(1 − e)\""))
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { !$0.hasPrefix(".") }.sorted()
        #expect(files.contains("compare_strategies.md") && files.contains("strategy_estimates.csv") && files.contains("strategy_km.svg"))
        let bad = try runOutcomes(["compare-strategies", root.appendingPathComponent("datasets/sample").path, "--estimand", "itt"])
        #expect(bad.status == 64)
    }
}
