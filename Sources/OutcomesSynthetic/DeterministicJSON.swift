import OutcomesText
import OutcomesClinical
/// A JSON value that renders the same bytes everywhere: object keys sorted, numbers with fixed decimals,
/// two-space indentation.
public enum DeterministicJSON: Sendable, Equatable {
    /// An object; rendered with keys in ascending byte order.
    case object([String: DeterministicJSON])
    /// An array, rendered in order.
    case array([DeterministicJSON])
    /// A string.
    case string(String)
    /// An integer.
    case integer(Int)
    /// A number rendered with exactly `decimals` digits after the point.
    case number(Double, decimals: Int)
    /// A boolean.
    case bool(Bool)

    /// The pretty-printed text, ending with a newline.
    public func rendered() -> String {
        var out = ""
        render(into: &out, indent: 0)
        out += "\n"
        return out
    }

    private func render(into out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent + 2)
        let closingPad = String(repeating: " ", count: indent)
        switch self {
        case .object(let members):
            if members.isEmpty { out += "{}"; return }
            out += "{\n"
            let keys = members.keys.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
            for (position, key) in keys.enumerated() {
                out += pad
                Self.appendQuoted(key, to: &out)
                out += ": "
                members[key]!.render(into: &out, indent: indent + 2)
                out += position + 1 < keys.count ? ",\n" : "\n"
            }
            out += closingPad + "}"
        case .array(let elements):
            if elements.isEmpty { out += "[]"; return }
            out += "[\n"
            for (position, element) in elements.enumerated() {
                out += pad
                element.render(into: &out, indent: indent + 2)
                out += position + 1 < elements.count ? ",\n" : "\n"
            }
            out += closingPad + "]"
        case .string(let text):
            Self.appendQuoted(text, to: &out)
        case .integer(let value):
            out += String(value)
        case .number(let value, let decimals):
            out += FixedDecimal.format(value, decimals: decimals)
        case .bool(let value):
            out += value ? "true" : "false"
        }
    }

    /// Escaping is the project's one JSON string rule (OutcomesText), shared with every command's output.
    private static func appendQuoted(_ text: String, to out: inout String) {
        out += JSONText.string(text)
    }
}

/// Fixed-decimal formatting done with integer arithmetic, so the text never depends on the platform's
/// float printing.
public enum FixedDecimal {
    /// `value` rounded half away from zero to `decimals` digits after the point (no exponent, no locale).
    public static func format(_ value: Double, decimals: Int) -> String {
        precondition(value.isFinite && decimals >= 0 && decimals <= 15, "FixedDecimal.format needs a finite value and 0...15 decimals")
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let scaled = (value * scale).rounded(.toNearestOrAwayFromZero)
        precondition(abs(scaled) < 9.0e18, "FixedDecimal.format: value too large")
        let magnitude = Int64(abs(scaled))
        var text = String(magnitude)
        if decimals > 0 {
            if text.count <= decimals { text = String(repeating: "0", count: decimals - text.count + 1) + text }
            text.insert(".", at: text.index(text.endIndex, offsetBy: -decimals))
        }
        return (scaled < 0 ? "-" : "") + text
    }
}
