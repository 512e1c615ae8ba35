import Foundation
import Testing
import OutcomesRandom
@testable import OutcomesReports

/// A run killed (SIGKILL, as `kill -9`) at any point of the output swap must leave, once the next run has
/// recovered, exactly the old or the new folder at OUT and no copy beside it; with the atomic exchange, OUT
/// must hold one of them even before recovery. Each case runs `outcomes derive` as a child process.
@Suite(.serialized) struct OutputSwapCrashTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let sample = root.appendingPathComponent("datasets/sample").path

    /// The `outcomes` executable built beside the test bundle.
    static var executable: URL? {
        let candidates = [URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
                          Bundle.main.bundleURL.deletingLastPathComponent(), Bundle.main.bundleURL]
        return candidates.map { $0.appendingPathComponent("outcomes") }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    /// What a complete run writes (derived in-process from the same dataset).
    static let reference: [String: Data] = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swap-ref-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        _ = try? Reports.derive(datasetAt: sample, planPath: nil, allowRejected: false, outputPath: dir.appendingPathComponent("out").path)
        return contents(of: dir.appendingPathComponent("out").path)
    }()
    static let old: [(name: String, contents: String)] = [("old.csv", "previous report\n")]

    static func contents(of folder: String) -> [String: Data] {
        var result: [String: Data] = [:]
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
            result[name] = FileManager.default.contents(atPath: folder + "/" + name)
        }
        return result
    }

    enum State: Equatable { case missing, old, new, other }

    static func state(of folder: String) -> State {
        guard FileManager.default.fileExists(atPath: folder) else { return .missing }
        let c = contents(of: folder)
        if c == reference { return .new }
        if c == [OutputFolder.markerName: Data(OutputFolder.markerText.utf8), "old.csv": Data("previous report\n".utf8)] { return .old }
        return .other
    }

    /// Runs `outcomes derive SAMPLE --out OUT` with the fault settings; `killAfter` kills it (SIGKILL) that long
    /// after its staging folder appears. Returns the termination status and reason.
    static func runChild(out: String, faults: String, killAfter: Double? = nil, extra: [String] = []) throws -> (Int32, Process.TerminationReason, String) {
        let process = Process()
        process.executableURL = try #require(executable, "the outcomes executable is not built beside the tests")
        process.arguments = ["derive", sample, "--out", out] + extra
        var environment = ProcessInfo.processInfo.environment
        environment["OUTCOMES_OUTPUT_FAULTS"] = faults
        process.environment = environment
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        if let killAfter {
            let parent = (out as NSString).deletingLastPathComponent
            let staging = "." + (out as NSString).lastPathComponent + ".partial-\(process.processIdentifier)"
            let deadline = Date().addingTimeInterval(60)
            while process.isRunning && !FileManager.default.fileExists(atPath: parent + "/" + staging) && Date() < deadline { usleep(200) }
            usleep(UInt32(killAfter * 1_000_000))
            kill(process.processIdentifier, SIGKILL)
        }
        let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, process.terminationReason, text)
    }

    /// A fresh parent folder holding OUT with the old report.
    static func freshOutput() throws -> (parent: URL, out: String) {
        let parent = FileManager.default.temporaryDirectory.appendingPathComponent("swap-\(UUID().uuidString)")
        let out = parent.appendingPathComponent("OUT").path
        try OutputFolder.write(old, to: out)
        #expect(state(of: out) == .old)
        return (parent, out)
    }

    /// After the kill: the next run's recovery leaves old or new at OUT and nothing else beside it.
    static func recoverAndCheck(_ parent: URL, _ out: String, expected: Set<State>, context: String) throws {
        try OutputLock.acquire(forOutput: out, noWait: true, onMessage: { _ in }).release()
        let after = state(of: out)
        #expect(expected.contains(after), "\(context): OUT is \(after) after recovery")
        let left = try FileManager.default.contentsOfDirectory(atPath: parent.path)
        #expect(left == ["OUT"], "\(context): left beside OUT: \(left)")
    }

    static let exchangeSteps: [(step: String, before: State, after: State)] = [
        ("staging-created", .old, .old), ("file-written", .old, .old), ("marker-written", .old, .old),
        ("staging-complete", .old, .old), ("exchange", .old, .old), ("rename-retired", .new, .new), ("remove-old", .new, .new),
    ]
    static let fallbackSteps: [(step: String, after: State)] = [
        ("staging-complete", .old), ("exchange", .old), ("rename-old-aside", .old), ("rename-new-in", .new), ("remove-old", .new),
    ]

    @Test func referenceRunIsComplete() {
        #expect(Self.reference["series_endpoints.csv"] != nil)
        #expect(Self.reference[OutputFolder.markerName] != nil)
    }

    @Test func killAtEachStepWithExchange() throws {
        for (step, before, after) in Self.exchangeSteps {
            let (parent, out) = try Self.freshOutput()
            defer { try? FileManager.default.removeItem(at: parent) }
            let (status, reason, _) = try Self.runChild(out: out, faults: "kill-at=\(step)")
            #expect(reason == .uncaughtSignal && status == SIGKILL, "\(step): the child was not killed")
            #expect(Self.state(of: out) == before, "\(step): OUT before recovery")
            try Self.recoverAndCheck(parent, out, expected: [after], context: "exchange, killed at \(step)")
        }
    }

    @Test func killAtEachStepWithRenameFallback() throws {
        for (step, after) in Self.fallbackSteps {
            let (parent, out) = try Self.freshOutput()
            defer { try? FileManager.default.removeItem(at: parent) }
            let (status, reason, _) = try Self.runChild(out: out, faults: "no-exchange,kill-at=\(step)")
            #expect(reason == .uncaughtSignal && status == SIGKILL, "\(step): the child was not killed")
            try Self.recoverAndCheck(parent, out, expected: [after], context: "fallback, killed at \(step)")
        }
    }

    @Test func killAtRandomPoints() throws {
        // Seeded so a failure can be replayed; each step of the swap sleeps 2 ms so the kills spread over it.
        var generator = SplitMix64(seed: 20_261_204)
        for round in 0..<16 {
            let fallback = round % 2 == 1
            let delay = Double(generator.next() % 40) / 1000
            let (parent, out) = try Self.freshOutput()
            defer { try? FileManager.default.removeItem(at: parent) }
            _ = try Self.runChild(out: out, faults: (fallback ? "no-exchange," : "") + "pause-ms=2", killAfter: delay)
            if !fallback { #expect([.old, .new].contains(Self.state(of: out)), "exchange, kill after \(delay) s: OUT before recovery") }
            try Self.recoverAndCheck(parent, out, expected: [.old, .new], context: "\(fallback ? "fallback" : "exchange"), kill after \(delay) s")
        }
    }

    @Test func completeRunReplacesOldAndLeavesNothingBeside() throws {
        let (parent, out) = try Self.freshOutput()
        defer { try? FileManager.default.removeItem(at: parent) }
        let (status, reason, _) = try Self.runChild(out: out, faults: "")
        #expect(reason == .exit && status == 0)
        #expect(Self.state(of: out) == .new)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent.path) == ["OUT"])
    }

    @Test func noWaitExitsTwoNamingTheHolder() throws {
        let (parent, out) = try Self.freshOutput()
        defer { try? FileManager.default.removeItem(at: parent) }
        let lock = try OutputLock.acquire(forOutput: out, noWait: true)
        let (status, reason, text) = try Self.runChild(out: out, faults: "", extra: ["--no-wait"])
        lock.release()
        #expect(reason == .exit && status == 2)
        #expect(text.contains("being written by another run") && text.contains("pid \(getpid())"), "stderr: \(text)")
        #expect(text.split(separator: "\n").count == 1)
        #expect(Self.state(of: out) == .old)
    }
}
