import CCSV
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a large file on several cores: the file is mapped, the header is parsed first, the rest is cut into
/// chunks just after a line feed, and each chunk is tokenized by its own libcsv parser on its own thread into
/// its own typed columns, which are then joined in file order.
///
/// A cut is only trusted afterwards: the parser of the chunk before it must have ended between records (not
/// inside a quoted field that spans the cut) on exactly the line the next chunk started counting from, after
/// a line feed. When that fails for any cut the file is read again on one thread (as fread falls back when a
/// quoted field may span a boundary), so the result, row numbers in messages included, is always the one-thread
/// result, byte for byte.
enum ParallelRead {
    /// Files smaller than this are read on one thread: starting threads costs more than it saves.
    static let minimumBytes = 8 << 20

    /// Threads used for large files: the processors available, at most 2 (the memory-bound join gains little past
    /// it), or the number in the environment variable `OUTCOMES_READER_THREADS` (benchmarks compare 1 and 2).
    static let defaultThreads: Int = {
        if let text = ProcessInfo.processInfo.environment["OUTCOMES_READER_THREADS"], let threads = Int(text), threads >= 1 {
            return min(threads, 64)
        }
        return max(1, min(2, ProcessInfo.processInfo.activeProcessorCount))
    }()

    /// Reads the regular file open at `descriptor` (of `size` bytes) with `threads` chunks, or returns nil when
    /// it cannot be split safely (then the caller reads it on one thread).
    static func read(descriptor: Int32, size: Int, state initial: ParseState, threads: Int) throws(CSVError) -> ParseState? {
        guard threads > 1, size > 0 else { return nil }
        guard let mapping = mmap(nil, size, PROT_READ, MAP_PRIVATE, descriptor, 0), mapping != MAP_FAILED else { return nil }
        defer { munmap(mapping, size) }
        madvise(mapping, size, MADV_SEQUENTIAL)
        let bytes = UnsafePointer(mapping.assumingMemoryBound(to: UInt8.self))

        // Header: fed line by line until the state has it, on the main thread.
        var start = size >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF ? 3 : 0
        let header = try Tokenizer(state: initial)
        defer { header.free() }
        while !header.state.pointee.headerDone {
            guard let end = lineFeed(after: start, in: bytes, size: size) else { return nil }
            try header.feed(bytes + start, end - start)
            start = end
        }
        // The piece that completed the header must end exactly with it.
        guard header.isBetweenRecords, header.state.pointee.rowsRead == 0, header.state.pointee.lastTerminator == 0x0A,
              header.state.pointee.fatal == nil else { return nil }
        let afterHeader = header.state.pointee

        // Cuts just after a line feed near each equal share of the data.
        var bounds = [start]
        for part in 1..<threads {
            let target = start + (size - start) / threads * part
            guard let cut = lineFeed(after: max(target, bounds.last!), in: bytes, size: size), cut < size else { break }
            bounds.append(cut)
        }
        bounds.append(size)
        let chunks = bounds.count - 1
        guard chunks > 1 else { return nil }

        // Each chunk: (line it starts on, its final state or error, whether its parser ended between records).
        struct Outcome {
            var startLine = 0
            var state: ParseState?
            var error: CSVError?
            var endedBetweenRecords = false
            var endLine = 0
            var endTerminator: Int32 = 0
        }
        let outcomes = UnsafeMutableBufferPointer<Outcome>.allocate(capacity: chunks)
        outcomes.initialize(repeating: Outcome())
        defer { outcomes.deinitialize(); outcomes.deallocate() }
        let totalDataBytes = size - start
        // What the threads share: read-only except each thread's own outcome slot.
        struct Shared: @unchecked Sendable {
            let bytes: UnsafePointer<UInt8>
            let mapping: UnsafeMutableRawPointer
            let outcomes: UnsafeMutableBufferPointer<Outcome>
            let bounds: [Int]
            let afterHeader: ParseState
        }
        let shared = Shared(bytes: bytes, mapping: mapping, outcomes: outcomes, bounds: bounds, afterHeader: afterHeader)
        DispatchQueue.concurrentPerform(iterations: chunks) { index in
            let bytes = shared.bytes, mapping = shared.mapping, outcomes = shared.outcomes
            let from = shared.bounds[index], to = shared.bounds[index + 1]
            var state = shared.afterHeader
            if index > 0 {
                // The line this chunk starts on: every line break before it (LF, and CR not before LF).
                let line = 1 + lineBreaks(bytes, from)
                state.line = line
                state.recordStartLine = line
            }
            outcomes[index].startLine = state.line
            do throws(CSVError) {
                let tokenizer = try Tokenizer(state: state)
                defer { tokenizer.free() }
                let block = 1 << 20
                var position = from
                var reserved = false
                while position < to {
                    let length = min(block, to - position)
                    try tokenizer.feed(bytes + position, length)
                    position += length
                    if !reserved && tokenizer.state.pointee.rowsRead >= 64 {
                        reserved = true
                        // The first chunk's columns will receive the others': room for the whole file.
                        let share = index == 0 ? totalDataBytes : to - from
                        let estimate = Double(share) / Double(position - from) * Double(tokenizer.state.pointee.rowsRead) * 1.02
                        tokenizer.state.pointee.reserve(rows: Int(estimate) + 16)
                    }
                    // Pages already parsed are no longer needed: keep them out of the resident set.
                    dropPages(mapping, from: from, to: position)
                }
                outcomes[index].endedBetweenRecords = tokenizer.isBetweenRecords
                outcomes[index].endLine = tokenizer.state.pointee.line
                outcomes[index].endTerminator = tokenizer.state.pointee.lastTerminator
                outcomes[index].state = index == chunks - 1 ? try tokenizer.finish() : tokenizer.state.pointee
            } catch {
                outcomes[index].error = error
            }
        }

        // In file order: an error in a chunk whose start is trusted is the one-thread error.
        for index in 0..<chunks {
            if let error = outcomes[index].error { throw error }
            if index + 1 < chunks {
                let trusted = outcomes[index].endedBetweenRecords && outcomes[index].endTerminator == 0x0A
                    && outcomes[index].endLine == outcomes[index + 1].startLine
                if !trusted { return nil }
            }
        }
        var joined = outcomes[0].state!
        outcomes[0].state = nil
        for index in 1..<chunks {
            joined.append(&outcomes[index].state!)
            outcomes[index].state = nil
        }
        return joined
    }

