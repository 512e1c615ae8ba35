import Foundation
import Testing
@testable import OutcomesTabular

/// Random byte-level damage to a valid file must end in a typed error or a full row accounting, never a crash.
@Suite struct MutationRobustnessTests {
    @Test func damagedInputsNeverCrashAndAlwaysAccountForEveryRow() throws {
        let original = Array(try Data(contentsOf: URL(fileURLWithPath: malformedFixture("valid_crlf_bom_embedded_newline.csv"))))
        let alphabet: [UInt8] = Array("\",\r\n x0.-:T\u{7F}".utf8) + [0x00, 0xC3, 0xFF, 0xE2]
        var state: UInt64 = 42
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        var errors = 0
        for _ in 0..<3_000 {
            var bytes = original
            for _ in 0..<(1 + next(4)) {
                switch next(3) {
                case 0: bytes[next(bytes.count)] = alphabet[next(alphabet.count)]
                case 1: bytes.insert(alphabet[next(alphabet.count)], at: next(bytes.count + 1))
                default: if bytes.count > 1 { bytes.remove(at: next(bytes.count)) }
                }
            }
            do {
                let table = try CSVReader.read(bytes: bytes, name: "m.csv", schema: fullSchema, chunkBytes: 16 + next(64))
                #expect(table.accounting.rowsRead == table.accounting.accepted + table.accounting.rejected)
                #expect(table.lines.count == table.accounting.accepted)
                #expect(Set(table.issues.map(\.line)).count == table.accounting.rejected)
            } catch {
                errors += 1
            }
        }
        #expect(errors < 3_000) // some damaged inputs must still be readable, or the test exercises nothing
    }
}
