import CCSV

/// How one field position of the file is parsed and where its value goes.
struct FieldPlan {
    /// `.inferred`: a column of a schema-less read, parsed as a number until a value is not one (see
    /// ``InferredColumn``); `.skip`: a column outside the projection, tokenized but not converted.
    enum Kind: UInt8 { case double, integer, text, category, dateTime, inferred, skip }
    var kind: Kind
    /// Index into the state's storage array for this kind (doubles, integers or texts; doubles for `.inferred`).
    var storage: Int
    /// Index into `ParseState.categories` for `.category`.
    var category: Int
    var required: Bool
    /// For `.inferred`: index into `ParseState.inferred`.
    var inferred: Int = -1
}

/// All state the libcsv callbacks touch, kept in one struct behind a pointer: class properties would pay
/// Swift's dynamic exclusivity checks on every field.
struct ParseState {
    let file: String
    /// nil reads any CSV: every column as text.
    var schema: CSVSchema?
    let maxFieldBytes: Int
    /// Bytes of the current record so far (for CSVLimits.maximumRecordBytes).
    var recordBytes = 0
    /// Set while the tokenizer hands over fields of plain ASCII lines (no quote, no CR, no byte >= 0x80): such a
    /// field can hold neither a line break nor invalid UTF-8, so a skipped field needs no look at its bytes.
    var plainASCII = false
    /// The first field position from which every field is skipped (Int.max when none is, or before the header).
    var trailingSkipStart = Int.max

    // Header.
    var headerDone = false
    var headerFields: [[UInt8]?] = []
    var headerLine = 1
    var plans: [FieldPlan] = []
    var fieldNames: [String] = []
    var categories: [CSVCategory] = []
    /// For each schema column, its field position, or -1 when absent.
    var schemaPositions: [Int] = []
    var extraPositions: [Int] = []
    /// Schema-less reads only: the lowercased names of the columns to convert (nil: all); the others are skipped.
    var projection: Set<String>?
    /// Schema-less reads only: lowercased names of columns to read as text without trying numbers.
    var forcedText: Set<String> = []
    /// Schema-less reads: the columns parsed as numbers first, and the values that were not numbers.
    var inferred: [InferredColumn] = []
    /// Per inferred column, how the current row's value went (see ``InferredColumn/Outcome``).
    var scratchOutcomes: [InferredColumn.Outcome] = []
    var scratchExceptionTexts: [String] = []
    /// Whether the current row has a value that is not a number (or a quoted empty field) in an inferred column.
    var rowHasExceptions = false

    // Position in the file.
    var fieldIndex = 0
    var line = 1
    var recordStartLine = 1
    var breaksInRecord = 0
    var lastTerminator: Int32 = -2

    // The record being read.
    var rowIssues: [RowIssue] = []
    var scratchDoubles: [Double] = []
    var scratchIntegers: [Int32] = []
    var scratchTexts: [String?] = []

    // Results.
    var doubles: [[Double]] = []
    var integers: [[Int32]] = []
    var texts: [[String?]] = []
    var lines: [Int32] = []
    var issues: [RowIssue] = []
    var warnings: [CSVWarning] = []
    /// Per `.dateTime` storage slot: which physical lines wrote the time with a UTC offset (all rows, as written).
    var timeForms: [TimeForms] = []
    var rowsRead = 0
    var accepted = 0
    var rejected = 0
    var fatal: CSVError?

    /// Whether the read has no schema (every column inferred as numeric or text, or skipped).
    let isSchemaless: Bool

    init(file: String, schema: CSVSchema?, projection: Set<String>? = nil, forcedText: Set<String> = []) {
        self.file = file
        self.schema = schema
        self.isSchemaless = schema == nil
        self.projection = projection
        self.forcedText = forcedText
        self.maxFieldBytes = schema?.maxFieldBytes ?? (1 << 20)
    }

    // MARK: Fields

