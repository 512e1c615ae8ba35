import Foundation
import Testing
import OutcomesRandom
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

    /// The definition, byte by byte: line ends outside quotes, plus a last line holding anything but carriage returns.
    static func recordsByDefinition(_ bytes: [UInt8]) -> Int {
        var records = 0, inQuotes = false, lineHasContent = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if byte == UInt8(ascii: "\n") && !inQuotes { records += 1; lineHasContent = false } else if byte != UInt8(ascii: "\r") { lineHasContent = true }
        }
        return records + (lineHasContent ? 1 : 0)
    }

    /// The quote-to-quote counter agrees with the definition on 2,000 random texts of quotes, line ends, carriage
    /// returns and letters (with and without quotes, ending in each of them), and on the edge cases.
    @Test func recordCountMatchesTheDefinition() {
        var random = SplitMix64(seed: 16)
        let alphabet: [UInt8] = Array("\"\n\r,a".utf8)
        for trial in 0..<2_000 {
            let length = Int(random.next() % 40)
            let pool = trial % 2 == 0 ? alphabet : Array(alphabet.dropFirst())
            let bytes = (0..<length).map { _ in pool[Int(random.next() % UInt64(pool.count))] }
            #expect(bytes.withUnsafeBytes { Provenance.csvRecordCount($0) } == Self.recordsByDefinition(bytes), "\(bytes)")
        }
        for text in ["", "\n", "\r", "a", "a\n", "a\r\n", "a\nb", "\"a\nb\"", "\"a\nb\"\n", "\"\n\"\r", "a\n\"", "\"\""] {
            #expect(Provenance.csvRecordCount(Array(text.utf8)) == Self.recordsByDefinition(Array(text.utf8)), "\(text.debugDescription)")
        }
    }
}
