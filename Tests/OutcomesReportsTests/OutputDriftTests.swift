import Foundation
import Testing
@testable import OutcomesReports

@Suite struct OutputDriftTests {
    func folder(_ files: [String: String]) throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("drift-\(UUID().uuidString)")
        for (path, text) in files {
            let url = root.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(text.utf8).write(to: url)
        }
        return root
    }

    @Test func identicalFoldersHaveNoDrift() throws {
        let a = try folder(["report.md": "x\n", "tables/a.csv": "h\n1\n", ".outcomes-output": "1"])
        let b = try folder(["report.md": "x\n", "tables/a.csv": "h\n1\n", ".outcomes-output": "2"])
        #expect(try OutputDrift.compare(committed: a, fresh: b).isEmpty)
    }

    @Test func namesMissingExtraAndTheFirstChangedLine() throws {
        let a = try folder(["report.md": "title\nrate 56.4 %\nend\n", "old.csv": "h\n"])
        let b = try folder(["report.md": "title\nrate 56.5 %\nend\n", "figures/new.svg": "<svg/>"])
        let drift = try OutputDrift.compare(committed: a, fresh: b)
        #expect(drift.missing == ["old.csv"])
        #expect(drift.unexpected == ["figures/new.svg"])
        #expect(drift.changed.count == 1 && drift.changed[0].path == "report.md" && drift.changed[0].line == 2)
        #expect(drift.summary().contains("committed: rate 56.4 %") && drift.summary().contains("fresh:     rate 56.5 %"))
    }
}
