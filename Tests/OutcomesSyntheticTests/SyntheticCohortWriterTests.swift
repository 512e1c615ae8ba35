import Foundation
import Testing
@testable import OutcomesSynthetic
import OutcomesClinical

@Suite("Synthetic cohort: writing to disk")
struct SyntheticCohortWriterTests {
    /// A fresh scratch folder per test, removed afterwards.
    final class Scratch {
        let root: URL
        init() throws {
            root = FileManager.default.temporaryDirectory.appendingPathComponent("synthetic-writer-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        }
        deinit { try? FileManager.default.removeItem(at: root) }
        func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: root.path).sorted() }
    }

    static func read(_ url: URL) throws -> [UInt8] { Array(try Data(contentsOf: url)) }

    @Test func writesExactlyTheRenderedFiles() throws {
        let scratch = try Scratch()
        let cohort = SyntheticCohort.generate(patients: 50, seed: 1)
        let output = scratch.root.appendingPathComponent("nested/out")
        try cohort.write(to: output)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == SyntheticCohort.fileNames.sorted())
        for (name, bytes) in cohort.fileContents() {
            #expect(try Self.read(output.appendingPathComponent(name)) == bytes, "\(name)")
        }
        #expect(try scratch.entries() == ["nested"], "no staging folder left behind")
    }

    @Test func refusesNonEmptyDirectoryWithoutForce() throws {
        let scratch = try Scratch()
        let output = scratch.root.appendingPathComponent("out")
        try SyntheticCohort.generate(patients: 20, seed: 1).write(to: output)
        let before = try Self.read(output.appendingPathComponent("patients.csv"))
        #expect(throws: SyntheticCohortWriteError.directoryNotEmpty(path: output.standardizedFileURL.path)) {
            try SyntheticCohort.generate(patients: 20, seed: 2).write(to: output)
        }
        #expect(try Self.read(output.appendingPathComponent("patients.csv")) == before)
        #expect(try scratch.entries() == ["out"])
    }

    @Test func acceptsAnExistingEmptyDirectory() throws {
        let scratch = try Scratch()
        let output = scratch.root.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: output, withIntermediateDirectories: false)
        try SyntheticCohort.generate(patients: 20, seed: 1).write(to: output)
        #expect(try FileManager.default.contentsOfDirectory(atPath: output.path).count == SyntheticCohort.fileNames.count)
    }

    @Test func forceReplacesGeneratedFilesAndKeepsOthers() throws {
        let scratch = try Scratch()
        let output = scratch.root.appendingPathComponent("out")
        try SyntheticCohort.generate(patients: 20, seed: 1).write(to: output)
        let readme = Array("# notes\n".utf8)
        try Data(readme).write(to: output.appendingPathComponent("README.md"))
        let replacement = SyntheticCohort.generate(patients: 30, seed: 2)
        try replacement.write(to: output, replacingExisting: true)
        for (name, bytes) in replacement.fileContents() {
            #expect(try Self.read(output.appendingPathComponent(name)) == bytes, "\(name)")
        }
        #expect(try Self.read(output.appendingPathComponent("README.md")) == readme)
        #expect(try scratch.entries() == ["out"], "no staging or previous folder left behind")
    }

    @Test func failedWriteLeavesEarlierOutputIntact() throws {
        let scratch = try Scratch()
        let output = scratch.root.appendingPathComponent("out")
        let original = SyntheticCohort.generate(patients: 20, seed: 1)
        try original.write(to: output)
        // The second file cannot be created (its folder does not exist), so the run fails after writing one file.
        let failing: [(name: String, bytes: [UInt8])] = [("patients.csv", [65]), ("missing/infusions.csv", [66])]
        #expect(throws: SyntheticCohortWriteError.self) {
            try SyntheticCohort.write(files: failing, to: output, replacingExisting: true)
        }
        for (name, bytes) in original.fileContents() {
            #expect(try Self.read(output.appendingPathComponent(name)) == bytes, "\(name)")
        }
        #expect(try scratch.entries() == ["out"], "staging folder removed after the failure")
    }

    @Test func refusesAPathThatIsAFile() throws {
        let scratch = try Scratch()
        let file = scratch.root.appendingPathComponent("plain.txt")
        try Data([1]).write(to: file)
        #expect(throws: SyntheticCohortWriteError.notADirectory(path: file.standardizedFileURL.path)) {
            try SyntheticCohort.generate(patients: 5, seed: 1).write(to: file, replacingExisting: true)
        }
    }
}

/// `outcomes generate --strategy-assignment confounded`: the entry point records the assignment and the
/// marginal hazard ratio in truth.json, and the same seed under the two assignments gives the same patients'
/// latent response (strategy is drawn after it) but different strategies.
@Test func strategyAssignmentReachesTruthJSON() throws {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("assign-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: dir) }
    _ = try SyntheticCohort.generateAndWrite(patients: 50, seed: 3, to: dir, replacingExisting: false, strategyAssignment: .confounded)
    let truth = try String(contentsOf: dir.appendingPathComponent("truth.json"), encoding: .utf8)
    #expect(truth.contains("\"strategy_assignment\": \"confounded\""))
    #expect(truth.contains("\"relapse_marginal_hazard_ratio\": 0.4107"))
    var model = SyntheticCohortModel()
    model.strategyAssignment = .confounded
    let confounded = SyntheticCohort.generate(patients: 400, seed: 3, model: model)
    let random = SyntheticCohort.generate(patients: 400, seed: 3)
    #expect(confounded.latent.map(\.isResponder) == random.latent.map(\.isResponder))
    #expect(confounded.latent.map(\.trueStrategy) != random.latent.map(\.trueStrategy))
    // Under confounding, severe non-remitted patients choose maintenance more often than mild remitters.
    let severe = confounded.latent.filter { $0.isSevere && !$0.isRemitter }
    let mild = confounded.latent.filter { !$0.isSevere && $0.isRemitter }
    let share = { (rows: [SyntheticLatentState]) in Double(rows.filter { $0.trueStrategy == .maintenance }.count) / Double(rows.count) }
    #expect(share(severe) > share(mild) + 0.3, "\(share(severe)) vs \(share(mild))")
}
