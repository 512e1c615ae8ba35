/// A problem that prevents reading a CSV file at all (as opposed to a ``RowIssue``, which rejects one row).
public enum CSVError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file could not be opened.
    case cannotOpen(file: String, reason: String)
    /// Reading failed part-way.
    case readFailed(file: String, reason: String)
    /// The file holds no header (zero bytes, or only a byte-order mark and blank lines).
    case emptyFile(file: String)
    /// The file holds NUL bytes, so it is not text.
    case binaryContent(file: String, line: Int)
    /// Quoting breaks RFC 4180 (for example a quote inside an unquoted field, or text after a closing quote).
    case malformedQuoting(file: String, line: Int, column: String?)
    /// A quoted field is still open at the end of the file.
    case unterminatedQuote(file: String, line: Int, column: String?)
    /// A header name is empty, not UTF-8, or holds control characters.
    case invalidHeader(file: String, line: Int, position: Int, reason: String)
    /// Two header names map to the same column (names compare case-insensitively, aliases included).
    case duplicateColumn(file: String, line: Int, name: String, positions: [Int])
    /// Columns the schema requires are absent from the header.
    case missingColumns(file: String, names: [String])
    /// One field grew beyond the reader's buffer limit (usually an unterminated quote in a big file).
    case fieldExceedsBuffer(file: String, line: Int, limitBytes: Int)
    /// An input limit (``CSVLimits``) was exceeded; `what` says which, with the limit.
    case limitExceeded(file: String, line: Int, what: String)

    /// The file name the error is about.
    public var file: String {
        switch self {
        case .cannotOpen(let file, _), .readFailed(let file, _), .emptyFile(let file), .binaryContent(let file, _),
             .malformedQuoting(let file, _, _), .unterminatedQuote(let file, _, _), .invalidHeader(let file, _, _, _),
             .duplicateColumn(let file, _, _, _), .missingColumns(let file, _), .fieldExceedsBuffer(let file, _, _),
             .limitExceeded(let file, _, _):
            file
        }
    }

    /// A one-line message naming file, line and column where known.
    public var description: String {
        func at(_ column: String?) -> String { column.map { " in column '\($0)'" } ?? "" }
        switch self {
        case .cannotOpen(let file, let reason): return "\(file): cannot open: \(reason)"
        case .limitExceeded(let file, let line, let what): return "\(file):\(line): \(what)"
        case .readFailed(let file, let reason): return "\(file): read failed: \(reason)"
        case .emptyFile(let file): return "\(file): empty file (no header line)"
        case .binaryContent(let file, let line): return "\(file):\(line): binary content (NUL byte); not a CSV text file"
        case .malformedQuoting(let file, let line, let column):
            return "\(file):\(line): malformed quoting\(at(column)) (a quote inside an unquoted field, or text after a closing quote)"
        case .unterminatedQuote(let file, let line, let column):
            return "\(file):\(line): unterminated quoted field\(at(column)) (the quote opened here is never closed)"
        case .invalidHeader(let file, let line, let position, let reason):
            return "\(file):\(line): invalid header at position \(position): \(reason)"
        case .duplicateColumn(let file, let line, let name, let positions):
            return "\(file):\(line): duplicate column '\(name)' at positions \(positions.map(String.init).joined(separator: ", "))"
        case .missingColumns(let file, let names):
            return "\(file): missing required column(s) \(names.map { "'\($0)'" }.joined(separator: ", "))"
        case .fieldExceedsBuffer(let file, let line, let limit):
            return "\(file):\(line): a field exceeds the reader's buffer limit of \(limit) bytes"
        }
    }
}
