import CCSV
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Streaming CSV input through libcsv: the file is read in chunks and each field is parsed into its typed
/// column as it arrives, so memory grows with the typed columns rather than with the text.
///
/// RFC 4180 quoting (embedded commas, doubled quotes, line breaks inside quoted fields), LF, CRLF and CR line
/// ends and a UTF-8 byte-order mark are accepted. Quoting errors are fatal (``CSVError``); field-level problems
/// reject their row with a ``RowIssue``; blank lines are skipped but still counted for line numbers.
public enum CSVReader {
    /// Bytes read from the file per `read(2)` call.
    public static let defaultChunkBytes = 1 << 20
    /// Threads a large file is read on by default: the processors available, at most 2, or the number in the
    /// environment variable `OUTCOMES_READER_THREADS`. Callers that check the rows afterwards use as many.
    public static var defaultThreads: Int { ParallelRead.defaultThreads }
    /// libcsv's field buffer never grows past this; a longer field (in practice an unterminated quote in a
    /// big file) is a ``CSVError/fieldExceedsBuffer(file:line:limitBytes:)`` instead of unbounded memory use.
    public static let fieldBufferLimit = 256 << 20

    /// Reads the file at `path` into the columns of `schema`.
    /// - Parameters:
    ///   - path: the file to read.
    ///   - name: the name used in messages (defaults to the last path component).
    ///   - chunkBytes: bytes per read; results do not depend on it.
    ///   - threads: threads for a large file (nil: the processors available, at most 2); results do not depend on it.
    /// - Throws: ``CSVError`` when the file cannot be read as CSV at all.
    public static func read(fileAt path: String, schema: CSVSchema, name: String? = nil,
                            chunkBytes: Int = defaultChunkBytes, threads: Int? = nil) throws(CSVError) -> CSVTable {
        try readFile(path: path, file: name ?? lastComponent(path), schema: schema, chunkBytes: chunkBytes,
                     threads: threads ?? ParallelRead.defaultThreads).makeTable()
    }

    /// Reads CSV text held in memory (tests, small inputs) into the columns of `schema`.
    public static func read(bytes: [UInt8], name: String, schema: CSVSchema,
                            chunkBytes: Int = defaultChunkBytes) throws(CSVError) -> CSVTable {
        try readMemory(bytes: bytes, file: name, schema: schema, chunkBytes: chunkBytes).makeTable()
    }

    static func lastComponent(_ path: String) -> String {
        String(path.split(separator: "/").last ?? Substring(path))
    }

