import OutcomesTabular

/// Deterministic, locale-free formatting of numbers and times for every output of the tool.
public enum Formatting {
    /// `x` rounded to `digits` decimals, trailing zeros kept (`fixed(0.5, 3)` is `0.500`); empty for nil,
    /// `NaN` and `Inf`/`-Inf` spelled out.
    public static func fixed(_ x: Double?, _ digits: Int) -> String {
        guard let x else { return "" }
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        let scale = pow10(digits)
        let r = (abs(x) * scale).rounded() / scale
        let negative = x < 0 && r != 0
        var whole = r.rounded(.down)
        var frac = ((r - whole) * scale).rounded()
        if frac >= scale { whole += 1; frac = 0 }
        var s = (negative ? "-" : "") + String(Int64(whole))
        if digits > 0 {
            let f = String(Int64(frac))
            s += "." + String(repeating: "0", count: max(0, digits - f.count)) + f
        }
        return s
    }

    /// Shortest form for whole numbers (`3`), otherwise `fixed(x, digits)` with trailing zeros removed.
    public static func compact(_ x: Double?, _ digits: Int = 6) -> String {
        guard let x else { return "" }
        if x.isFinite && x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        var s = fixed(x, digits)
        if s.contains(".") {
            while s.hasSuffix("0") { s.removeLast() }
            if s.hasSuffix(".") { s.removeLast() }
        }
        return s
    }

    /// Percent with one decimal, e.g. `53.6 %`.
    public static func percent(_ p: Double?) -> String {
        guard let p else { return "n/a" }
        return fixed(100 * p, 1) + " %"
    }

    /// A confidence level as printed in headings: `95 %`, `90 %`, `97.5 %` (at most one decimal).
    public static func level(_ level: Double) -> String {
        compact((level * 1000).rounded() / 10, 1) + " %"
    }

    /// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SS` (the data's own clock, no zone conversion); empty for nil.
    public static func dateTime(_ seconds: Double?) -> String {
        seconds.map(ISO8601.formatDateTime) ?? ""
    }

    /// `Y`/`N`/empty for an optional flag, as ADaM criterion flags.
    public static func flag(_ b: Bool?) -> String { b.map { $0 ? "Y" : "N" } ?? "" }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }

}
