#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import OutcomesRandom

/// Checks the reader's number parsing against the C library's `strtod` on generated strings: random doubles
/// printed with 15–17 digits and shortest round-trip, random digit strings (1–25 digits, signs, `.5`, `5.`,
/// exponents from -360 to 360), exact halfway cases between two doubles, and a fixed list of adversarial
/// inputs (subnormals, `1e308`, overflow, `-0`, leading `+`). Used by the unit test (a few hundred thousand
/// strings) and by `outcomes-benchmark numbers` (millions).
public enum DecimalParsingCheck {
    /// The outcome of a check.
    public struct Outcome: Sendable {
        /// Strings compared.
        public var checked = 0
        /// Strings converted without `strtod` (the fast paths).
        public var fastPath = 0
        /// Strings whose result differs from `strtod` (should be empty), with both results.
        public var mismatches: [String] = []
    }

    /// Inputs that must be handled exactly; each is checked once per run.
    public static let adversarial: [String] = [
        "0", "-0", "+0", "-0.0", "0.0", "0e0", "-0e-400", "0e400", "1", "+1", "-1", ".5", "5.", "-.5", "+.5e1", "5.e-1",
        "1e308", "1.7976931348623157e308", "1.7976931348623158e308", "1.7976931348623159e308", "1e309", "-1e309",
        "2.2250738585072014e-308", "2.2250738585072011e-308", "2.2250738585072012e-308", "4.9e-324", "5e-324",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "2.4703282292062327208828439643411e-324", "1e-400",
        "3e-324", "7e-324", "1e-320", "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
        "18014398509481985", "18014398509481986", "18014398509481987", "9223372036854775807", "9223372036854775808",
        "18446744073709551615", "18446744073709551616", "1234567890123456789", "12345678901234567890",
        "0.1", "0.2", "0.3", "0.30000000000000004", "1e22", "1e23", "1e-22", "1e-23", "8.98846567431158e307",
        "1E-5", "1e+5", "1e-0", "7.2057594037927933e16", "00000000000000000000001.5", "1.000000000000000000001",
        "0.000000000000000000000000000000000000000000000001", "123.456e-789", "1e-999999999", "1e999999999",
        "2.718281828459045235360287", "3.141592653589793238462643383279", "1.00000000000000011102230246251565404236316680908203125",
        "1.00000000000000011102230246251565404236316680908203124", "1.00000000000000011102230246251565404236316680908203126",
        "9.007199254740993e15", "4503599627370496.5", "4503599627370497.5", "1448997445238699", "0.0000008",
        "1.5", "-", "+", ".", "e5", "1e", "1e+", "1.5e-", "--1", "+-1", "1.2.3", "1,5", " 1", "1 ", "inf", "-inf", "nan",
        "Infinity", "0x10", "1_000", "١", "1e5x", "5..", "..5",
    ]

    /// Compares `count` generated strings (plus the adversarial list) with `strtod`, from a fixed `seed`.
    public static func run(count: Int, seed: UInt64) -> Outcome {
        var outcome = Outcome()
        var buffer = [UInt8](repeating: 0, count: 512)
        for text in adversarial {
            let bytes = Array(text.utf8)
            for (index, byte) in bytes.enumerated() { buffer[index] = byte }
            buffer[bytes.count] = 0
            compare(&buffer, bytes.count, &outcome)
        }
        var random = SplitMix64(seed: seed)
        for case_ in 0..<count {
            let length: Int
            switch case_ % 6 {
            case 0: length = printedDouble(&buffer, &random)
            case 1, 2: length = digitString(&buffer, &random)
            case 3: length = halfwayInteger(&buffer, &random)
            case 4: length = shortDecimal(&buffer, &random)
            default: length = subnormalOrHuge(&buffer, &random)
            }
            buffer[length] = 0
            compare(&buffer, length, &outcome)
        }
        return outcome
    }

    static func compare(_ buffer: inout [UInt8], _ length: Int, _ outcome: inout Outcome) {
        outcome.checked += 1
        buffer.withUnsafeMutableBufferPointer { pointer in
            let base = UnsafePointer(pointer.baseAddress!)
            var end: UnsafeMutablePointer<CChar>?
            let reference = base.withMemoryRebound(to: CChar.self, capacity: length + 1) { strtod($0, &end) }
            let consumed = end.map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? -1
            let hex = (0..<length).contains { base[$0] == 0x78 || base[$0] == 0x58 }
            let expected: FieldParsers.NumberResult = length == 0 || consumed != length || hex ? .notANumber
                : reference.isFinite ? .value(reference) : .notFinite
            let got = FieldParsers.parseDouble(base, length)
            let fast = DecimalNumbers.parse(base, length)
            if fast != nil { outcome.fastPath += 1 }
            var same: Bool
            switch (expected, got) {
            case (.value(let a), .value(let b)): same = a.bitPattern == b.bitPattern
            case (.notANumber, .notANumber), (.notFinite, .notFinite): same = true
            default: same = false
            }
            if let fast, consumed == length, fast.bitPattern != reference.bitPattern { same = false }
            if !same && outcome.mismatches.count < 20 {
                let text = String(decoding: UnsafeBufferPointer(start: base, count: length), as: UTF8.self)
                outcome.mismatches.append("'\(text)': strtod \(reference) (\(consumed) of \(length) bytes), reader \(got), fast path \(fast.map { "\($0)" } ?? "-")")
            }
        }
    }