    /// The offset just after the first line feed at or after `offset`, or nil when there is none.
    static func lineFeed(after offset: Int, in bytes: UnsafePointer<UInt8>, size: Int) -> Int? {
        guard offset < size, let found = memchr(bytes + offset, 0x0A, size - offset) else { return nil }
        return UnsafeRawPointer(found) - UnsafeRawPointer(bytes) + 1
    }

    /// Line breaks in the first `count` bytes: each LF, and each CR not followed by LF.
    static func lineBreaks(_ bytes: UnsafePointer<UInt8>, _ count: Int) -> Int {
        var breaks = 0
        var index = 0
        // Line feeds, eight bytes at a time (a byte equal to 0x0A becomes 0x80 in its lane).
        let words = count / 8
        let raw = UnsafeRawPointer(bytes)
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        while index < words {
            let word = raw.loadUnaligned(fromByteOffset: index * 8, as: UInt64.self) ^ (ones &* 0x0A)
            let zeros = ~(((word & ~highs) &+ ~highs) | word) & highs
            breaks += zeros.nonzeroBitCount
            index += 1
        }
        for offset in (words * 8)..<count where bytes[offset] == 0x0A { breaks += 1 }
        // Carriage returns are rare (CRLF or old Mac files): counted one by one only when present.
        var offset = 0
        while offset < count, let found = memchr(bytes + offset, 0x0D, count - offset) {
            let at = UnsafeRawPointer(found) - raw
            if at + 1 >= count || bytes[at + 1] != 0x0A { breaks += 1 }
            offset = at + 1
        }
        return breaks
    }

    /// Releases the whole pages of `[from, to)` of the mapping from the resident set (they stay in the page cache).
    static func dropPages(_ mapping: UnsafeMutableRawPointer, from: Int, to: Int) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let first = (from + page - 1) / page * page
        let last = to / page * page
        if last > first { madvise(mapping + first, last - first, MADV_DONTNEED) }
    }
}

extension ParseState {
    /// Appends the rows of the next chunk (a state that started from the same header), emptying it.
    mutating func append(_ next: inout ParseState) {
        let offset = Int32(accepted)
        lines.append(contentsOf: next.lines)
        next.lines = []
        for index in doubles.indices { doubles[index].append(contentsOf: next.doubles[index]); next.doubles[index] = [] }
        for index in integers.indices { integers[index].append(contentsOf: next.integers[index]); next.integers[index] = [] }
        for index in texts.indices { texts[index].append(contentsOf: next.texts[index]); next.texts[index] = [] }
        for index in inferred.indices {
            inferred[index].textRows.append(contentsOf: next.inferred[index].textRows.map { $0 + offset })
            inferred[index].texts.append(contentsOf: next.inferred[index].texts)
            inferred[index].quotedEmptyRows.append(contentsOf: next.inferred[index].quotedEmptyRows.map { $0 + offset })
        }
        for index in timeForms.indices { timeForms[index].merge(next.timeForms[index]) }
        issues.append(contentsOf: next.issues)
        rowsRead += next.rowsRead
        accepted += next.accepted
        rejected += next.rejected
        line = next.line
        recordStartLine = next.recordStartLine
        lastTerminator = next.lastTerminator
    }
}
