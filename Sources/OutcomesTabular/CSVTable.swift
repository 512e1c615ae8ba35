/// Sentinels for missing values in 32-bit integer and category columns.
public enum IntegerColumn {
    /// The stored value of a blank integer or category field (`Int32.min`, which the reader never accepts as data).
    public static let missing = Int32.min
}

/// The typed values of one column, one per accepted row.
public enum CSVColumnValues: Sendable, Equatable {
    /// `.double` columns; NaN marks a blank field (NaN in the input is rejected, so NaN always means blank).
    case double([Double])
    /// `.integer` columns; ``IntegerColumn/missing`` marks a blank field.
    case integer([Int32])
    /// `.text` columns; nil marks a blank field, "" a quoted empty field.
    case text([String?])
    /// `.category` columns: level indices; ``IntegerColumn/missing`` marks a blank field.
    case category([Int32])
    /// `.dateTime` columns: seconds since 1970-01-01T00:00:00Z; NaN marks a blank field.
    case dateTime([Double])
}

/// An extra column found in the file but not in the schema, kept as text.
public struct CSVExtraColumn: Sendable, Equatable {
    /// The header name as written.
    public let name: String
    /// 1-based position in the file's header.
    public let position: Int
    /// One value per accepted row; nil for a blank field.
    public let values: [String?]
}

/// What a schema-driven read produced: typed columns for accepted rows, and an account of every other row.
public struct CSVTable: Sendable {
    /// The file name used in messages.
    public let file: String
    /// The schema the file was read with.
    public let schema: CSVSchema
    /// One entry per schema column, in schema order.
    public let columns: [CSVColumnValues]
    /// For each schema column, the header name it matched in the file (nil when an optional column is absent).
    public let headerNames: [String?]
    /// Physical start line of each accepted row, for tracing a value back to the file.
    public let lines: [Int32]
    /// Columns not in the schema, in file order.
    public let extraColumns: [CSVExtraColumn]
    /// One entry per problem in each rejected row, in file order.
    public let issues: [RowIssue]
    /// Non-fatal observations such as extra columns.
    public let warnings: [CSVWarning]
    /// Rows read, accepted and rejected.
    public let accounting: RowAccounting
    /// For each `.dateTime` column present in the file (by schema name): which lines wrote an offset.
    public let timeForms: [String: TimeForms]

    init(file: String, schema: CSVSchema, columns: [CSVColumnValues], headerNames: [String?], lines: [Int32],
                extraColumns: [CSVExtraColumn], issues: [RowIssue], warnings: [CSVWarning], timeForms: [String: TimeForms] = [:],
                accounting: RowAccounting) {
        self.file = file
        self.schema = schema
        self.columns = columns
        self.headerNames = headerNames
        self.lines = lines
        self.extraColumns = extraColumns
        self.issues = issues
        self.warnings = warnings
        self.timeForms = timeForms
        self.accounting = accounting
    }

    /// The number of accepted rows.
    public var rowCount: Int { lines.count }

    /// The index of the schema column called `name` (case-insensitive, aliases included).
    public func columnIndex(_ name: String) -> Int? {
        let key = name.lowercased()
        return schema.columns.firstIndex { $0.name.lowercased() == key || $0.aliases.contains { $0.lowercased() == key } }
    }

    /// The values of a `.double` column. Asking for a column the schema does not declare with that kind is a programming error.
    public func doubles(_ name: String) -> [Double] {
        guard let index = columnIndex(name), case .double(let values) = columns[index] else { preconditionFailure("no double column '\(name)'") }
        return values
    }

    /// The values of an `.integer` column (``IntegerColumn/missing`` for blanks).
    public func integers(_ name: String) -> [Int32] {
        guard let index = columnIndex(name), case .integer(let values) = columns[index] else { preconditionFailure("no integer column '\(name)'") }
        return values
    }

    /// The values of a `.text` column.
    public func texts(_ name: String) -> [String?] {
        guard let index = columnIndex(name), case .text(let values) = columns[index] else { preconditionFailure("no text column '\(name)'") }
        return values
    }

    /// The level indices of a `.category` column (``IntegerColumn/missing`` for blanks).
    public func categories(_ name: String) -> [Int32] {
        guard let index = columnIndex(name), case .category(let values) = columns[index] else { preconditionFailure("no category column '\(name)'") }
        return values
    }

    /// The values of a `.dateTime` column in seconds since 1970 UTC (NaN for blanks).
    public func dateTimes(_ name: String) -> [Double] {
        guard let index = columnIndex(name), case .dateTime(let values) = columns[index] else { preconditionFailure("no date-time column '\(name)'") }
        return values
    }

    /// The header name matched for a schema column (its canonical name when the column is absent).
    public func headerName(_ name: String) -> String {
        guard let index = columnIndex(name) else { return name }
        return headerNames[index] ?? schema.columns[index].name
    }
}
