import Foundation

/// A finished survival analysis, ready to render: the full document (JSON, Markdown), the answer first in text,
/// one tidy table per CSV, every table as its own file for `--out`, and the figure when one was asked for.
public struct SurvivalResult {
    var document: ReportDocument
    /// Text lines that answer the question, printed first (R's `print`).
    var answer: String
    /// Sections also printed in text after the answer (by name); the others are in JSON, Markdown and CSV only.
    var textSections: [String]
    /// Tables that exist only as CSV (e.g. Cox tests as rows), besides the document's sections.
    var extraTables: [ReportSection] = []
    /// The table `--format csv` writes when `--table` is not given.
    public let defaultTable: String
    /// The SVG figure (`--plot`), when requested.
    public var figure: String?
    /// Cox residuals as CSV (`--residuals TYPE`), one row per data row (Schoenfeld types: per event) with its row number.
    public var residualsCSV: String?

    /// Every table name `--table` accepts, in output order.
    public var tableNames: [String] { tables.map(\.name) }

    /// The tidy tables: every table section, fields sections as a single row, then the extra tables.
    var tables: [(name: String, columns: [String], rows: [[ReportValue]])] {
        var out: [(name: String, columns: [String], rows: [[ReportValue]])] = []
        for section in document.sections + extraTables {
            switch section {
            case .table(let name, let columns, let rows): out.append((name, columns, rows))
            case .fields(let name, let fields):
                let flat = ReportDocument.flatten(fields)
                out.append((name, flat.map(\.0), [flat.map(\.1)]))
            }
        }
        return out
    }

    /// The output in `format`; for CSV, the one table `table` (or the default), header and rows only.
    public func render(_ format: ReportFormat, table: String? = nil) throws(SurvivalReportError) -> String {
        if table != nil && format != .csv {
            throw SurvivalReportError(description: "--table chooses the table of --format csv; use it with --format csv (or --out DIR for every table)", isUsage: true)
        }
        switch format {
        case .csv: return try csv(table ?? defaultTable)
        case .text: return text()
        case .json, .md: return document.render(format)
        }
    }

    /// One table as RFC 4180 CSV: a header row and the data rows, numbers at full precision, NA for missing.
    public func csv(_ name: String) throws(SurvivalReportError) -> String {
        guard let t = tables.first(where: { $0.name == name }) else {
            let hint = Suggestion.closest(to: name, among: tableNames).map { " (did you mean '\($0)'?)" } ?? ""
            throw SurvivalReportError(description: "--table \(name): no such table for '\(document.analysis)'\(hint); tables are \(tableNames.joined(separator: ", "))", isUsage: true)
        }
        var out = t.columns.map(CSVText.escape).joined(separator: ",") + "\n"
        for r in t.rows { out += r.map { CSVText.escape(ReportDocument.cell($0, exact: true)) }.joined(separator: ",") + "\n" }
        return out
    }

    /// The files of `--out DIR`: each table as `NAME.csv` and the whole document as `ANALYSIS.json`.
    public func files() -> [(name: String, contents: String)] {
        var files = tables.map { (name: $0.name + ".csv", contents: (try? csv($0.name)) ?? "") }
        files.append((document.analysis + ".json", document.render(.json)))
        return files
    }

    /// The answer first, then the sections worth reading, then conventions and notes.
    func text() -> String {
        var out = document.title + "\n\n" + answer
        for section in document.sections {
            switch section {
            case .table(let name, let columns, let rows) where textSections.contains(name):
                out += "\n\(name):\n" + Self.alignedTable(columns, rows.map { $0.map { ReportDocument.cell($0, exact: false) } })
            case .fields(let name, let fields) where textSections.contains(name):
                out += "\n\(name):\n"
                let flat = ReportDocument.flatten(fields)
                let w = flat.map(\.0.count).max() ?? 0
                for (k, v) in flat { out += "  \(k.padding(toLength: w, withPad: " ", startingAt: 0))  \(ReportDocument.cell(v, exact: false))\n" }
            default: continue
            }
        }
        if !document.notes.isEmpty {
            out += "\nNotes:\n" + document.notes.map { "  - \($0)\n" }.joined()
        }
        out += "\nConventions:\n"
        let width = document.conventions.map(\.0.count).max() ?? 0
        for (k, v) in document.conventions { out += "  \(k.padding(toLength: width, withPad: " ", startingAt: 0))  \(v)\n" }
        return out
    }

    /// Columns right-aligned except the first, two spaces apart, indented by two.
    static func alignedTable(_ columns: [String], _ cells: [[String]]) -> String {
        let widths = columns.indices.map { j in max(columns[j].count, cells.map { $0[j].count }.max() ?? 0) }
        func line(_ values: [String]) -> String {
            "  " + values.enumerated().map { j, s in
                j == 0 ? s.padding(toLength: widths[j], withPad: " ", startingAt: 0)
                       : String(repeating: " ", count: widths[j] - s.count) + s
            }.joined(separator: "  ") + "\n"
        }
        return line(columns) + cells.map(line).joined()
    }
}
