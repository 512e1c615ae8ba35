/// The fast path for one plain line (ASCII, no quote, no carriage return, after the header): its fields are
/// split and converted in one pass, and the row is committed only when every field converted cleanly. Anything
/// else (a field that does not parse, a blank required value, a wrong field count, a line near a size limit)
/// leaves no trace and the line goes through the general path (``ParseState/field(_:_:)``), which decides what
/// to report. So the result is the general path's, byte for byte.
///
/// Numbers and line numbers of accepted rows are staged in blocks of ``blockRows`` rows and appended to the
/// columns a block at a time (one bulk copy per column instead of a checked append per value); the block is
/// flushed before the general path commits anything and when the parser is released, so rows stay in file order.
struct PlainRecordParser {
    static let blockRows = 512

    private let fieldCount: Int
    private let plans: UnsafeMutablePointer<FieldPlan>
    private let doubleCount: Int
    private let integerCount: Int
    private let textCount: Int
    /// Staged values: column `c`'s value for staged row `r` at `c * blockRows + r`.
    private let doubles: UnsafeMutablePointer<Double>
    private let integers: UnsafeMutablePointer<Int32>
    private let lines: UnsafeMutablePointer<Int32>
    private var staged = 0
    /// The current row's text values (appended at once: few columns, and their values are not plain bytes).
    private let texts: UnsafeMutablePointer<String?>
    /// The previous row's bytes of each text column (up to ``reusedTextBytes``) and its length (-1: none): a
    /// value repeated from one row to the next (a patient's identifier on consecutive rows) reuses the string.
    private static let reusedTextBytes = 16
    private let lastTextBytes: UnsafeMutablePointer<UInt8>
    private let lastTextLengths: UnsafeMutablePointer<Int>
    /// Category spellings, lowercase, flattened: for category `k`, entries `spellingStarts[k]..<spellingStarts[k+1]`
    /// of (offset into `spellingBytes`, length, level).
    private let spellingBytes: UnsafeMutablePointer<UInt8>
    private let spellings: UnsafeMutablePointer<(offset: Int, count: Int, level: Int32)>
    private let spellingStarts: UnsafeMutablePointer<Int>
    /// Lines at least this long go through the general path (it checks the field and record limits).
    private let lineLimit: Int
    /// The date-time fields of the line being parsed (time-form slot, offset, length); at most two such columns.
    private var firstTime = (slot: -1, offset: 0, count: 0)
    private var secondTime = (slot: -1, offset: 0, count: 0)

    /// A parser for the rows of `state`, or nil when the fast path does not apply (header not read yet, more
    /// than two date-time columns).
    init?(_ state: ParseState) {
        guard state.headerDone, state.fatal == nil, state.timeForms.count <= 2, !state.plans.isEmpty else { return nil }
        fieldCount = state.plans.count
        plans = .allocate(capacity: fieldCount)
        plans.initialize(from: state.plans, count: fieldCount)
        doubleCount = state.scratchDoubles.count
        integerCount = state.scratchIntegers.count
        textCount = state.scratchTexts.count
        doubles = .allocate(capacity: max(doubleCount, 1) * Self.blockRows)
        integers = .allocate(capacity: max(integerCount, 1) * Self.blockRows)
        lines = .allocate(capacity: Self.blockRows)
        texts = .allocate(capacity: max(textCount, 1))
        texts.initialize(repeating: nil, count: max(textCount, 1))
        lastTextBytes = .allocate(capacity: max(textCount, 1) * Self.reusedTextBytes)
        lastTextLengths = .allocate(capacity: max(textCount, 1))
        lastTextLengths.initialize(repeating: -1, count: max(textCount, 1))
        var bytes: [UInt8] = []
        var entries: [(offset: Int, count: Int, level: Int32)] = []
        var starts = [0]
        for category in state.categories {
            for spelling in category.spellings {
                entries.append((bytes.count, spelling.bytes.count, spelling.level))
                bytes.append(contentsOf: spelling.bytes)
            }
            starts.append(entries.count)
        }
        spellingBytes = .allocate(capacity: max(bytes.count, 1))
        spellingBytes.initialize(from: bytes, count: bytes.count)
        spellings = .allocate(capacity: max(entries.count, 1))
        spellings.initialize(from: entries, count: entries.count)
        spellingStarts = .allocate(capacity: starts.count)
        spellingStarts.initialize(from: starts, count: starts.count)
        lineLimit = min(state.maxFieldBytes, CSVLimits.maximumRecordBytes) - 1
    }

