import Foundation
import OutcomesTabular

/// A CSV read by the shared reader (OutcomesTabular), seen the way the survival report needs it: columns found
/// by their exact header name, cells read as text or number with errors naming file, line, column and value,
/// and a cell that is empty or `NA` counted as missing, as R's read.csv does.
struct SurvivalCSV {
    /// The path as the user gave it; every message names it.
    let path: String
    /// Every column as the shared reader inferred it (numeric, or text when any value is not a number).
    let table: AnyCSVTable

    init(path: String) throws(SurvivalReportError) {
        do { table = try CSVReader.readAny(fileAt: path, name: path) } catch { throw SurvivalReportError(description: error.description) }
        self.path = path
        // The reader rejects malformed rows (for example a wrong field count); the analysis would silently lose
        // them, so the first one stops the run instead.
        if let first = table.issues.first {
            let more = table.issues.count > 1 ? " (and \(table.issues.count - 1) more rejected rows)" : ""
            throw SurvivalReportError(description: first.description + more)
        }
    }

    /// Data rows read.
    var rowCount: Int { table.lines.count }

    /// One-based line of the file where a data row starts.
    func line(_ row: Int) -> Int { Int(table.lines[row]) }

    /// The index of a column, or an error listing the available columns.
    func columnIndex(_ name: String) throws(SurvivalReportError) -> Int {
        guard let j = table.names.firstIndex(of: name) else {
            throw SurvivalReportError(description: "\(path): no column '\(name)'; columns are \(table.names.joined(separator: ", "))")
        }
        return j
    }

    /// Whether a cell counts as missing (empty or NA).
    func isMissing(row: Int, column j: Int) -> Bool {
        switch table.columns[j] {
        case .numeric(let values): return values[row].isNaN
        case .text(let values):
            let t = (values[row] ?? "").trimmingCharacters(in: .whitespaces)
            return t.isEmpty || t == "NA"
        }
    }

    /// A cell's text without surrounding blanks; a numeric column's value printed as the shortest exact decimal.
    func text(row: Int, column j: Int) -> String {
        switch table.columns[j] {
        case .numeric(let values): return Self.decimal(values[row])
        case .text(let values): return (values[row] ?? "").trimmingCharacters(in: .whitespaces)
        }
    }

    /// A cell as a number (C-locale decimal), or an error naming file, line, column and value.
    func number(row: Int, column j: Int) throws(SurvivalReportError) -> Double {
        switch table.columns[j] {
        case .numeric(let values): return values[row]
        case .text(let values):
            let raw = values[row] ?? ""
            guard let v = Double(raw.trimmingCharacters(in: .whitespaces)), v.isFinite else {
                throw SurvivalReportError(description: "\(path): line \(line(row)), column '\(table.names[j])': '\(raw)' is not a finite number")
            }
            return v
        }
    }

    /// The cells of `rows` in column `j` as numbers when every one is a number, nil when any is text.
    func numbersIfNumeric(rows: [Int], column j: Int) -> [Double]? {
        switch table.columns[j] {
        case .numeric(let values): return rows.map { values[$0] }
        case .text:
            let text = rows.map { self.text(row: $0, column: j) }
            let values = text.compactMap(Double.init)
            return values.count == text.count ? values : nil
        }
    }

    /// Integral values without a fractional part ("2", not "2.0"), others as Swift prints them.
    private static func decimal(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }
}