    static func write(_ text: String, _ buffer: inout [UInt8], at start: Int) -> Int {
        var index = start
        for byte in text.utf8 { buffer[index] = byte; index += 1 }
        return index
    }

    /// A random finite double printed with 15, 16 or 17 significant digits, or as Swift's shortest round trip.
    static func printedDouble(_ buffer: inout [UInt8], _ random: inout SplitMix64) -> Int {
        var value = Double(bitPattern: random.next())
        while !value.isFinite { value = Double(bitPattern: random.next()) }
        let style = random.below(4)
        if style == 3 { return write("\(value)", &buffer, at: 0) }
        let format = ["%.14e", "%.15e", "%.16e"][style]
        return buffer.withUnsafeMutableBufferPointer { pointer in
            Int(withVaList([value]) { vsnprintf(UnsafeMutableRawPointer(pointer.baseAddress!).assumingMemoryBound(to: CChar.self), 500, format, $0) })
        }
    }

    /// Random digits (1–25) with an optional sign, decimal point anywhere (including first or last) and exponent.
    static func digitString(_ buffer: inout [UInt8], _ random: inout SplitMix64) -> Int {
        var index = 0
        switch random.below(4) { case 0: buffer[index] = 0x2D; index += 1; case 1: buffer[index] = 0x2B; index += 1; default: break }
        let digits = 1 + random.below(random.below(3) == 0 ? 25 : 19)
        let point = random.below(digits + 2) - 1 // -1: no point
        let leadingZeros = random.below(4) == 0 ? random.below(5) : 0
        for _ in 0..<leadingZeros { buffer[index] = 0x30; index += 1 }
        for position in 0..<digits {
            if position == point { buffer[index] = 0x2E; index += 1 }
            buffer[index] = 0x30 + UInt8(random.below(10)); index += 1
        }
        if point == digits { buffer[index] = 0x2E; index += 1 }
        if random.below(2) == 0 {
            buffer[index] = random.below(2) == 0 ? 0x65 : 0x45; index += 1
            let exponent = random.below(721) - 360
            let sign = exponent < 0 ? "-" : (random.below(3) == 0 ? "+" : "")
            index = write(sign + String(abs(exponent)), &buffer, at: index)
        }
        return index
    }

    /// An integer exactly halfway between two doubles, or one off it (round-half-to-even cases), up to 19 digits,
    /// sometimes written with a decimal point and a compensating exponent.
    static func halfwayInteger(_ buffer: inout [UInt8], _ random: inout SplitMix64) -> Int {
        let shift = UInt64(random.below(11))
        let odd = (random.next() >> 11) | (1 << 52)           // a 53-bit mantissa
        var n = ((odd << 1) | 1) << shift                       // halfway between odd << (shift + 1) and its successor
        n = n &+ UInt64(random.below(3)) &- 1                   // and its neighbours
        var text = String(n)
        if text.count > 19 { text = String(text.prefix(19)) }
        if random.below(2) == 0 {
            let point = random.below(text.count + 1)
            let fractionDigits = text.count - point
            text = String(text.prefix(point)) + "." + String(text.suffix(fractionDigits)) + "e" + String(fractionDigits)
        }
        return write(text, &buffer, at: 0)
    }

    /// Short decimals as clinic exports write them (`12.5`, `-0.031`, `7`), and integers.
    static func shortDecimal(_ buffer: inout [UInt8], _ random: inout SplitMix64) -> Int {
        let whole = random.below(2) == 0 ? random.below(100) : Int(random.next() % 10_000_000)
        let decimals = random.below(8)
        var text = (random.below(5) == 0 ? "-" : "") + String(whole)
        if decimals > 0 {
            let fraction = String(random.next() % 100_000_000)
            text += "." + String(repeating: "0", count: max(0, decimals - fraction.count)) + String(fraction.prefix(decimals))
        }
        return write(text, &buffer, at: 0)
    }

    /// Values near the ends of the range: subnormals, the smallest normal, and near `Double.greatestFiniteMagnitude`.
    static func subnormalOrHuge(_ buffer: inout [UInt8], _ random: inout SplitMix64) -> Int {
        let digits = 1 + random.below(19)
        var text = String(1 + random.below(9))
        for _ in 1..<digits { text += String(random.below(10)) }
        let exponent = random.below(2) == 0 ? -(300 + random.below(45)) : 290 + random.below(30)
        return write(text + "e" + String(exponent - digits + 1), &buffer, at: 0)
    }
}

extension SplitMix64 {
    /// A draw in 0..<n by remainder: the small bias is harmless for choosing test inputs, and keeps the checked
    /// strings the same as when this check had its own generator.
    mutating func below(_ n: Int) -> Int { Int(nextWord() % UInt64(n)) }
}
