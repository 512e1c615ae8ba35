import Foundation
@testable import OutcomesSynthetic
import OutcomesClinical

/// A generated file split into header and rows, for schema checks written independently of the generator's
/// in-memory records. The generator never quotes (no field holds a comma), so splitting on commas is exact;
/// `rows` keeps line numbers for messages.
struct SyntheticCSVTable {
    let header: [String]
    let rows: [(line: Int, fields: [String])]

    init(_ bytes: [UInt8]) {
        let text = String(decoding: bytes, as: UTF8.self)
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if lines.last == "" { lines.removeLast() }
        header = lines.first.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) } ?? []
        rows = lines.dropFirst().enumerated().map { (line: $0.offset + 2, fields: $0.element.split(separator: ",", omittingEmptySubsequences: false).map(String.init)) }
    }

    func column(_ name: String) -> Int { header.firstIndex(of: name)! }
}

/// Parses `YYYY-MM-DDTHH:MM:SS` into minutes since 1970-01-01, or `nil` if malformed or out of range.
func syntheticParseTimestamp(_ text: String) -> Int? {
    let bytes = Array(text.utf8)
    guard bytes.count == 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"), bytes[10] == UInt8(ascii: "T"),
          bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":") else { return nil }
    func number(_ range: Range<Int>) -> Int? {
        var value = 0
        for index in range {
            let byte = bytes[index]
            guard byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(byte - UInt8(ascii: "0"))
        }
        return value
    }
    guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
          let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
          (1...12).contains(month), (0...23).contains(hour), (0...59).contains(minute), second == 0 else { return nil }
    let days = SyntheticClock.daysSinceEpoch(year: year, month: month, day: day)
    guard SyntheticClock.civil(daysSinceEpoch: days) == (year, month, day) else { return nil }  // rejects 2024-02-30
    return days * 1440 + hour * 60 + minute
}

/// One generated cohort shared by the statistical tests (generation is deterministic, so sharing is safe).
enum SyntheticFixtureCohort {
    static let patientCount = 2000
    static let seed: UInt64 = 20_260_101
    static let cohort = SyntheticCohort.generate(patients: patientCount, seed: seed)
    static let files: [String: [UInt8]] = Dictionary(uniqueKeysWithValues: cohort.fileContents().map { ($0.name, $0.bytes) })
}
