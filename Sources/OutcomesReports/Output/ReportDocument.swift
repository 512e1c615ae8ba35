import Foundation

/// One value in a report document.
enum ReportValue {
    case number(Double)
    case integer(Int)
    case text(String)
    case boolean(Bool)
    case missing
    case object([(String, ReportValue)])

    static func optional(_ x: Double?) -> ReportValue { x.map { $0.isNaN ? .missing : .number($0) } ?? .missing }
}

/// A section: a table of rows, or named fields (which may nest).
enum ReportSection {
    case table(name: String, columns: [String], rows: [[ReportValue]])
    case fields(name: String, [(String, ReportValue)])
}

/// The output formats of report documents (survival, claims, proportions).
public enum ReportFormat: String, Sendable, CaseIterable {
    /// Aligned plain text.
    case text
    /// CSV: for a full document, tables each after a `# table:` comment line with conventions as `#` comment
    /// lines; for a flat record, a header row and one data row.
    case csv
    /// One JSON object.
    case json
    /// Markdown.
    case md
}

/// A rendered-once, format-independent report: the same content in every format, in a fixed order.
struct ReportDocument {
    var analysis: String
    var title: String
    var conventions: [(String, String)]
    var notes: [String]
    var sections: [ReportSection]
    /// Human labels of field keys, used by the flat-record text and Markdown renderings (the key when absent).
    var labels: [String: String] = [:]

    func render(_ format: ReportFormat) -> String {
        switch format {
        case .text: return renderText()
        case .csv: return renderCSV()
        case .json: return renderJSON()
        case .md: return renderMarkdown()
        }
    }

    // MARK: number formats

    /// Full precision, shortest round-trip form (csv, json).
    static func exact(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return "\(x)"
    }

    /// Six significant digits (text, markdown).
    static func short(_ x: Double) -> String {
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        return String(format: "%.6g", x)
    }

    static func cell(_ v: ReportValue, exact: Bool) -> String {
        switch v {
        case .number(let x): return x.isNaN ? "NA" : (exact ? Self.exact(x) : short(x))
        case .integer(let i): return String(i)
        case .text(let s): return s
        case .boolean(let b): return b ? "true" : "false"
        case .missing: return "NA"
        case .object(let fields): return fields.map { "\($0.0)=\(cell($0.1, exact: exact))" }.joined(separator: "; ")
        }
    }

    static func flatten(_ fields: [(String, ReportValue)], prefix: String = "") -> [(String, ReportValue)] {
        fields.flatMap { key, value -> [(String, ReportValue)] in
            if case .object(let inner) = value { return flatten(inner, prefix: prefix + key + ".") }
            return [(prefix + key, value)]
        }
    }

    // MARK: text

    func renderText() -> String {
        var out = "\(title)\n\nConventions:\n"
        let width = conventions.map(\.0.count).max() ?? 0
        for (k, v) in conventions { out += "  \(k.padding(toLength: width, withPad: " ", startingAt: 0))  \(v)\n" }
        if !notes.isEmpty {
            out += "\nNotes:\n"
            for n in notes { out += "  - \(n)\n" }
        }
        for section in sections {
            switch section {
            case .fields(let name, let fields):
                out += "\n\(name):\n"
                let flat = Self.flatten(fields)
                let w = flat.map(\.0.count).max() ?? 0
                for (k, v) in flat { out += "  \(k.padding(toLength: w, withPad: " ", startingAt: 0))  \(Self.cell(v, exact: false))\n" }
            case .table(let name, let columns, let rows):
                out += "\n\(name):\n"
                let cells = rows.map { $0.map { Self.cell($0, exact: false) } }
                let widths = columns.indices.map { j in max(columns[j].count, cells.map { $0[j].count }.max() ?? 0) }
                func line(_ values: [String]) -> String {
                    "  " + values.enumerated().map { j, s in
                        j == 0 ? s.padding(toLength: widths[j], withPad: " ", startingAt: 0)
                               : String(repeating: " ", count: widths[j] - s.count) + s
                    }.joined(separator: "  ") + "\n"
                }
                out += line(columns)
                for r in cells { out += line(r) }
            }
        }
        return out
    }

