import Foundation

/// Where a report came from: the tool's version, each input file's SHA-256 and row count, the plan's SHA-256
/// and the command line. No timestamps, so the same inputs give the same bytes.
public struct Provenance: Sendable, Equatable {
    public struct Input: Sendable, Equatable {
        public var name: String
        public var sha256: String
        /// Data rows (lines after the header), or nil for a file that is not a table.
        public var rows: Int?
    }

    public var toolVersion: String
    public var inputs: [Input]
    public var planSHA256: String?
    public var commandLine: String

    public init(toolVersion: String, inputs: [Input], planSHA256: String?, commandLine: String) {
        self.toolVersion = toolVersion
        self.inputs = inputs
        self.planSHA256 = planSHA256
        self.commandLine = commandLine
    }

    /// Digests and counts each file (named by its last path component, so the practice's folder layout does
    /// not leave with the report). Rows are counted for `.csv` files as records after the header; a quoted
    /// field holding a newline is not counted twice.
    public static func describing(files: [String], plan: String?, commandLine: [String], toolVersion: String) throws -> Provenance {
        // Each file is read and digested on its own thread (in its own slot, so the order is the files').
        var results = [Result<Input, Error>?](repeating: nil, count: files.count)
        results.withUnsafeMutableBufferPointer { slots in
            let out = ProvenanceSlots(buffer: slots)
            DispatchQueue.concurrentPerform(iterations: files.count) { k in
                out.buffer[k] = Result {
                    let data = try Data(contentsOf: URL(fileURLWithPath: files[k]), options: .alwaysMapped)
                    let name = URL(fileURLWithPath: files[k]).lastPathComponent
                    return data.withUnsafeBytes { bytes in
                        Input(name: name, sha256: SHA256.hex(of: bytes), rows: name.hasSuffix(".csv") ? csvRecordCount(bytes) - 1 : nil)
                    }
                }
            }
        }
        let inputs = try results.map { try $0!.get() }
        let planDigest = try plan.map { SHA256.hex(of: [UInt8](try Data(contentsOf: URL(fileURLWithPath: $0)))) }
        return Provenance(toolVersion: toolVersion, inputs: inputs, planSHA256: planDigest,
                          commandLine: commandLine.map(shellQuoted).joined(separator: " "))
    }

    /// Records in CSV bytes: line ends outside quotes, plus a last line without one.
    static func csvRecordCount(_ bytes: [UInt8]) -> Int { bytes.withUnsafeBytes { csvRecordCount($0) } }

    static func csvRecordCount(_ bytes: UnsafeRawBufferPointer) -> Int {
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), !bytes.isEmpty else { return 0 }
        let end = bytes.count, quote = Int32(UInt8(ascii: "\""))
        // Jump from quote to quote; only line ends outside quotes count, and those runs are counted in a tight loop.
        var records = 0, position = 0, inQuotes = false, lastLineStart = 0
        while position < end {
            let next = memchr(base + position, quote, end - position).map { UnsafePointer($0.assumingMemoryBound(to: UInt8.self)) - base } ?? end
            if !inQuotes && next > position {
                var newlines = 0
                for i in position..<next where base[i] == UInt8(ascii: "\n") { newlines += 1 }
                if newlines > 0 {
                    records += newlines
                    var last = next - 1
                    while base[last] != UInt8(ascii: "\n") { last -= 1 }
                    lastLineStart = last + 1
                }
            }
            if next < end { inQuotes.toggle() }
            position = next + 1
        }
        // A last line without a line end counts when it holds anything but carriage returns.
        let lastLineHasContent = (lastLineStart..<end).contains { base[$0] != UInt8(ascii: "\r") }
        return records + (lastLineHasContent ? 1 : 0)
    }

    static func shellQuoted(_ word: String) -> String {
        let safe = word.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "-_./=:,+@%".unicodeScalars.contains($0) }
        return safe && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The provenance section as Markdown lines (a heading, a table of inputs, the plan and command).
    public func markdown(heading: String = "## Provenance") -> [String] {
        var lines = [heading, "", "Made by `outcomes` \(toolVersion). Inputs, by SHA-256 (compare with `sha256sum FILE`):", "",
                     "| file | SHA-256 | rows |", "|---|---|---|"]
        for input in inputs { lines.append("| \(input.name) | `\(input.sha256)` | \(input.rows.map(String.init) ?? "") |") }
        lines.append("")
        lines.append(planSHA256.map { "Plan file SHA-256: `\($0)`." } ?? "Plan: the defaults of this version (no plan file).")
        lines.append("")
        lines.append("Command line: `\(commandLine)`")
        return lines
    }
}

/// Slots the concurrent digests each write one of.
private struct ProvenanceSlots<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
}