    /// Reads a file into a state; files of at least `parallelMinimumBytes` are split over `threads` threads
    /// when that is safe (``ParallelRead``), with the same result as one thread.
    static func readFile(path: String, file: String, schema: CSVSchema?, projection: Set<String>? = nil,
                         forcedText: Set<String> = [], chunkBytes: Int, threads: Int = ParallelRead.defaultThreads,
                         parallelMinimumBytes: Int = ParallelRead.minimumBytes) throws(CSVError) -> ParseState {
        // A FIFO or device would block or never end: refuse anything but a regular file before opening it.
        if let cause = RegularFile.cause(path) { throw .cannotOpen(file: file, reason: cause) }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw .cannotOpen(file: file, reason: FileSystemErrorText.cause(errno: errno)) }
        defer { close(descriptor) }
        var status = stat()
        let totalBytes = fstat(descriptor, &status) == 0 && status.st_size > 0 ? Int(status.st_size) : nil
        let state = ParseState(file: file, schema: schema, projection: projection, forcedText: forcedText)
        if threads > 1, let totalBytes, totalBytes >= parallelMinimumBytes,
           let result = try ParallelRead.read(descriptor: descriptor, size: totalBytes, state: state, threads: threads) {
            return result
        }
        return try run(state: state, chunkBytes: max(chunkBytes, 16), totalBytes: totalBytes) { buffer throws(CSVError) in
            var filled = 0
            while filled < buffer.count {
                let count = Glibc.read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if count < 0 {
                    if errno == EINTR { continue }
                    throw .readFailed(file: file, reason: FileSystemErrorText.cause(errno: errno))
                }
                if count == 0 { break }
                filled += count
            }
            return filled
        }
    }

    static func readMemory(bytes: [UInt8], file: String, schema: CSVSchema?, projection: Set<String>? = nil,
                           forcedText: Set<String> = [], chunkBytes: Int) throws(CSVError) -> ParseState {
        var offset = 0
        let state = ParseState(file: file, schema: schema, projection: projection, forcedText: forcedText)
        return try run(state: state, chunkBytes: max(chunkBytes, 16)) { buffer in
            let count = min(buffer.count, bytes.count - offset)
            for index in 0..<count { buffer[index] = bytes[offset + index] }
            offset += count
            return count
        }
    }

    /// The shared engine, from a fresh `state` (whose schema nil means a schema-less read) to the state after
    /// the last record. `totalBytes`, when known, lets the columns reserve their final size after the first
    /// chunk, which avoids repeated growth (copying and page faults) of large columns.
    static func run(state initial: ParseState, chunkBytes: Int, totalBytes: Int? = nil,
                    fill: (UnsafeMutableBufferPointer<UInt8>) throws(CSVError) -> Int) throws(CSVError) -> ParseState {
        let tokenizer = try Tokenizer(state: initial)
        defer { tokenizer.free() }
        let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: chunkBytes)
        defer { buffer.deallocate() }

        var first = true
        var reserved = totalBytes == nil
        var bytesSeen = 0
        while true {
            let count = try fill(buffer)
            if count == 0 { break }
            var start = 0
            if first {
                first = false
                if count >= 3 && buffer[0] == 0xEF && buffer[1] == 0xBB && buffer[2] == 0xBF { start = 3 }
            }
            try tokenizer.feed(UnsafePointer(buffer.baseAddress! + start), count - start)
            bytesSeen += count
            if !reserved, let totalBytes, tokenizer.state.pointee.rowsRead >= 64 {
                reserved = true
                let estimate = Double(totalBytes) / Double(bytesSeen) * Double(tokenizer.state.pointee.rowsRead) * 1.02
                tokenizer.state.pointee.reserve(rows: Int(estimate) + 16)
            }
        }
        return try tokenizer.finish()
    }
}

/// One libcsv parser and the state its callbacks fill, fed with consecutive pieces of one stream of bytes.
struct Tokenizer {
    let parser: UnsafeMutablePointer<csv_parser>
    let state: UnsafeMutablePointer<ParseState>
    var file: String { state.pointee.file }

    init(state initial: ParseState) throws(CSVError) {
        parser = .allocate(capacity: 1)
        let options = CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL | CSV_EMPTY_IS_NULL | CSV_REPALL_NL
        guard csv_init(parser, UInt8(options)) == 0 else {
            parser.deallocate()
            throw .readFailed(file: initial.file, reason: "libcsv could not start")
        }
        csv_set_realloc_func(parser, cappedReallocate)
        csv_set_blk_size(parser, 64 << 10)
        state = .allocate(capacity: 1)
        state.initialize(to: initial)
    }

    /// Releases the parser and the state (call once).
    func free() {
        csv_free(parser)
        parser.deallocate()
        state.deinitialize(count: 1)
        state.deallocate()
    }

    /// Whether lines without quotes or carriage returns are split here instead of by libcsv (tests turn it off
    /// to compare the two on the same input).
    nonisolated(unsafe) static var splitsPlainLines = true
    /// Whether plain lines that convert cleanly skip the per-field path (tests turn it off to compare the two).
    nonisolated(unsafe) static var usesPlainRecordParser = true