    @inline(__always)
    mutating func field(_ raw: UnsafeMutableRawPointer?, _ count: Int) {
        if fatal != nil { return }
        let position = fieldIndex
        fieldIndex += 1
        // Input limits (CSVLimits): bytes per record, columns per header.
        recordBytes += count + 1
        if recordBytes > CSVLimits.maximumRecordBytes {
            fatal = .limitExceeded(file: file, line: recordStartLine,
                                   what: "a record longer than \(CSVLimits.maximumRecordBytes >> 20) MiB (the reader's limit per line)")
            return
        }
        let data = raw.map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) }
        guard headerDone else {
            if headerFields.count >= CSVLimits.maximumColumns {
                fatal = .limitExceeded(file: file, line: recordStartLine,
                                       what: "the header has more than \(CSVLimits.maximumColumns) columns (the reader's limit)")
                return
            }
            if let data { breaksInRecord += FieldParsers.lineBreaks(data, count) }
            headerFields.append(data.map { Array(UnsafeBufferPointer(start: $0, count: count)) })
            return
        }
        guard position < plans.count else {
            if let data { breaksInRecord += FieldParsers.lineBreaks(data, count) }
            return
        }
        let plan = plans[position]
        if plan.kind == .skip {
            // Outside the projection: only what the full read would reject (over-long fields, invalid UTF-8)
            // and the line breaks a quoted field spans are looked at, so row accounting and line numbers are
            // those of the full read.
            guard let data else { return }
            if count > maxFieldBytes {
                breaksInRecord += FieldParsers.lineBreaks(data, count)
                reject(position, data, count, .fieldTooLong(bytes: count, limit: maxFieldBytes))
                return
            }
            if plainASCII { return }
            var bits: UInt8 = 0
            var breaks = 0
            for index in 0..<count {
                let byte = data[index]
                bits |= byte
                if byte == 0x0A || (byte == 0x0D && (index + 1 == count || data[index + 1] != 0x0A)) { breaks += 1 }
            }
            breaksInRecord += breaks
            if bits >= 0x80 && String(validating: UnsafeBufferPointer(start: data, count: count), as: UTF8.self) == nil {
                reject(position, data, count, .invalidUTF8)
            }
            return
        }
        if plan.kind == .inferred {
            inferredField(plan, position, data, count)
            return
        }
        guard let data, count > 0 || plan.kind == .text else {
            storeMissing(plan)
            if plan.required { reject(position, data, count, .missingRequiredValue) }
            return
        }
        if count > maxFieldBytes {
            breaksInRecord += FieldParsers.lineBreaks(data, count)
            reject(position, data, count, .fieldTooLong(bytes: count, limit: maxFieldBytes))
            return
        }
        switch plan.kind {
        case .double:
            switch FieldParsers.parseDouble(data, count) {
            case .value(let value): scratchDoubles[plan.storage] = value
            case .notANumber: fieldFailed(position, data, count, .notANumber)
            case .notFinite: fieldFailed(position, data, count, .notFinite)
            }
        case .integer:
            switch FieldParsers.parseInteger(data, count) {
            case .value(let value): scratchIntegers[plan.storage] = value
            case .notAnInteger: fieldFailed(position, data, count, .notAnInteger)
            case .outOfRange: fieldFailed(position, data, count, .integerOutOfRange)
            }
        case .category:
            if let level = categories[plan.category].match(data, count) {
                scratchIntegers[plan.storage] = level
            } else {
                fieldFailed(position, data, count, .notAllowed(accepted: categories[plan.category].acceptedSpellings))
            }
        case .dateTime:
            timeForms[plan.category].record(line: recordStartLine, data, count)
            switch ISO8601.parse(data, count) {
            case .seconds(let seconds): scratchDoubles[plan.storage] = seconds
            case .malformed(let detail): fieldFailed(position, data, count, .malformedDate(detail: detail))
            case .impossible(let detail): fieldFailed(position, data, count, .impossibleDate(detail: detail))
            }
        case .inferred, .skip:
            break
        case .text:
            breaksInRecord += FieldParsers.lineBreaks(data, count)
            if count == 0 && plan.required {
                scratchTexts[plan.storage] = ""
                reject(position, data, count, .missingRequiredValue)
            } else if let text = FieldParsers.text(data, count) {
                scratchTexts[plan.storage] = text
            } else {
                reject(position, data, count, .invalidUTF8)
            }
        }
    }

    @inline(__always)
    mutating func storeMissing(_ plan: FieldPlan) {
        switch plan.kind {
        case .double, .dateTime, .inferred: scratchDoubles[plan.storage] = .nan
        case .integer, .category: scratchIntegers[plan.storage] = IntegerColumn.missing
        case .text: scratchTexts[plan.storage] = nil
        case .skip: break
        }
    }

    /// A field of an inferred column: a number is stored; a blank is NaN; anything else is kept as text (or
    /// rejects the row as invalid UTF-8, as a text column would) and decides, at the end, that the column is text.
    @inline(__always)
    mutating func inferredField(_ plan: FieldPlan, _ position: Int, _ data: UnsafePointer<UInt8>?, _ count: Int) {
        scratchDoubles[plan.storage] = .nan
        guard let data else { return }
        if count > maxFieldBytes {
            breaksInRecord += FieldParsers.lineBreaks(data, count)
            reject(position, data, count, .fieldTooLong(bytes: count, limit: maxFieldBytes))
            return
        }
        if count == 0 {
            scratchOutcomes[plan.inferred] = .quotedEmpty
            rowHasExceptions = true
            return
        }
        if case .value(let value) = FieldParsers.parseDouble(data, count) {
            scratchDoubles[plan.storage] = value
            return
        }
        breaksInRecord += FieldParsers.lineBreaks(data, count)
        if let text = FieldParsers.text(data, count) {
            scratchOutcomes[plan.inferred] = .text
            scratchExceptionTexts[plan.inferred] = text
            rowHasExceptions = true
        } else {
            reject(position, data, count, .invalidUTF8)
        }
    }

    /// A field that did not parse: count any line breaks it spans before recording the issue.
    mutating func fieldFailed(_ position: Int, _ data: UnsafePointer<UInt8>, _ count: Int, _ reason: RowIssueReason) {
        breaksInRecord += FieldParsers.lineBreaks(data, count)
        reject(position, data, count, reason)
    }

    mutating func reject(_ position: Int, _ data: UnsafePointer<UInt8>?, _ count: Int, _ reason: RowIssueReason) {
        rowIssues.append(RowIssue(file: file, line: recordStartLine, column: fieldNames[position],
                                  value: FieldParsers.displayText(data, count), reason: reason))
    }

    // MARK: Records

    @inline(__always)
    mutating func endRecord(_ terminator: Int32) {
        if fatal != nil { return }
        if fieldIndex == 0 {
            // An empty line reported by CSV_REPALL_NL, or the LF of a CRLF pair.
            if !(terminator == 0x0A && lastTerminator == 0x0D) { line += 1 }
            lastTerminator = terminator
            recordStartLine = line
            return
        }
        if !headerDone {
            headerLine = recordStartLine
            resolveHeader()
        } else {
            rowsRead += 1
            if fieldIndex != plans.count {
                rowIssues.removeAll(keepingCapacity: true)
                rowIssues.append(RowIssue(file: file, line: recordStartLine, column: nil, value: "",
                                          reason: .wrongFieldCount(expected: plans.count, found: fieldIndex)))
            }
            if rowIssues.isEmpty {
                commitRow()
            } else {
                if rowHasExceptions {
                    rowHasExceptions = false
                    for index in scratchOutcomes.indices { scratchOutcomes[index] = .number }
                }
                rejected += 1
                issues.append(contentsOf: rowIssues)
                rowIssues.removeAll(keepingCapacity: true)
            }
        }
        line += breaksInRecord + (terminator >= 0 ? 1 : 0)
        recordStartLine = line
        breaksInRecord = 0
        recordBytes = 0
        fieldIndex = 0
        lastTerminator = terminator
    }

    @inline(__always)
    mutating func commitRow() {
        accepted += 1
        lines.append(Int32(truncatingIfNeeded: recordStartLine))
        for index in scratchDoubles.indices { doubles[index].append(scratchDoubles[index]) }
        for index in scratchIntegers.indices { integers[index].append(scratchIntegers[index]) }
        for index in scratchTexts.indices { texts[index].append(scratchTexts[index]) }
        if rowHasExceptions { commitExceptions(row: Int32(accepted - 1)) }
    }

    mutating func commitExceptions(row: Int32) {
        rowHasExceptions = false
        for index in scratchOutcomes.indices where scratchOutcomes[index] != .number {
            if scratchOutcomes[index] == .text {
                inferred[index].textRows.append(row)
                inferred[index].texts.append(scratchExceptionTexts[index])
            } else {
                inferred[index].quotedEmptyRows.append(row)
            }
            scratchOutcomes[index] = .number
        }
    }

    // MARK: Header

    mutating func resolveHeader() {
        headerDone = true
        var names: [String] = []
        for (offset, raw) in headerFields.enumerated() {
            let position = offset + 1
            guard let raw, let decoded = String(validating: raw, as: UTF8.self) else {
                if headerFields[offset] == nil {
                    fatal = .invalidHeader(file: file, line: headerLine, position: position, reason: "empty column name")
                } else {
                    fatal = .invalidHeader(file: file, line: headerLine, position: position, reason: "column name is not valid UTF-8")
                }
                return
            }
            let name = decoded.trimmingASCIIWhitespace()
            if name.isEmpty {
                fatal = .invalidHeader(file: file, line: headerLine, position: position, reason: "empty column name"); return
            }
            if name.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                fatal = .invalidHeader(file: file, line: headerLine, position: position,
                                       reason: "column name '\(name.debugDescription.dropFirst().dropLast())' holds control characters")
                return
            }
            names.append(name)
        }
        fieldNames = names
        let schema = self.schema ?? CSVSchema(names.map { CSVColumn($0, .text, .optionalValue) })
        self.schema = schema

        // Map each header name to a schema column; detect duplicates, including two aliases of one column.
        var positionsBySchemaColumn = Array(repeating: [Int](), count: schema.columns.count)
        var extraNames: [String: [Int]] = [:]
        var keys: [String: Int] = [:]
        for (index, column) in schema.columns.enumerated() {
            for name in [column.name] + column.aliases where keys[name.lowercased()] == nil { keys[name.lowercased()] = index }
        }
        for (offset, name) in names.enumerated() {
            if let index = keys[name.lowercased()] {
                positionsBySchemaColumn[index].append(offset)
            } else {
                extraNames[name.lowercased(), default: []].append(offset)
            }
        }
        let duplicates = positionsBySchemaColumn.filter { $0.count > 1 } + extraNames.values.filter { $0.count > 1 }
        if let first = duplicates.min(by: { $0[0] < $1[0] }) {
            fatal = .duplicateColumn(file: file, line: headerLine, name: names[first[0]], positions: first.map { $0 + 1 })
            return
        }
        let missing = schema.columns.indices.filter {
            positionsBySchemaColumn[$0].isEmpty && schema.columns[$0].requirement != .optionalColumn
        }
        if !missing.isEmpty {
            fatal = .missingColumns(file: file, names: missing.map { schema.columns[$0].name })
            return
        }

        plans = Array(repeating: FieldPlan(kind: .text, storage: -1, category: -1, required: false), count: names.count)
        schemaPositions = positionsBySchemaColumn.map { $0.first ?? -1 }
        for (index, column) in schema.columns.enumerated() {
            guard let position = positionsBySchemaColumn[index].first else { continue }
            if isSchemaless {
                // Every column of a schema-less read: text when forced, skipped outside the projection, else inferred.
                let key = column.name.lowercased()
                if forcedText.contains(key) {
                    plans[position] = FieldPlan(kind: .text, storage: scratchTexts.count, category: -1, required: false)
                    scratchTexts.append(nil)
                } else if let projection, !projection.contains(key) {
                    plans[position] = FieldPlan(kind: .skip, storage: -1, category: -1, required: false)
                } else {
                    plans[position] = FieldPlan(kind: .inferred, storage: scratchDoubles.count, category: -1, required: false,
                                                inferred: inferred.count)
                    scratchDoubles.append(.nan)
                    inferred.append(InferredColumn())
                    scratchOutcomes.append(.number)
                    scratchExceptionTexts.append("")
                }
                continue
            }
            let required = column.requirement == .required
            switch column.kind {
            case .double, .dateTime:
                plans[position] = FieldPlan(kind: column.kind == .double ? .double : .dateTime, storage: scratchDoubles.count,
                                            category: column.kind == .double ? -1 : timeForms.count, required: required)
                if column.kind == .dateTime { timeForms.append(TimeForms()) }
                scratchDoubles.append(.nan)
            case .integer:
                plans[position] = FieldPlan(kind: .integer, storage: scratchIntegers.count, category: -1, required: required)
                scratchIntegers.append(IntegerColumn.missing)
            case .category(let category):
                plans[position] = FieldPlan(kind: .category, storage: scratchIntegers.count, category: categories.count, required: required)
                categories.append(category)
                scratchIntegers.append(IntegerColumn.missing)
            case .text:
                plans[position] = FieldPlan(kind: .text, storage: scratchTexts.count, category: -1, required: required)
                scratchTexts.append(nil)
            }
        }
        var firstTrailingSkip = plans.count
        while firstTrailingSkip > 0 && plans[firstTrailingSkip - 1].kind == .skip { firstTrailingSkip -= 1 }
        if firstTrailingSkip < plans.count { trailingSkipStart = firstTrailingSkip }
        for position in names.indices where plans[position].storage < 0 && plans[position].kind != .skip {
            plans[position] = FieldPlan(kind: .text, storage: scratchTexts.count, category: -1, required: false)
            scratchTexts.append(nil)
            extraPositions.append(position)
            warnings.append(.extraColumn(file: file, name: names[position], position: position + 1))
        }
        doubles = Array(repeating: [], count: scratchDoubles.count)
        integers = Array(repeating: [], count: scratchIntegers.count)
        texts = Array(repeating: [], count: scratchTexts.count)
    }

    /// Reserves room for `rows` accepted rows in every column.
    mutating func reserve(rows: Int) {
        lines.reserveCapacity(rows)
        for index in doubles.indices { doubles[index].reserveCapacity(rows) }
        for index in integers.indices { integers[index].reserveCapacity(rows) }
        for index in texts.indices { texts[index].reserveCapacity(rows) }
    }

    // MARK: Result

    /// The current physical line, counting line breaks inside the field libcsv is still buffering.
    func currentLine(parser: UnsafePointer<csv_parser>) -> Int {
        let pending = parser.pointee.entry_buf.map { FieldParsers.lineBreaks($0, parser.pointee.entry_pos) } ?? 0
        return recordStartLine + breaksInRecord + pending
    }

    /// The header name of the field being read, if the header is known.
    var currentColumnName: String? {
        headerDone && fieldIndex < fieldNames.count ? fieldNames[fieldIndex] : nil
    }

    func makeTable() -> CSVTable {
        let schema = self.schema!
        var columns: [CSVColumnValues] = []
        var headerNames: [String?] = []
        for (index, column) in schema.columns.enumerated() {
            let position = schemaPositions[index]
            headerNames.append(position >= 0 ? fieldNames[position] : nil)
            let storage = position >= 0 ? plans[position].storage : -1
            switch column.kind {
            case .double: columns.append(.double(storage >= 0 ? doubles[storage] : Array(repeating: .nan, count: accepted)))
            case .dateTime: columns.append(.dateTime(storage >= 0 ? doubles[storage] : Array(repeating: .nan, count: accepted)))
            case .integer: columns.append(.integer(storage >= 0 ? integers[storage] : Array(repeating: IntegerColumn.missing, count: accepted)))
            case .category: columns.append(.category(storage >= 0 ? integers[storage] : Array(repeating: IntegerColumn.missing, count: accepted)))
            case .text: columns.append(.text(storage >= 0 ? texts[storage] : Array(repeating: nil, count: accepted)))
            }
        }
        var forms: [String: TimeForms] = [:]
        for (index, column) in schema.columns.enumerated() where column.kind == .dateTime {
            let position = schemaPositions[index]
            if position >= 0 { forms[column.name] = timeForms[plans[position].category] }
        }
        let extras = extraPositions.map { CSVExtraColumn(name: fieldNames[$0], position: $0 + 1, values: texts[plans[$0].storage]) }
        return CSVTable(file: file, schema: schema, columns: columns, headerNames: headerNames, lines: lines,
                        extraColumns: extras, issues: issues, warnings: warnings, timeForms: forms,
                        accounting: RowAccounting(rowsRead: rowsRead, accepted: accepted, rejected: rejected))
    }
}

