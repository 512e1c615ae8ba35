import OutcomesClinical
import Foundation

/// An in-memory byte buffer with the few appends the CSV writer needs, written to disk in one go.
///
/// Appending bytes and integers directly avoids building a `String` per field, which keeps writing
/// 10 000 patients well under a second.
struct ByteSink {
    private(set) var bytes: [UInt8] = []

    init(reservingCapacity capacity: Int = 1 << 16) {
        bytes.reserveCapacity(capacity)
    }

    @inline(__always) mutating func append(_ byte: UInt8) { bytes.append(byte) }

    mutating func append(_ text: String) { bytes.append(contentsOf: text.utf8) }

    mutating func appendComma() { bytes.append(UInt8(ascii: ",")) }

    mutating func appendNewline() { bytes.append(UInt8(ascii: "\n")) }

    /// Appends a non-negative integer, zero-padded to `width` digits.
    mutating func append(_ value: Int, width: Int = 1) {
        precondition(value >= 0, "ByteSink.append(_:width:) takes non-negative values")
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8,
                     UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var count = 0
        var rest = value
        withUnsafeMutableBytes(of: &digits) { buffer in
            repeat {
                buffer[count] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
                count += 1
            } while rest > 0
            while count < width && count < 20 {
                buffer[count] = UInt8(ascii: "0")
                count += 1
            }
            for position in stride(from: count - 1, through: 0, by: -1) {
                bytes.append(buffer[position])
            }
        }
    }

    /// Appends hundredths as a number with two decimals, e.g. 50 → `0.50`.
    mutating func appendHundredths(_ hundredths: Int) {
        append(hundredths / 100)
        append(UInt8(ascii: "."))
        append(hundredths % 100, width: 2)
    }

    /// Appends `yes` or `no`.
    mutating func append(yesNo flag: Bool) { append(flag ? "yes" : "no") }

    /// Appends a timestamp `YYYY-MM-DDTHH:MM:SS` for `minute` minutes after midnight of `originDay`
    /// (days since 1970-01-01).
    mutating func appendTimestamp(minute: Int, originDay: Int) {
        let day = originDay + minute / SyntheticClock.minutesPerDay
        let minuteOfDay = minute % SyntheticClock.minutesPerDay
        let date = SyntheticClock.civil(daysSinceEpoch: day)
        append(date.year, width: 4)
        append(UInt8(ascii: "-"))
        append(date.month, width: 2)
        append(UInt8(ascii: "-"))
        append(date.day, width: 2)
        append(UInt8(ascii: "T"))
        append(minuteOfDay / 60, width: 2)
        append(UInt8(ascii: ":"))
        append(minuteOfDay % 60, width: 2)
        append(":00")
    }

    /// Writes the bytes to `url`, replacing any file there.
    func write(to url: URL) throws {
        try Data(bytes).write(to: url)
    }
}