    /// Parses the next `length` bytes.
    ///
    /// A piece holding no quote and no carriage return is made of plain lines: there the fields are split at
    /// commas and line feeds directly, with libcsv's rules for unquoted fields (blanks and tabs trimmed at both
    /// ends, an empty field reported as null, a line of blanks as an empty record), and handed to the same
    /// callbacks without libcsv's copying. Everything else (quoting, CR, a line that continues in the next
    /// piece) goes through libcsv, which stays the judge of quoting.
    func feed(_ base: UnsafePointer<UInt8>, _ length: Int) throws(CSVError) {
        // A NUL byte never belongs in CSV text: parse up to it, then report the line it is on.
        var parseLength = length
        if let nul = memchr(base, 0, length) { parseLength = UnsafeRawPointer(nul) - UnsafeRawPointer(base) }
        var position = 0
        if Self.splitsPlainLines, parseLength > 0, memchr(base, 0x22, parseLength) == nil, memchr(base, 0x0D, parseLength) == nil {
            if !isBetweenRecords, let end = lineEnd(base, from: 0, to: parseLength) {
                // Finish the line libcsv holds from the previous piece.
                try parse(base, end)
                position = end
            }
            var last = parseLength - 1
            while last >= position && base[last] != 0x0A { last -= 1 }
            if isBetweenRecords, last >= position {
                let end = last + 1
                state.pointee.plainASCII = Self.isASCII(base + position, end - position)
                splitPlainLines(base + position, end - position)
                state.pointee.plainASCII = false
                if let fatal = state.pointee.fatal { throw fatal }
                position = end
            }
        }
        if position < parseLength { try parse(base + position, parseLength - position) }
        if parseLength < length { throw .binaryContent(file: file, line: state.pointee.currentLine(parser: parser)) }
    }

