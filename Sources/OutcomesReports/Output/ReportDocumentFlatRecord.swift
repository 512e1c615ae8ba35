import Foundation
import OutcomesText

/// A single-result rendering of ``ReportDocument``: every field of its `.fields` sections (nested objects
/// flattened to dotted keys) as one flat record. Single-result commands (the proportion commands) use it because
/// their users read one flat JSON object, not the nested document with conventions and sections.
///
/// Conventions and notes are not part of a flat record; a document rendered this way should carry its
/// definitions in the field labels.
extension ReportDocument {
    /// One JSON object with the keys in field order, a CSV header row and one data row, aligned
    /// `label  value` lines under the title, or a Markdown list under the title.
    func renderFlatRecord(_ format: ReportFormat) -> String {
        let fields = sections.flatMap { section -> [(String, ReportValue)] in
            if case .fields(_, let fields) = section { return Self.flatten(fields) }
            return []
        }
        func label(_ key: String) -> String { labels[key] ?? key }
        switch format {
        case .json:
            let body = fields.map { "  " + Self.jsonString($0.0) + ": " + Self.flatMachine($0.1, json: true) }
            return "{\n" + body.joined(separator: ",\n") + "\n}\n"
        case .csv:
            return fields.map { CSVText.escape($0.0) }.joined(separator: ",") + "\n"
                + fields.map { Self.flatMachine($0.1, json: false) }.joined(separator: ",") + "\n"
        case .text:
            let width = fields.map { label($0.0).count }.max() ?? 0
            let lines = fields.map { label($0.0).padding(toLength: width, withPad: " ", startingAt: 0) + "  " + Self.flatHuman($0.1) }
            return ([title] + lines).joined(separator: "\n") + "\n"
        case .md:
            return "# \(title)\n\n" + fields.map { "- **\(label($0.0))**: \(Self.flatHuman($0.1))\n" }.joined()
        }
    }

    /// Machine formats of a flat record: numbers by the one JSON/CSV rule (``NumberText/shortest(_:)``: 1 prints as `1`), `null` (JSON) or an empty field (CSV) when missing or not finite.
    static func flatMachine(_ value: ReportValue, json: Bool) -> String {
        switch value {
        case .integer(let i): return String(i)
        case .number(let x): return json ? JSONText.number(x) : (x.isFinite ? NumberText.shortest(x) : "")
        case .text(let s): return json ? jsonString(s) : CSVText.escape(s)
        case .boolean(let b): return b ? "true" : "false"
        case .missing: return json ? "null" : ""
        case .object(let fields): return json ? jsonObject(fields, indent: 1) : CSVText.escape(cell(value, exact: true))
        case .array: return json ? Self.json(value, indent: 1) : CSVText.escape(cell(value, exact: true))
        }
    }

    /// Human formats of a flat record: numbers with 4 decimals, magnitudes below 0.0001 in scientific form,
    /// booleans as yes/no, missing values as `-`.
    static func flatHuman(_ value: ReportValue) -> String {
        switch value {
        case .integer(let i): return String(i)
        case .number(let x): return fixed(x)
        case .text(let s): return s
        case .boolean(let b): return b ? "yes" : "no"
        case .missing: return "-"
        case .object, .array: return cell(value, exact: false)
        }
    }

    /// Four decimals, or three significant decimals in scientific form below 0.0001 (so small p-values keep
    /// their digits); NaN and infinities spelled out.
    static func fixed(_ x: Double) -> String {
        if x.isNaN { return "NaN" }
        if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
        if x != 0 && abs(x) < 1e-4 { return String(format: "%.3e", x) }
        return String(format: "%.4f", x)
    }
}
