/// The tool's one rule for each kind of printed number, locale-free and deterministic: every command, report
/// and the generator's truth.json format numbers through here.
public enum NumberText {
    /// Shortest text that reads back as the same Double; whole numbers below 10¹⁵ without a decimal point
    /// (`3`, `0.1`, `1.2151098578542988e-49`). The rule for CSV and JSON numbers. Not for NaN or infinities.
    public static func shortest(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// `x` rounded half away from zero to `digits` decimals, trailing zeros kept (`fixed(0.5, 3)` is `0.500`),
    /// computed with integer arithmetic so no platform formatter is involved; NaN and infinities spelled `NaN`,
    /// `Inf`, `-Inf` (reports never print them: see the clinical layer's estimability rules).
    public static func fixed(_ x: Double, _ digits: Int) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        let scale = (0..<digits).reduce(1.0) { r, _ in r * 10 }
        let r = (abs(x) * scale).rounded() / scale
        let negative = x < 0 && r != 0
        var whole = r.rounded(.down)
        var frac = ((r - whole) * scale).rounded()
        if frac >= scale { whole += 1; frac = 0 }
        return digitsText(negative: negative, whole: Int64(whole), fraction: Int64(frac), digits: digits)
    }

    /// `-`, the whole part, and `digits` fraction digits (zero-padded on the left), built in one buffer: tables
    /// at registry scale format millions of numbers.
    private static func digitsText(negative: Bool, whole: Int64, fraction: Int64, digits: Int) -> String {
        var wholeDigits = 1
        var rest = whole.magnitude / 10
        while rest > 0 { wholeDigits += 1; rest /= 10 }
        let count = (negative ? 1 : 0) + wholeDigits + (digits > 0 ? 1 + digits : 0)
        return String(unsafeUninitializedCapacity: count) { buffer in
            var end = count
            func writeBackwards(_ value: UInt64, width: Int) {
                var v = value
                for _ in 0..<width {
                    end -= 1
                    buffer[end] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: v % 10)
                    v /= 10
                }
            }
            if digits > 0 {
                writeBackwards(fraction.magnitude, width: digits)
                end -= 1
                buffer[end] = UInt8(ascii: ".")
            }
            writeBackwards(whole.magnitude, width: wholeDigits)
            if negative { buffer[0] = UInt8(ascii: "-") }
            return count
        }
    }

    /// Whole numbers without decimals (`3`), others `fixed(x, digits)` with trailing zeros removed (`2.5`).
    public static func compact(_ x: Double, _ digits: Int = 6) -> String {
        if x.isFinite && x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        var s = fixed(x, digits)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// A p-value for people: four decimals, or `< 0.0001` below that (`0.0123`, `< 0.0001`); `not estimable`
    /// when it is not a number.
    public static func pValue(_ p: Double) -> String {
        guard p.isFinite else { return "not estimable" }
        return p < 0.0001 ? "< 0.0001" : fixed(p, 4)
    }

    /// A confidence level as printed in headings: `95 %`, `90 %`, `97.5 %`.
    public static func level(_ level: Double) -> String {
        compact((level * 1000).rounded() / 10, 1) + " %"
    }
}
