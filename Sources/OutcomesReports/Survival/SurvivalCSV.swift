import Foundation
import OutcomesTabular

/// A CSV read by the shared reader (OutcomesTabular), seen the way the survival report needs it: columns found
/// by their exact header name, cells read as text or number with errors naming file, line, column and value,
/// and a cell that is empty or `NA` counted as missing, as R's read.csv does.
struct SurvivalCSV {
    /// The path as the user gave it (`-` for standard input); every message names it.
    let path: String
    /// Every column as the shared reader inferred it (numeric, or text when any value is not a number).
    let table: AnyCSVTable
    /// The field separator found in the header line.
    let delimiter: CSVDelimiter

    /// Reads `path`, converting only `columns` (nil: every column); asking for another column later is a
    /// programming error.
    init(path: String, columns: [String]? = nil) throws(SurvivalReportError) {
        (table, delimiter) = try Self.readTable(path: path, columns: columns)
        self.path = path
        // The reader rejects malformed rows (for example a wrong field count); the analysis would silently lose
        // them, so the first one stops the run instead.
        if let first = table.issues.first {
            let more = table.issues.count > 1 ? " (and \(table.issues.count - 1) more rejected rows)" : ""
            throw SurvivalReportError(description: first.description + more)
        }
    }

    /// All CSV reading of the survival commands, in one place: a file (or standard input for `-`) whose
    /// separator, comma, semicolon or tab, is detected from the header line. A comma-separated file goes straight
    /// to the shared reader; other separators are rewritten to RFC 4180 commas first, line for line, so that
    /// line numbers in messages stay those of the file.
    static func readTable(path: String, columns: [String]? = nil) throws(SurvivalReportError) -> (AnyCSVTable, CSVDelimiter) {
        let name = path == "-" ? "<stdin>" : path
        do {
            if path == "-" {
                let bytes = [UInt8](FileHandle.standardInput.readDataToEndOfFile())
                let delimiter = CSVDelimiter.detect(bytes)
                return (try CSVReader.readAny(bytes: delimiter.toCommas(bytes), name: name, columns: columns), delimiter)
            }
            guard let handle = FileHandle(forReadingAtPath: path) else {
                throw SurvivalReportError(description: "\(path): cannot open the file (missing or unreadable)")
            }
            let head = [UInt8](handle.readData(ofLength: 1 << 16))
            try? handle.close()
            let delimiter = CSVDelimiter.detect(head)
            if delimiter == .comma { return (try CSVReader.readAny(fileAt: path, name: name, columns: columns), delimiter) }
            guard let data = FileManager.default.contents(atPath: path) else {
                throw SurvivalReportError(description: "\(path): cannot read the file")
            }
            return (try CSVReader.readAny(bytes: delimiter.toCommas([UInt8](data)), name: name, columns: columns), delimiter)
        } catch let error as CSVError {
            throw SurvivalReportError(description: error.description)
        } catch let error as SurvivalReportError {
            throw error
        } catch {
            throw SurvivalReportError(description: "\(name): \(error)")
        }
    }

    /// Data rows read.
    var rowCount: Int { table.lines.count }

    /// One-based line of the file where a data row starts.
    func line(_ row: Int) -> Int { Int(table.lines[row]) }

    /// The index of a column, or an error listing the available columns, with a suggestion when a column's
    /// name differs only in case or by a small edit.
    func columnIndex(_ name: String) throws(SurvivalReportError) -> Int {
        guard let j = table.names.firstIndex(of: name) else {
            let hint = Suggestion.closest(to: name, among: table.names).map { " (did you mean '\($0)'?)" } ?? ""
            throw SurvivalReportError(description: "\(path): no column '\(name)'\(hint); columns are \(table.names.joined(separator: ", "))")
        }
        precondition(table.isRead[j], "column '\(name)' was not among the columns requested from the reader")
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

    /// Whether every cell of the column that is not missing (empty or NA, as R's read.csv) is a number.
    func isNumeric(_ j: Int) -> Bool {
        switch table.columns[j] {
        case .numeric: return true
        case .text(let values):
            return values.allSatisfy { value in
                let t = (value ?? "").trimmingCharacters(in: .whitespaces)
                return t.isEmpty || t == "NA" || Double(t)?.isFinite == true
            }
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
    static func decimal(_ v: Double) -> String {
        v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
    }
}

/// The field separator of a delimited text file.
enum CSVDelimiter: String, Sendable {
    case comma, semicolon, tab

    var byte: UInt8 {
        switch self {
        case .comma: return UInt8(ascii: ",")
        case .semicolon: return UInt8(ascii: ";")
        case .tab: return UInt8(ascii: "\t")
        }
    }

    /// The separator occurring most often outside quotes in the first line (comma when none occurs or on a tie
    /// with comma), as data.table's fread guesses it from the header.
    static func detect(_ bytes: [UInt8]) -> CSVDelimiter {
        var counts: [CSVDelimiter: Int] = [.comma: 0, .semicolon: 0, .tab: 0]
        var quoted = false
        for b in bytes {
            if b == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if b == UInt8(ascii: "\n") || b == UInt8(ascii: "\r") { break }
            for d in [CSVDelimiter.comma, .semicolon, .tab] where b == d.byte { counts[d, default: 0] += 1 }
        }
        let best = [CSVDelimiter.semicolon, .tab].max { counts[$0]! < counts[$1]! }!
        return counts[best]! > counts[.comma]! ? best : .comma
    }

    /// The same records with commas between fields: separators outside quotes become commas, and an unquoted
    /// field that holds a comma is quoted. Line breaks are kept, so line numbers do not change.
    func toCommas(_ bytes: [UInt8]) -> [UInt8] {
        guard self != .comma else { return bytes }
        let quote = UInt8(ascii: "\""), comma = UInt8(ascii: ","), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 16)
        var field: [UInt8] = []
        var quoted = false, fieldIsQuoted = false
        func flush() {
            if !fieldIsQuoted && field.contains(comma) { out.append(quote); out += field; out.append(quote) } else { out += field }
            field.removeAll(keepingCapacity: true)
            fieldIsQuoted = false
        }
        for b in bytes {
            if quoted {
                field.append(b)
                if b == quote { quoted = false }
                continue
            }
            switch b {
            case quote:
                if field.isEmpty { fieldIsQuoted = true }
                quoted = true
                field.append(b)
            case byte: flush(); out.append(comma)
            case lf, cr: flush(); out.append(b)
            default: field.append(b)
            }
        }
        flush()
        return out
    }
}

/// "Did you mean": the closest name that differs only in case, or by one edit (names up to four characters) or
/// two edits (longer names).
enum Suggestion {
    static func closest(to name: String, among candidates: [String]) -> String? {
        if let same = candidates.first(where: { $0.lowercased() == name.lowercased() }) { return same }
        // Very short names are one edit away from too many others for a guess to help.
        guard name.count > 2 else { return nil }
        let limit = name.count <= 4 ? 1 : 2
        let scored = candidates.map { ($0, distance(Array(name.lowercased()), Array($0.lowercased()))) }.filter { $0.1 <= limit }
        return scored.min { $0.1 < $1.1 }?.0
    }

    /// Levenshtein distance.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