extension String {
    /// The string without leading and trailing ASCII spaces and tabs.
    func trimmingASCIIWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first == " " || first == "\t" { scalars.removeFirst() }
        while let last = scalars.last, last == " " || last == "\t" { scalars.removeLast() }
        return String(scalars)
    }
}

/// A column of a schema-less read while it is read: numbers go to the doubles storage (NaN for blanks); values
/// that are not numbers are kept here with their rows, so that at the end the column is numeric when there are
/// none, text built from these when there are no numbers, and otherwise read again as text.
struct InferredColumn {
    /// How one row's value went.
    enum Outcome: UInt8 { case number, text, quotedEmpty }
    /// Accepted-row indices of values that are not numbers, and their text.
    var textRows: [Int32] = []
    var texts: [String] = []
    /// Accepted-row indices of quoted empty fields (`""`, kept as "" when the column is text; NaN when numeric).
    var quotedEmptyRows: [Int32] = []

    /// The column's values: numeric when no value was text; text when no value was a number; nil when
    /// both occurred (then the column must be read again as text to recover the numbers' spelling).
    func values(_ numbers: [Double]) -> AnyCSVColumn? {
        if textRows.isEmpty { return .numeric(numbers) }
        // Rows that were text or blank hold NaN; any other value is a number whose spelling was not kept.
        if numbers.contains(where: { !$0.isNaN }) { return nil }
        var values = [String?](repeating: nil, count: numbers.count)
        for row in quotedEmptyRows { values[Int(row)] = "" }
        for (row, text) in zip(textRows, texts) { values[Int(row)] = text }
        return .text(values)
    }
}

