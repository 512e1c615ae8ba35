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

    /// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SS` (the data's own clock, no zone conversion).
    public static func dateTime(_ seconds: Double?) -> String {
        guard let seconds else { return "" }
        let s = Int64(seconds.rounded(.down))
        let days = s >= 0 ? s / 86_400 : (s - 86_399) / 86_400
        let rem = s - days * 86_400
        let (y, m, d) = civil(fromDays: days)
        return "\(pad(y, 4))-\(pad(m, 2))-\(pad(d, 2))T\(pad(rem / 3600, 2)):\(pad(rem % 3600 / 60, 2)):\(pad(rem % 60, 2))"
    }

    /// `Y`/`N`/empty for an optional flag, as ADaM criterion flags.
    public static func flag(_ b: Bool?) -> String { b.map { $0 ? "Y" : "N" } ?? "" }

    private static func pow10(_ n: Int) -> Double { (0..<n).reduce(1.0) { r, _ in r * 10 } }

    private static func pad(_ v: Int64, _ width: Int) -> String {
        let s = String(v)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }

    /// Proleptic Gregorian date from days since 1970-01-01 (Howard Hinnant's civil_from_days algorithm).
    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }
}
