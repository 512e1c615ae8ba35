import Foundation
import Testing
@testable import OutcomesReports

@Suite struct ProvenanceTests {
    @Test func digestsAndCountsEachFileWithoutItsFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("prov-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let csv = dir.appendingPathComponent("patients.csv")
        try Data("id,note\n1,\"two\nlines\"\n2,x".utf8).write(to: csv)
        let provenance = try Provenance.describing(files: [csv.path], plan: nil,
                                                   commandLine: ["outcomes", "report", "data", "--title", "Q3 report"],
                                                   toolVersion: "1.2.3")
        #expect(provenance.inputs == [.init(name: "patients.csv",
                                            sha256: SHA256.hex(of: Array("id,note\n1,\"two\nlines\"\n2,x".utf8)), rows: 2)])
        #expect(provenance.commandLine == "outcomes report data --title 'Q3 report'")
        let text = provenance.markdown().joined(separator: "\n")
        #expect(text.contains("| patients.csv | `") && !text.contains(dir.path))
        #expect(text.contains("Plan: the defaults"))
    }
}