    /// Whether every byte is below 0x80 (eight at a time).
    static func isASCII(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Bool {
        let raw = UnsafeRawPointer(bytes)
        var bits: UInt64 = 0
        var index = 0
        while index + 8 <= count {
            bits |= raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
            index += 8
        }
        while index < count { bits |= UInt64(bytes[index]); index += 1 }
        return bits & 0x8080_8080_8080_8080 == 0
    }

    /// The offset just after the first line feed in `[from, to)`.
    private func lineEnd(_ base: UnsafePointer<UInt8>, from: Int, to: Int) -> Int? {
        guard let found = memchr(base + from, 0x0A, to - from) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(base) + 1
    }

    /// libcsv on `length` bytes.
    private func parse(_ base: UnsafePointer<UInt8>, _ length: Int) throws(CSVError) {
        let parsed = csv_parse(parser, base, length, fieldCallback, recordCallback, state)
        if let fatal = state.pointee.fatal { throw fatal }
        if parsed < length {
            let line = state.pointee.currentLine(parser: parser)
            switch csv_error(parser) {
            case CSV_EPARSE: throw .malformedQuoting(file: file, line: line, column: state.pointee.currentColumnName)
            default: throw .fieldExceedsBuffer(file: file, line: line, limitBytes: CSVReader.fieldBufferLimit)
            }
        }
    }

    /// Complete lines without quotes or CR (`bytes` ends with a line feed), split as libcsv splits unquoted fields.
    private func splitPlainLines(_ bytes: UnsafePointer<UInt8>, _ count: Int) {
        let state = self.state
        // Trailing skipped fields are only counted when nothing else about them can matter: ASCII, a schema-less
        // read (its field limit is 1 MiB) and a piece of at most 1 MiB (so no field or record can reach a limit).
        let skipsTrailing = state.pointee.plainASCII && state.pointee.isSchemaless && count <= 1 << 20
            && state.pointee.trailingSkipStart < Int.max
        // ASCII pieces after the header: lines that convert cleanly take the fast path (PlainRecordParser).
        let plainLines = state.pointee.plainASCII && Self.usesPlainRecordParser
        var plain = plainLines ? PlainRecordParser(state.pointee) : nil
        var plainTried = plain != nil || !plainLines || state.pointee.headerDone
        defer { if plain != nil { plain!.finish(into: state) } }
        var index = 0
        while index < count {
            // One line: [index, lineEnd) with bytes[lineEnd] == LF.
            var start = index
            // Leading blanks of the line (and of its first field).
            while bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            if bytes[start] == 0x0A {
                state.pointee.endRecord(0x0A)      // a line of blanks: an empty record, as libcsv reports it
                index = start + 1
                continue
            }
            if !plainTried && state.pointee.headerDone {
                // The header ended in this piece.
                plainTried = true
                plain = PlainRecordParser(state.pointee)
            }
            if plain != nil && state.pointee.fatal == nil, let next = plain!.parse(bytes, start, into: state) {
                index = next
                continue
            }
            var fieldStart = start
            var cursor = start
            while true {
                let byte = bytes[cursor]
                if byte == 0x2C || byte == 0x0A {
                    var first = fieldStart, last = cursor
                    while first < last && (bytes[first] == 0x20 || bytes[first] == 0x09) { first += 1 }
                    while last > first && (bytes[last - 1] == 0x20 || bytes[last - 1] == 0x09) { last -= 1 }
                    if last == first {
                        state.pointee.field(nil, 0)
                    } else {
                        state.pointee.field(UnsafeMutableRawPointer(mutating: bytes + first), last - first)
                    }
                    if byte == 0x0A { break }
                    fieldStart = cursor + 1
                    if skipsTrailing && state.pointee.fieldIndex >= state.pointee.trailingSkipStart {
                        // Only skipped fields remain, in ASCII without quotes: all they can change is the count.
                        var end = fieldStart
                        var commas = 0
                        let raw = UnsafeRawPointer(bytes)
                        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
                        while end + 8 <= count {
                            let word = raw.loadUnaligned(fromByteOffset: end, as: UInt64.self)
                            let feeds = word ^ (ones &* 0x0A), separators = word ^ (ones &* 0x2C)
                            if ~(((feeds & ~highs) &+ ~highs) | feeds) & highs != 0 { break }
                            commas += (~(((separators & ~highs) &+ ~highs) | separators) & highs).nonzeroBitCount
                            end += 8
                        }
                        while bytes[end] != 0x0A {
                            if bytes[end] == 0x2C { commas += 1 }
                            end += 1
                        }
                        state.pointee.fieldIndex += commas + 1
                        cursor = end
                        break
                    }
                }
                cursor += 1
            }
            state.pointee.endRecord(0x0A)
            index = cursor + 1
        }
    }

    /// Whether the parser stands between records: not inside a field, quoted or not.
    var isBetweenRecords: Bool { parser.pointee.pstate == 0 && parser.pointee.entry_pos == 0 && state.pointee.fieldIndex == 0 }

    /// Ends the stream (an open quoted field is an error) and returns the state.
    func finish() throws(CSVError) -> ParseState {
        let openFieldLine = state.pointee.recordStartLine + state.pointee.breaksInRecord
        if csv_fini(parser, fieldCallback, recordCallback, state) != 0 {
            throw .unterminatedQuote(file: file, line: openFieldLine, column: state.pointee.currentColumnName)
        }
        if let fatal = state.pointee.fatal { throw fatal }
        guard state.pointee.headerDone else { throw .emptyFile(file: file) }
        return state.pointee
    }
}

/// libcsv field callback: a global C function; the state arrives through libcsv's context pointer.
private func fieldCallback(_ data: UnsafeMutableRawPointer?, _ count: Int, _ context: UnsafeMutableRawPointer?) {
    context.unsafelyUnwrapped.assumingMemoryBound(to: ParseState.self).pointee.field(data, count)
}

/// libcsv record callback (`terminator` is the line-end byte, or -1 at the end of the file).
private func recordCallback(_ terminator: Int32, _ context: UnsafeMutableRawPointer?) {
    context.unsafelyUnwrapped.assumingMemoryBound(to: ParseState.self).pointee.endRecord(terminator)
}

/// libcsv's buffer growth, refusing to pass ``CSVReader/fieldBufferLimit``.
private func cappedReallocate(_ pointer: UnsafeMutableRawPointer?, _ size: Int) -> UnsafeMutableRawPointer? {
    size > CSVReader.fieldBufferLimit ? nil : realloc(pointer, size)
}
