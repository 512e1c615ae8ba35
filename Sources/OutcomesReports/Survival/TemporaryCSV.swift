// TEMPORARY: replace with the shared libcsv reader (OutcomesTabular) on merge.
// A small RFC 4180 reader (quoted fields, doubled quotes, CRLF) that keeps every cell as text with its
// line number, so errors can name file, line, column and value. Good enough for the survival command
// until the streaming reader lands; not tuned for speed.
import Foundation

/// Errors reading a CSV file, naming the file, line (one-based) and column.
public struct CSVInputError: Error, Equatable, Sendable, CustomStringConvertible {
    /// What went wrong, with its location.
    public let description: String
}

/// A CSV file held as text cells.
struct TemporaryCSV {
    let path: String
    let header: [String]
    let rows: [[String]]
    /// One-based line number of each data row.
    let lines: [Int]

    init(path: String) throws(CSVInputError) {
        self.path = path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CSVInputError(description: "\(path): cannot read the file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CSVInputError(description: "\(path): the file is not valid UTF-8")
        }
        var records: [[String]] = [], recordLines: [Int] = []
        var field = "", record: [String] = []
        var inQuotes = false, afterQuote = false
        var line = 1, recordLine = 1
        var iterator = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil
        func finishRecord() {
            record.append(field); field = ""
            if !(record.count == 1 && record[0].isEmpty) { records.append(record); recordLines.append(recordLine) }
            record = []
        }
        while let c = pending ?? iterator.next() {
            pending = nil
            if inQuotes {
                if c == "\"" {
                    if let next = iterator.next() {
                        if next == "\"" { field.unicodeScalars.append("\"") } else { inQuotes = false; afterQuote = true; pending = next }
                    } else { inQuotes = false; afterQuote = true }
                } else {
                    if c == "\n" { line += 1 }
                    field.unicodeScalars.append(c)
                }
                continue
            }
            switch c {
            case ",":
                record.append(field); field = ""; afterQuote = false
            case "\r":
                continue
            case "\n":
                finishRecord(); afterQuote = false
                line += 1; recordLine = line
            case "\"":
                if !field.isEmpty || afterQuote {
                    throw CSVInputError(description: "\(path): line \(line): a quote inside an unquoted field")
                }
                inQuotes = true
            default:
                if afterQuote { throw CSVInputError(description: "\(path): line \(line): text after a closing quote") }
                field.unicodeScalars.append(c)
            }
        }
        if inQuotes { throw CSVInputError(description: "\(path): line \(line): unterminated quoted field") }
        if !field.isEmpty || !record.isEmpty { finishRecord() }
        guard let first = records.first else { throw CSVInputError(description: "\(path): the file is empty") }
        header = first.map { $0.trimmingCharacters(in: .whitespaces) }
        for (k, r) in records.enumerated().dropFirst() where r.count != header.count {
            throw CSVInputError(description: "\(path): line \(recordLines[k]): \(r.count) fields, the header has \(header.count)")
        }
        rows = Array(records.dropFirst())
        lines = Array(recordLines.dropFirst())
    }

    /// The index of a column, or an error listing the available columns.
    func columnIndex(_ name: String) throws(CSVInputError) -> Int {
        guard let j = header.firstIndex(of: name) else {
            throw CSVInputError(description: "\(path): no column '\(name)'; columns are \(header.joined(separator: ", "))")
        }
        return j
    }

    /// Whether a cell counts as missing (empty or NA, as R's read.csv).
    static func isMissing(_ s: String) -> Bool {
        let t = s.trimmingCharacters(in: .whitespaces)
        return t.isEmpty || t == "NA"
    }

    /// A cell as a number (C-locale decimal), or an error naming file, line, column and value.
    func number(row: Int, column j: Int) throws(CSVInputError) -> Double {
        let s = rows[row][j].trimmingCharacters(in: .whitespaces)
        guard let v = Double(s), v.isFinite else {
            throw CSVInputError(description: "\(path): line \(lines[row]), column '\(header[j])': '\(rows[row][j])' is not a finite number")
        }
        return v
    }
}
