/// One column of a CSV read without a schema.
public enum AnyCSVColumn: Sendable, Equatable {
    /// Every non-blank value is a finite number; blanks are NaN.
    case numeric([Double])
    /// At least one non-blank value is not a number; blanks are nil.
    case text([String?])
}

/// A CSV read without a schema: every column kept, each inferred as numeric or text.
public struct AnyCSVTable: Sendable {
    /// The file name used in messages.
    public let file: String
    /// Header names in file order.
    public let names: [String]
    /// One column per header name.
    public let columns: [AnyCSVColumn]
    /// Physical start line of each accepted row.
    public let lines: [Int32]
    /// Rejected rows (wrong field count, invalid UTF-8, over-long fields).
    public let issues: [RowIssue]
    /// Rows read, accepted and rejected.
    public let accounting: RowAccounting

    /// The column called `name` (case-insensitive).
    public func column(_ name: String) -> AnyCSVColumn? {
        names.firstIndex { $0.lowercased() == name.lowercased() }.map { columns[$0] }
    }

    /// The values of a numeric column called `name`, or nil when it is absent or holds text.
    public func numbers(_ name: String) -> [Double]? {
        if case .numeric(let values)? = column(name) { return values }
        return nil
    }
}

extension CSVReader {
    /// Reads any CSV with a header, keeping every column: a column is numeric when all its non-blank values
    /// parse as finite numbers, text otherwise. For the commands that accept arbitrary tables.
    public static func readAny(fileAt path: String, name: String? = nil) throws(CSVError) -> AnyCSVTable {
        inferTypes(try readFile(path: path, file: name ?? lastComponent(path), schema: nil, chunkBytes: defaultChunkBytes))
    }

    /// Reads CSV text held in memory without a schema (see ``readAny(fileAt:name:)``).
    public static func readAny(bytes: [UInt8], name: String) throws(CSVError) -> AnyCSVTable {
        inferTypes(try readMemory(bytes: bytes, file: name, schema: nil, chunkBytes: defaultChunkBytes))
    }

    static func inferTypes(_ table: CSVTable) -> AnyCSVTable {
        var columns: [AnyCSVColumn] = []
        for column in table.columns {
            guard case .text(let values) = column else { continue }
            var numbers: [Double] = []
            numbers.reserveCapacity(values.count)
            var numeric = true
            for value in values {
                guard let value, !value.isEmpty else { numbers.append(.nan); continue }
                var bytes = Array(value.utf8)
                let count = bytes.count
                bytes.append(0)
                let parsed = bytes.withUnsafeBufferPointer { FieldParsers.parseDouble($0.baseAddress!, count) }
                guard case .value(let number) = parsed else { numeric = false; break }
                numbers.append(number)
            }
            columns.append(numeric ? .numeric(numbers) : .text(values))
        }
        return AnyCSVTable(file: table.file, names: table.schema.columns.map(\.name), columns: columns,
                           lines: table.lines, issues: table.issues, accounting: table.accounting)
    }
}
