/// Why one field or row was rejected.
public enum RowIssueReason: Sendable, Equatable, CustomStringConvertible {
    /// A required value is blank.
    case missingRequiredValue
    /// A numeric field does not hold a number.
    case notANumber
    /// A numeric field holds NaN or an infinity.
    case notFinite
    /// An integer field holds a number with a fractional part or text.
    case notAnInteger
    /// An integer field's value does not fit in 32 bits.
    case integerOutOfRange
    /// A category field holds a spelling that is not accepted.
    case notAllowed(accepted: [String])
    /// A date field does not follow ISO 8601 (`detail` says what was expected).
    case malformedDate(detail: String)
    /// A date field names a date or time that does not exist, such as 2026-02-30.
    case impossibleDate(detail: String)
    /// A text field is not valid UTF-8.
    case invalidUTF8
    /// The row has a different number of fields from the header.
    case wrongFieldCount(expected: Int, found: Int)
    /// A field is longer than the schema's limit.
    case fieldTooLong(bytes: Int, limit: Int)
    /// A rule of a higher layer (for example a clinical range check) rejected the row.
    case rule(String)

    /// A short sentence for reports.
    public var description: String {
        switch self {
        case .missingRequiredValue: "missing required value"
        case .notANumber: "not a number"
        case .notFinite: "not a finite number (NaN and infinity are not accepted)"
        case .notAnInteger: "not an integer"
        case .integerOutOfRange: "integer out of range"
        case .notAllowed(let accepted): "not an accepted value (accepted: \(accepted.joined(separator: ", ")))"
        case .malformedDate(let detail): "not an ISO 8601 date or date-time: \(detail)"
        case .impossibleDate(let detail): "impossible date: \(detail)"
        case .invalidUTF8: "not valid UTF-8 text"
        case .wrongFieldCount(let expected, let found): "row has \(found) fields, header has \(expected)"
        case .fieldTooLong(let bytes, let limit): "field of \(bytes) bytes exceeds the limit of \(limit) bytes"
        case .rule(let text): text
        }
    }
}

/// One problem found in one row: the row is rejected and the issue reported.
public struct RowIssue: Sendable, Equatable, CustomStringConvertible {
    /// File name as given to the reader.
    public let file: String
    /// Physical line (1-based) where the record starts; the header is line 1 unless blank lines precede it.
    public let line: Int
    /// Header name of the field's column, or nil for whole-row problems such as a wrong field count.
    public let column: String?
    /// The field's text on one line (invalid UTF-8 replaced by U+FFFD, control characters escaped as `\n`, `\u{0}`,
    /// long values shortened), or "" for whole-row problems.
    public let value: String
    /// Why the row was rejected.
    public let reason: RowIssueReason

    /// Creates an issue.
    public init(file: String, line: Int, column: String?, value: String, reason: RowIssueReason) {
        self.file = file
        self.line = line
        self.column = column
        self.value = value
        self.reason = reason
    }

    /// `file:line: column 'X' value 'V': reason`, or `file:line: reason` for whole-row problems.
    public var description: String {
        if let column {
            return "\(file):\(line): column '\(column)' value '\(value)': \(reason)"
        }
        return "\(file):\(line): \(reason)"
    }
}

/// Something worth telling the user that does not reject any row.
public enum CSVWarning: Sendable, Equatable, CustomStringConvertible {
    /// A header column not in the schema; its values are kept as text in ``CSVTable/extraColumns``.
    case extraColumn(file: String, name: String, position: Int)

    /// A short sentence for reports.
    public var description: String {
        switch self {
        case .extraColumn(let file, let name, let position):
            "\(file): extra column '\(name)' (position \(position)) is not part of the schema; kept aside as text"
        }
    }
}

/// Row counts of one file: every data record read is either accepted or rejected.
public struct RowAccounting: Sendable, Equatable {
    /// Data records read (the header and blank lines are not counted).
    public var rowsRead: Int
    /// Records accepted.
    public var accepted: Int
    /// Records rejected, each with at least one ``RowIssue``.
    public var rejected: Int

    /// Creates an accounting.
    public init(rowsRead: Int, accepted: Int, rejected: Int) {
        self.rowsRead = rowsRead
        self.accepted = accepted
        self.rejected = rejected
    }
}