/// Which rows of a date-time column wrote their time with a UTC offset (`Z`, `±hh:mm` or `±hhmm` after the
/// time of day), by physical line, counted over every row of the file as written (rejected rows included), so
/// the clinical layer can tell a dataset that mixes the two forms. One bit per line.
public struct TimeForms: Sendable, Equatable {
    /// Bit `line` is set when the time on that physical line has an offset.
    private(set) var bits: [UInt64] = []
    /// Non-blank times with and without an offset.
    public private(set) var withOffset = 0
    public private(set) var withoutOffset = 0
    /// The first physical line whose time has an offset.
    public private(set) var firstOffsetLine: Int?

    /// Whether the time on physical `line` has an offset.
    public func hasOffset(line: Int) -> Bool {
        let word = line >> 6
        return word < bits.count && bits[word] & (1 << UInt64(line & 63)) != 0
    }

    /// Records one non-blank field (blanks around it and a trailing CR ignored).
    @inline(__always)
    mutating func record(line: Int, _ p: UnsafePointer<UInt8>, _ count: Int) {
        var start = 0, end = count
        while start < end && (p[start] == 0x20 || p[start] == 0x22) { start += 1 }
        while end > start && (p[end - 1] == 0x20 || p[end - 1] == 0x22 || p[end - 1] == 0x0D) { end -= 1 }
        guard end - start > 10 else {
            if end > start { withoutOffset += 1 }
            return
        }
        var offset = p[end - 1] == 0x5A || p[end - 1] == 0x7A
        var index = start + 16
        while !offset && index < end {
            if p[index] == 0x2B || p[index] == 0x2D { offset = true }
            index += 1
        }
        guard offset else { withoutOffset += 1; return }
        withOffset += 1
        if firstOffsetLine == nil { firstOffsetLine = line }
        let word = line >> 6
        if word >= bits.count { bits.append(contentsOf: repeatElement(0, count: word - bits.count + 1)) }
        bits[word] |= 1 << UInt64(line & 63)
    }

    /// Adds the forms of the next chunk of the same column.
    mutating func merge(_ next: TimeForms) {
        withOffset += next.withOffset
        withoutOffset += next.withoutOffset
        if firstOffsetLine == nil { firstOffsetLine = next.firstOffsetLine }
        if next.bits.count > bits.count { bits.append(contentsOf: repeatElement(0, count: next.bits.count - bits.count)) }
        for (index, word) in next.bits.enumerated() where word != 0 { bits[index] |= word }
    }
}
