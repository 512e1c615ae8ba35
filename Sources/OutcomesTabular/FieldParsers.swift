#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Number parsing straight from the field bytes (libcsv's buffer or the text itself), without creating a `String`.
enum FieldParsers {
    enum NumberResult {
        case value(Double)
        case notANumber
        case notFinite
    }

    /// Parses a decimal number: ``DecimalNumbers`` converts plain decimals exactly without `strtod`; the rest
    /// (more than 19 significant digits, `inf`, blanks around the number, …) goes to `strtod`, which needs the
    /// field copied with a NUL terminator. Either way the result is the correctly rounded double.
    @inline(__always)
    static func parseDouble(_ p: UnsafePointer<UInt8>, _ count: Int) -> NumberResult {
        if let value = DecimalNumbers.parse(p, count) { return value.isFinite ? .value(value) : .notFinite }
        return parseWithStrtod(p, count)
    }

    static func parseWithStrtod(_ p: UnsafePointer<UInt8>, _ count: Int) -> NumberResult {
        if count == 0 { return .notANumber }
        // strtod accepts hexadecimal floats; a clinic export never means one, so refuse them.
        for index in 0..<count where p[index] == 0x78 || p[index] == 0x58 { return .notANumber }
        // strtod needs a NUL after the field; fields split without libcsv lie inside the text, so copy (the slow path).
        var copy = [CChar](repeating: 0, count: count + 1)
        for index in 0..<count { copy[index] = CChar(bitPattern: p[index]) }
        var consumed = 0
        let value = copy.withUnsafeMutableBufferPointer { buffer -> Double in
            var end: UnsafeMutablePointer<CChar>?
            let value = strtod(buffer.baseAddress!, &end)
            consumed = end.map { $0 - buffer.baseAddress! } ?? -1
            return value
        }
        guard consumed == count else { return .notANumber }
        return value.isFinite ? .value(value) : .notFinite
    }

    enum IntegerResult {
        case value(Int32)
        case notAnInteger
        case outOfRange
    }

    /// Parses a whole number: optional sign, digits, and optionally a fractional part of zeros (`3.0`, as
    /// spreadsheet and pandas exports write integers in columns with blanks).
    @inline(__always)
    static func parseInteger(_ p: UnsafePointer<UInt8>, _ count: Int) -> IntegerResult {
        var index = 0
        var negative = false
        if count > 0 && (p[0] == 0x2D || p[0] == 0x2B) { negative = p[0] == 0x2D; index = 1 }
        var value: Int64 = 0
        var digitCount = 0
        while index < count, p[index] >= 0x30, p[index] <= 0x39 {
            if value < 10_000_000_000 { value = value * 10 + Int64(p[index] - 0x30) }
            digitCount += 1
            index += 1
        }
        if index < count && p[index] == 0x2E {
            index += 1
            while index < count, p[index] == 0x30 { index += 1 }
        }
        guard digitCount > 0, index == count else { return .notAnInteger }
        if negative { value = -value }
        guard value > Int64(Int32.min), value <= Int64(Int32.max) else { return .outOfRange }
        return .value(Int32(value))
    }

    /// The field as a `String`, or nil when it is not valid UTF-8. ASCII text (the usual case: identifiers,
    /// terms) skips the general validator.
    @inline(__always)
    static func text(_ p: UnsafePointer<UInt8>, _ count: Int) -> String? {
        var bits: UInt8 = 0
        for index in 0..<count { bits |= p[index] }
        let buffer = UnsafeBufferPointer(start: p, count: count)
        if bits < 0x80 { return String(decoding: buffer, as: UTF8.self) }
        return String(validating: buffer, as: UTF8.self)
    }

    /// Counts line breaks inside a field (quoted fields may span lines): LF, and CR not followed by LF.
    static func lineBreaks(_ p: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var breaks = 0
        var index = 0
        while index < count {
            let byte = p[index]
            if byte == 0x0A {
                breaks += 1
            } else if byte == 0x0D && (index + 1 == count || p[index + 1] != 0x0A) {
                breaks += 1
            }
            index += 1
        }
        return breaks
    }

    /// Field text for messages: invalid UTF-8 replaced, control characters escaped (`\n`, `\u{0}`) so a
    /// message stays on one line, values longer than 80 characters shortened.
    static func displayText(_ p: UnsafePointer<UInt8>?, _ count: Int) -> String {
        guard let p else { return "" }
        let limit = 240
        let decoded = String(decoding: UnsafeBufferPointer(start: p, count: min(count, limit)), as: UTF8.self)
        var text = ""
        for scalar in decoded.unicodeScalars {
            switch scalar {
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: text += "\\u{\(String(scalar.value, radix: 16))}"
            default: text.unicodeScalars.append(scalar)
            }
        }
        if text.count > 80 || count > limit { return String(text.prefix(80)) + "… (\(count) bytes)" }
        return text
    }
}
