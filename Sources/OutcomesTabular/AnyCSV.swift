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
    /// One column per header name; a column outside the projection of ``CSVReader/readAny(fileAt:name:columns:)``
    /// holds no values (`.text([])`, and `isRead` is false).
    public let columns: [AnyCSVColumn]
    /// Whether each column was converted (false for columns outside the projection).
    public let isRead: [Bool]
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
    /// Reads any CSV with a header: a column is numeric when all its non-blank values parse as finite numbers,
    /// text otherwise. For the commands that accept arbitrary tables.
    /// - Parameter columns: the names of the columns to convert (matched case-insensitively; names not in the
    ///   header are ignored), or nil for all. The others are tokenized and checked as a full read would check
    ///   them (field count, over-long fields, UTF-8), so rows, line numbers and issues are those of a full read,
    ///   but they are not converted and hold no values.
    /// - Parameter threads: threads for a large file (nil: the processors available, at most 2); results do not depend on it.
    public static func readAny(fileAt path: String, name: String? = nil, columns: [String]? = nil,
                               threads: Int? = nil) throws(CSVError) -> AnyCSVTable {
        let file = name ?? lastComponent(path)
        let projection = columns.map { Set($0.map { $0.lowercased() }) }
        let threads = threads ?? ParallelRead.defaultThreads
        let first = try readFile(path: path, file: file, schema: nil, projection: projection, chunkBytes: defaultChunkBytes,
                                 threads: threads)
        if let table = first.makeAnyTable() { return table }
        return try readFile(path: path, file: file, schema: nil, projection: projection, forcedText: first.mixedColumns(),
                            chunkBytes: defaultChunkBytes, threads: threads).makeAnyTable()!
    }

    /// Reads CSV text held in memory without a schema (see ``readAny(fileAt:name:columns:)``).
    public static func readAny(bytes: [UInt8], name: String, columns: [String]? = nil) throws(CSVError) -> AnyCSVTable {
        let projection = columns.map { Set($0.map { $0.lowercased() }) }
        let first = try readMemory(bytes: bytes, file: name, schema: nil, projection: projection, chunkBytes: defaultChunkBytes)
        if let table = first.makeAnyTable() { return table }
        return try readMemory(bytes: bytes, file: name, schema: nil, projection: projection,
                              forcedText: first.mixedColumns(), chunkBytes: defaultChunkBytes).makeAnyTable()!
    }
}

extension ParseState {
    /// The table of a schema-less read, or nil when a column mixed numbers and text (read it again with those
    /// columns forced to text: ``mixedColumns()``).
    func makeAnyTable() -> AnyCSVTable? {
        var columns: [AnyCSVColumn] = []
        var isRead: [Bool] = []
        columns.reserveCapacity(plans.count)
        for plan in plans {
            switch plan.kind {
            case .inferred:
                guard let values = inferred[plan.inferred].values(doubles[plan.storage]) else { return nil }
                columns.append(values)
                isRead.append(true)
            case .text:
                columns.append(.text(texts[plan.storage]))
                isRead.append(true)
            default:
                columns.append(.text([]))
                isRead.append(false)
            }
        }
        return AnyCSVTable(file: file, names: fieldNames, columns: columns, isRead: isRead, lines: lines, issues: issues,
                           accounting: RowAccounting(rowsRead: rowsRead, accepted: accepted, rejected: rejected))
    }

    /// Lowercased names of inferred columns that held both numbers and text.
    func mixedColumns() -> Set<String> {
        var names: Set<String> = []
        for (position, plan) in plans.enumerated() where plan.kind == .inferred {
            if inferred[plan.inferred].values(doubles[plan.storage]) == nil { names.insert(fieldNames[position].lowercased()) }
        }
        return names
    }
}