    // MARK: markdown

    func renderMarkdown() -> String {
        var out = "# \(title)\n\n## Conventions\n\n"
        for (k, v) in conventions { out += "- **\(k)**: \(v)\n" }
        if !notes.isEmpty {
            out += "\n## Notes\n\n"
            for n in notes { out += "- \(n)\n" }
        }
        for section in sections {
            switch section {
            case .fields(let name, let fields):
                out += "\n## \(name)\n\n"
                for (k, v) in Self.flatten(fields) { out += "- **\(k)**: \(Self.cell(v, exact: false))\n" }
            case .table(let name, let columns, let rows):
                out += "\n## \(name)\n\n| " + columns.joined(separator: " | ") + " |\n"
                out += "|" + columns.map { _ in "---|" }.joined() + "\n"
                for r in rows { out += "| " + r.map { Self.cell($0, exact: false).replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
            }
        }
        return out
    }

    // MARK: csv (fields quoted by the shared RFC 4180 rule of CSVText)

    func renderCSV() -> String {
        var out = "# analysis: \(analysis)\n"
        for (k, v) in conventions { out += "# \(k): \(v)\n" }
        for n in notes { out += "# note: \(n)\n" }
        for section in sections {
            switch section {
            case .fields(let name, let fields):
                out += "# table: \(name)\nfield,value\n"
                for (k, v) in Self.flatten(fields) { out += CSVText.escape(k) + "," + CSVText.escape(Self.cell(v, exact: true)) + "\n" }
            case .table(let name, let columns, let rows):
                out += "# table: \(name)\n" + columns.map(CSVText.escape).joined(separator: ",") + "\n"
                for r in rows { out += r.map { CSVText.escape(Self.cell($0, exact: true)) }.joined(separator: ",") + "\n" }
            }
        }
        return out
    }

    // MARK: json

    static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 { out += String(format: "\\u%04x", u.value) } else { out.unicodeScalars.append(u) }
            }
        }
        return out + "\""
    }

    static func json(_ v: ReportValue, indent: Int) -> String {
        switch v {
        case .number(let x): return x.isFinite ? exact(x) : "null"
        case .integer(let i): return String(i)
        case .text(let s): return jsonString(s)
        case .boolean(let b): return b ? "true" : "false"
        case .missing: return "null"
        case .object(let fields): return jsonObject(fields, indent: indent)
        }
    }

    static func jsonObject(_ fields: [(String, ReportValue)], indent: Int) -> String {
        if fields.isEmpty { return "{}" }
        let pad = String(repeating: "  ", count: indent + 1)
        let body = fields.map { pad + jsonString($0.0) + ": " + json($0.1, indent: indent + 1) }.joined(separator: ",\n")
        return "{\n" + body + "\n" + String(repeating: "  ", count: indent) + "}"
    }

    func renderJSON() -> String {
        var top: [(String, ReportValue)] = [("analysis", .text(analysis))]
        // Every JSON conventions block names the tool's version (provenance), first unless the document did.
        let versioned = conventions.contains { $0.0 == "version" } ? conventions : [("version", "outcomes \(ToolVersion.current)")] + conventions
        top.append(("conventions", .object(versioned.map { ($0.0, .text($0.1)) })))
        var entries = top.map { "  " + Self.jsonString($0.0) + ": " + Self.json($0.1, indent: 1) }
        entries.append("  \"notes\": [" + notes.map(Self.jsonString).joined(separator: ", ") + "]")
        for section in sections {
            switch section {
            case .fields(let name, let fields):
                entries.append("  " + Self.jsonString(name) + ": " + Self.jsonObject(fields, indent: 1))
            case .table(let name, let columns, let rows):
                let items = rows.map { r in
                    "    {" + zip(columns, r).map { Self.jsonString($0.0) + ": " + Self.json($0.1, indent: 2) }.joined(separator: ", ") + "}"
                }
                entries.append("  " + Self.jsonString(name) + ": [" + (items.isEmpty ? "]" : "\n" + items.joined(separator: ",\n") + "\n  ]"))
            }
        }
        return "{\n" + entries.joined(separator: ",\n") + "\n}\n"
    }
}
