import Foundation
import Testing

@Suite("outcomes generate at the shell", .enabled(if: outcomesExecutable != nil))
struct GenerateCommandLineTests {
    @Test("a folder that cannot be written is bad input: status 2 and one line saying why")
    func unwritableOutputIsBadInput() throws {
        let blocker = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-generate-\(getpid())")
        try Data("a file, not a folder".utf8).write(to: blocker)
        defer { try? FileManager.default.removeItem(at: blocker) }
        let run = try runOutcomes(["generate", "--patients", "5", "--seed", "1", "--out", blocker.appendingPathComponent("cohort").path])
        #expect(run.status == 2)
        #expect(run.err.hasPrefix("error: ") && run.err.contains(blocker.path))
    }
}
