/// A small, allocation-free ISO 8601 parser and formatter for the forms clinic exports use.
///
/// Accepted: `YYYY-MM-DD`, `YYYY-MM-DDTHH:MM`, `YYYY-MM-DDTHH:MM:SS`, `YYYY-MM-DDTHH:MM:SS.fff`
/// (a space may replace `T`), each date-time optionally followed by `Z`, `±hh:mm` or `±hhmm`.
/// A value with an offset is converted to UTC; a value without one (and a bare date, taken as midnight) is
/// taken as-is, as if it were UTC, so times in one clinic's local clock stay comparable with each other.
public enum ISO8601 {
    /// The result of parsing one field.
    public enum ParseResult: Sendable, Equatable {
        /// Seconds since 1970-01-01T00:00:00Z.
        case seconds(Double)
        /// The text does not have an accepted shape.
        case malformed(String)
        /// The text has the right shape but names a date or time that does not exist.
        case impossible(String)
    }

    static let expectedShape = "expected YYYY-MM-DD or YYYY-MM-DDTHH:MM[:SS][Z|±hh:mm]"

    /// Parses `text`.
    public static func parse(_ text: String) -> ParseResult {
        var bytes = Array(text.utf8)
        let count = bytes.count
        bytes.append(0)
        return bytes.withUnsafeBufferPointer { parse($0.baseAddress!, count) }
    }

    /// Parses `count` bytes at `p` without allocating.
    public static func parse(_ p: UnsafePointer<UInt8>, _ count: Int) -> ParseResult {
        @inline(__always) func digits(_ at: Int, _ n: Int) -> Int? {
            var value = 0
            for index in at..<(at + n) {
                let digit = Int(p[index]) &- 48
                if digit < 0 || digit > 9 { return nil }
                value = value * 10 + digit
            }
            return value
        }
        guard count >= 10, let year = digits(0, 4), p[4] == 0x2D, let month = digits(5, 2), p[7] == 0x2D,
              let day = digits(8, 2) else { return .malformed(expectedShape) }
        var hour = 0, minute = 0, second = 0
        var fraction = 0.0
        var offsetSeconds = 0
        var position = 10
        if count > 10 {
            guard p[10] == 0x54 || p[10] == 0x74 || p[10] == 0x20, count >= 16, let h = digits(11, 2), p[13] == 0x3A,
                  let m = digits(14, 2) else { return .malformed(expectedShape) }
            hour = h; minute = m; position = 16
            if position < count && p[position] == 0x3A {
                guard count >= position + 3, let s = digits(position + 1, 2) else { return .malformed(expectedShape) }
                second = s; position += 3
                if position < count && (p[position] == 0x2E || p[position] == 0x2C) {
                    position += 1
                    var scale = 0.1
                    let start = position
                    while position < count, p[position] >= 0x30, p[position] <= 0x39 {
                        fraction += Double(p[position] - 0x30) * scale
                        scale /= 10
                        position += 1
                    }
                    if position == start { return .malformed(expectedShape) }
                }
            }
            if position < count {
                let sign = p[position]
                if sign == 0x5A || sign == 0x7A {
                    position += 1
                } else if sign == 0x2B || sign == 0x2D {
                    guard count >= position + 5, let oh = digits(position + 1, 2) else { return .malformed(expectedShape) }
                    var om: Int?
                    if p[position + 3] == 0x3A {
                        guard count >= position + 6 else { return .malformed(expectedShape) }
                        om = digits(position + 4, 2); position += 6
                    } else {
                        om = digits(position + 3, 2); position += 5
                    }
                    guard let om else { return .malformed(expectedShape) }
                    if oh > 23 || om > 59 { return .impossible("UTC offset \(oh):\(om) out of range") }
                    offsetSeconds = (oh * 3600 + om * 60) * (sign == 0x2D ? -1 : 1)
                } else {
                    return .malformed(expectedShape)
                }
            }
            if position != count { return .malformed(expectedShape) }
        }
        if month < 1 || month > 12 { return .impossible("month \(month) does not exist") }
        let monthLength = daysInMonth(year: year, month: month)
        if day < 1 || day > monthLength {
            return .impossible("day \(day) does not exist in \(monthNames[month - 1]) \(year) (\(monthLength) days)")
        }
        if hour > 23 { return .impossible("hour \(hour) does not exist") }
        if minute > 59 { return .impossible("minute \(minute) does not exist") }
        if second > 59 { return .impossible("second \(second) does not exist (leap seconds are not accepted)") }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let whole = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return .seconds(Double(whole) + fraction)
    }

    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August",
                             "September", "October", "November", "December"]

    /// Whether `year` is a Gregorian leap year.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month of the proleptic Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the given civil date (negative before 1970), by the era-based method
    /// (Howard Hinnant, "chrono-compatible low-level date algorithms").
    public static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The civil date of a day count since 1970-01-01 (inverse of ``daysSinceEpoch(year:month:day:)``).
    public static func civilDate(daysSinceEpoch days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    /// Formats seconds since 1970 UTC as `YYYY-MM-DD` (the day containing the instant).
    public static func formatDate(_ seconds: Double) -> String {
        let days = Int((seconds / 86_400).rounded(.down))
        let (year, month, day) = civilDate(daysSinceEpoch: days)
        if (0...9999).contains(year) {
            return String(unsafeUninitializedCapacity: 10) { buffer in
                writeDate(year: year, month: month, day: day, into: buffer)
                return 10
            }
        }
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    /// Formats seconds since 1970 UTC as `YYYY-MM-DDTHH:MM:SS` (fractions of a second are dropped).
    public static func formatDateTime(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded(.down))
        let days = Int((Double(whole) / 86_400).rounded(.down))
        let secondOfDay = whole - days * 86_400
        let dateDays = Int((seconds / 86_400).rounded(.down))
        let (year, month, day) = civilDate(daysSinceEpoch: dateDays)
        guard (0...9999).contains(year) else {
            return formatDate(seconds) + "T" + pad(secondOfDay / 3600, 2) + ":" + pad(secondOfDay / 60 % 60, 2) + ":" + pad(secondOfDay % 60, 2)
        }
        // Built in place: derived tables at registry scale format millions of times, and string concatenation
        // allocated a dozen intermediate strings per call.
        return String(unsafeUninitializedCapacity: 19) { buffer in
            writeDate(year: year, month: month, day: day, into: buffer)
            buffer[10] = UInt8(ascii: "T")
            writeTwoDigits(secondOfDay / 3600, into: buffer, at: 11)
            buffer[13] = UInt8(ascii: ":")
            writeTwoDigits(secondOfDay / 60 % 60, into: buffer, at: 14)
            buffer[16] = UInt8(ascii: ":")
            writeTwoDigits(secondOfDay % 60, into: buffer, at: 17)
            return 19
        }
    }

    /// `YYYY-MM-DD` into the first ten bytes of `buffer`, for years 0…9999.
    private static func writeDate(year: Int, month: Int, day: Int, into buffer: UnsafeMutableBufferPointer<UInt8>) {
        writeTwoDigits(year / 100, into: buffer, at: 0)
        writeTwoDigits(year % 100, into: buffer, at: 2)
        buffer[4] = UInt8(ascii: "-")
        writeTwoDigits(month, into: buffer, at: 5)
        buffer[7] = UInt8(ascii: "-")
        writeTwoDigits(day, into: buffer, at: 8)
    }

    private static func writeTwoDigits(_ value: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at index: Int) {
        buffer[index] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value / 10)
        buffer[index + 1] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: value % 10)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, width - text.count)) + text
    }
}