    /// Appends the staged rows to the columns of `state`.
    mutating func flush(into state: UnsafeMutablePointer<ParseState>) {
        guard staged > 0 else { return }
        state.pointee.lines.append(contentsOf: UnsafeBufferPointer(start: lines, count: staged))
        for column in 0..<doubleCount {
            state.pointee.doubles[column].append(contentsOf: UnsafeBufferPointer(start: doubles + column * Self.blockRows, count: staged))
        }
        for column in 0..<integerCount {
            state.pointee.integers[column].append(contentsOf: UnsafeBufferPointer(start: integers + column * Self.blockRows, count: staged))
        }
        staged = 0
    }

    /// Flushes the staged rows into `state` and releases the parser (call once).
    mutating func finish(into state: UnsafeMutablePointer<ParseState>) {
        flush(into: state)
        plans.deallocate()
        doubles.deallocate()
        integers.deallocate()
        lines.deallocate()
        texts.deinitialize(count: max(textCount, 1))
        texts.deallocate()
        lastTextBytes.deallocate()
        lastTextLengths.deallocate()
        spellingBytes.deallocate()
        spellings.deallocate()
        spellingStarts.deallocate()
    }

    /// The level of category `category` spelled by `count` bytes at `p` (ASCII case ignored), or nil.
    @inline(__always)
    private func level(_ category: Int, _ p: UnsafePointer<UInt8>, _ count: Int) -> Int32? {
        var entry = spellingStarts[category]
        let end = spellingStarts[category + 1]
        while entry < end {
            let spelling = spellings[entry]
            entry += 1
            guard spelling.count == count else { continue }
            let expected = spellingBytes + spelling.offset
            var index = 0
            while index < count {
                var byte = p[index]
                if byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
                if byte != expected[index] { break }
                index += 1
            }
            if index == count { return spelling.level }
        }
        return nil
    }

    /// The text of text slot `slot`: the previous row's string when the bytes repeat it.
    @inline(__always)
    private func text(_ slot: Int, _ p: UnsafePointer<UInt8>, _ count: Int) -> String {
        let saved = lastTextBytes + slot * Self.reusedTextBytes
        if lastTextLengths[slot] == count, let previous = texts[slot] {
            var index = 0
            while index < count && saved[index] == p[index] { index += 1 }
            if index == count { return previous }
        }
        if count <= Self.reusedTextBytes {
            saved.update(from: p, count: count)
            lastTextLengths[slot] = count
        } else {
            lastTextLengths[slot] = -1
        }
        return String(decoding: UnsafeBufferPointer(start: p, count: count), as: UTF8.self)
    }

    /// Parses the line whose first field starts at `start` (leading blanks skipped; the line ends with a line
    /// feed) and commits its row to `state`. Returns the offset just after the line feed, or nil when the line
    /// must go through the general path (the staged rows are flushed first; nothing else has changed then).
    @inline(__always)
    mutating func parse(_ bytes: UnsafePointer<UInt8>, _ start: Int, into state: UnsafeMutablePointer<ParseState>) -> Int? {
        if let next = convert(bytes, start, into: state) { return next }
        flush(into: state)
        // The general path will set the text slots again; forget the values kept for reuse.
        for slot in 0..<textCount { lastTextLengths[slot] = -1 }
        return nil
    }

