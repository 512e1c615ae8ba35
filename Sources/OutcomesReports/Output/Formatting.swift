import OutcomesTabular
import OutcomesText

/// Deterministic, locale-free formatting of numbers and times for every output of the tool.
public enum Formatting {
    /// `x` rounded to `digits` decimals, trailing zeros kept; empty for nil (``NumberText/fixed(_:_:)``).
    public static func fixed(_ x: Double?, _ digits: Int) -> String { x.map { NumberText.fixed($0, digits) } ?? "" }

    /// Whole numbers without decimals, others with trailing zeros removed; empty for nil (``NumberText/compact(_:_:)``).
    public static func compact(_ x: Double?, _ digits: Int = 6) -> String { x.map { NumberText.compact($0, digits) } ?? "" }

    /// Percent with one decimal, e.g. `53.6 %`.
    public static func percent(_ p: Double?) -> String {
        guard let p else { return "n/a" }
        return fixed(100 * p, 1) + " %"
    }

    /// A confidence level as printed in headings: `95 %`, `90 %`, `97.5 %` (at most one decimal).
    public static func level(_ level: Double) -> String { NumberText.level(level) }

    /// Seconds since 1970 as `YYYY-MM-DDTHH:MM:SS` (the data's own clock, no zone conversion); empty for nil.
    public static func dateTime(_ seconds: Double?) -> String {
        seconds.map(ISO8601.formatDateTime) ?? ""
    }

    /// `Y`/`N`/empty for an optional flag, as ADaM criterion flags.
    public static func flag(_ b: Bool?) -> String { b.map { $0 ? "Y" : "N" } ?? "" }


}