    @inline(__always)
    private mutating func convert(_ bytes: UnsafePointer<UInt8>, _ start: Int, into state: UnsafeMutablePointer<ParseState>) -> Int? {
        firstTime.slot = -1
        secondTime.slot = -1
        var cursor = start
        var position = 0
        let row = staged
        while true {
            var stop = cursor
            while bytes[stop] != 0x2C && bytes[stop] != 0x0A { stop += 1 }
            guard position < fieldCount else { return nil }
            let plan = plans[position]
            if plan.kind != .skip {
                // libcsv's rule for unquoted fields: blanks and tabs trimmed at both ends.
                var first = cursor, last = stop
                while first < last && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
                while last > first && (bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09) { last -= 1 }
                let count = last - first
                let p = bytes + first
                if count == 0 {
                    if plan.required { return nil }
                    switch plan.kind {
                    case .double, .dateTime, .inferred: doubles[plan.storage * Self.blockRows + row] = .nan
                    case .integer, .category: integers[plan.storage * Self.blockRows + row] = IntegerColumn.missing
                    case .text: texts[plan.storage] = nil; lastTextLengths[plan.storage] = -1
                    case .skip: break
                    }
                } else {
                    switch plan.kind {
                    case .integer:
                        guard case .value(let value) = FieldParsers.parseInteger(p, count) else { return nil }
                        integers[plan.storage * Self.blockRows + row] = value
                    case .double, .inferred:
                        guard let value = DecimalNumbers.parse(p, count), value.isFinite else { return nil }
                        doubles[plan.storage * Self.blockRows + row] = value
                    case .dateTime:
                        guard let value = ISO8601.seconds(p, count) else { return nil }
                        doubles[plan.storage * Self.blockRows + row] = value
                        if firstTime.slot < 0 {
                            firstTime = (plan.category, first, count)
                        } else {
                            secondTime = (plan.category, first, count)
                        }
                    case .category:
                        guard let level = level(plan.category, p, count) else { return nil }
                        integers[plan.storage * Self.blockRows + row] = level
                    case .text:
                        texts[plan.storage] = text(plan.storage, p, count)
                    case .skip:
                        break
                    }
                }
            }
            position += 1
            if bytes[stop] == 0x0A {
                guard position == fieldCount, stop - start < lineLimit else { return nil }
                let line = state.pointee.recordStartLine
                lines[row] = Int32(truncatingIfNeeded: line)
                staged += 1
                state.pointee.commitPlainRecord(texts: texts, textCount)
                if firstTime.slot >= 0 { state.pointee.timeForms[firstTime.slot].record(line: line, bytes + firstTime.offset, firstTime.count) }
                if secondTime.slot >= 0 { state.pointee.timeForms[secondTime.slot].record(line: line, bytes + secondTime.offset, secondTime.count) }
                state.pointee.finishPlainRecord()
                if staged == Self.blockRows { flush(into: state) }
                return stop + 1
            }
            cursor = stop + 1
        }
    }
}

extension ParseState {
    /// Counts a row converted by ``PlainRecordParser`` and appends its texts (its numbers are staged).
    @inline(__always)
    mutating func commitPlainRecord(texts values: UnsafePointer<String?>, _ textCount: Int) {
        rowsRead += 1
        accepted += 1
        for index in 0..<textCount { texts[index].append(values[index]) }
    }

    /// Moves past a plain record's line feed (what ``endRecord(_:)`` does after an accepted row).
    @inline(__always)
    mutating func finishPlainRecord() {
        line += 1
        recordStartLine = line
        breaksInRecord = 0
        recordBytes = 0
        fieldIndex = 0
        lastTerminator = 0x0A
    }
}

extension ISO8601 {
    /// Seconds since 1970 for the commonest shapes, `YYYY-MM-DD` and `YYYY-MM-DDTHH:MM:SS` (`T` or a space), read
    /// straight into an integer; nil for any other shape or any field out of range (then ``parse(_:_:)`` decides
    /// and explains). Where both apply the two agree exactly.
    @inline(__always)
    static func seconds(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        guard count == 10 || count == 19 else {
            if case .seconds(let value) = parse(p, count) { return value }
            return nil
        }
        @inline(__always) func two(_ at: Int) -> Int {
            let high = Int(p[at]) &- 48, low = Int(p[at + 1]) &- 48
            return UInt(bitPattern: high) < 10 && UInt(bitPattern: low) < 10 ? high * 10 + low : -1
        }
        let century = two(0), yearOfCentury = two(2), month = two(5), day = two(8)
        guard century >= 0, yearOfCentury >= 0, month >= 1, month <= 12, day >= 1, p[4] == 0x2D, p[7] == 0x2D else { return nil }
        let year = century * 100 + yearOfCentury
        guard day <= 28 || day <= daysInMonth(year: year, month: month) else { return nil }
        var secondOfDay = 0
        if count == 19 {
            let hour = two(11), minute = two(14), second = two(17)
            guard p[10] == 0x54 || p[10] == 0x74 || p[10] == 0x20, p[13] == 0x3A, p[16] == 0x3A,
                  hour >= 0, hour <= 23, minute >= 0, minute <= 59, second >= 0, second <= 59 else { return nil }
            secondOfDay = hour * 3600 + minute * 60 + second
        }
        return Double(daysSinceEpoch(year: year, month: month, day: day) * 86_400 + secondOfDay)
    }
}
