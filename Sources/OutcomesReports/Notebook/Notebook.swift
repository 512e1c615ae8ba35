/// A Markdown notebook: prose with fenced ```` ```outcomes ```` blocks whose commands are run, each followed by
/// a fenced ```` ```text ```` block holding what the commands printed.
///
/// The notebook is split into segments so that running it rewrites only the output blocks: everything else,
/// byte for byte, stays as written. An executable block's fence may carry `exit=N` (`` ```outcomes exit=1 ``)
/// when the commands are expected to end with status N (a `--fail-on` demonstration); any other status fails
/// the run.
public struct Notebook: Sendable, Equatable {
    /// One executable block: its commands, the status they must end with, and where its output block lies.
    public struct Cell: Sendable, Equatable {
        /// The block's body: shell lines in which `outcomes` names this tool.
        public var commands: String
        public var expectedExitStatus: Int32
        /// 1-based line of the opening fence, for messages.
        public var line: Int
        /// The text of the output block that follows, or nil when there is none yet.
        public var output: String?
    }

    enum Segment: Sendable, Equatable {
        case prose(String)
        case cell(Cell, fenceLine: String)
    }

    var segments: [Segment]

    public var cells: [Cell] {
        segments.compactMap { if case .cell(let cell, _) = $0 { return cell } else { return nil } }
    }

    /// Parses notebook text. Throws when an executable block is never closed.
    public init(parsing text: String) throws {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var segments: [Segment] = []
        var prose: [String] = []
        var index = 0
        func flushProse() {
            if !prose.isEmpty { segments.append(.prose(prose.joined(separator: "\n"))); prose = [] }
        }
        while index < lines.count {
            let line = lines[index]
            guard let expected = try Notebook.executableFence(line, line: index + 1) else {
                prose.append(line); index += 1; continue
            }
            let opening = index
            var body: [String] = []
            index += 1
            while index < lines.count && lines[index] != "```" { body.append(lines[index]); index += 1 }
            guard index < lines.count else { throw NotebookError.unclosedBlock(line: opening + 1) }
            index += 1
            // The output block is the next fenced ```text block, separated by blank lines only.
            var probe = index
            while probe < lines.count && lines[probe].isEmpty { probe += 1 }
            var output: String?
            if probe < lines.count && lines[probe] == "```text" {
                var end = probe + 1
                var captured: [String] = []
                while end < lines.count && lines[end] != "```" { captured.append(lines[end]); end += 1 }
                guard end < lines.count else { throw NotebookError.unclosedBlock(line: probe + 1) }
                output = captured.isEmpty ? "" : captured.joined(separator: "\n") + "\n"
                index = end + 1
            }
            flushProse()
            let cell = Cell(commands: body.joined(separator: "\n") + "\n", expectedExitStatus: expected,
                            line: opening + 1, output: output)
            segments.append(.cell(cell, fenceLine: line))
        }
        flushProse()
        self.segments = segments
    }

    /// The exit status an opening fence expects, or nil when the line does not open an executable block.
    static func executableFence(_ line: String, line number: Int) throws -> Int32? {
        guard line.hasPrefix("```outcomes") else { return nil }
        let attributes = line.dropFirst("```outcomes".count).split(separator: " ")
        var status: Int32 = 0
        for attribute in attributes {
            guard attribute.hasPrefix("exit="), let value = Int32(attribute.dropFirst(5)) else {
                throw NotebookError.badFence(line: number, text: line)
            }
            status = value
        }
        return status
    }

    /// The notebook text with every cell's output block replaced by `outputs[i]` (in cell order).
    public func rendered(withOutputs outputs: [String]) -> String {
        precondition(outputs.count == cells.count, "one output per cell")
        var pieces: [String] = []
        var next = 0
        for segment in segments {
            switch segment {
            case .prose(let text):
                pieces.append(text)
            case .cell(let cell, let fence):
                var output = outputs[next]
                next += 1
                if !output.isEmpty && !output.hasSuffix("\n") { output += "\n" }
                pieces.append(fence + "\n" + cell.commands + "```\n\n```text\n" + output + "```")
            }
        }
        return pieces.joined(separator: "\n")
    }

    /// The text as parsed, with outputs unchanged (a round trip for notebooks whose cells all have outputs).
    public func renderedWithCurrentOutputs() -> String {
        rendered(withOutputs: cells.map { $0.output ?? "" })
    }
}

public enum NotebookError: Error, Equatable, CustomStringConvertible {
    case unclosedBlock(line: Int)
    case badFence(line: Int, text: String)
    case commandFailed(path: String, line: Int, status: Int32, expected: Int32, stderr: String)
    case stale(path: String, cells: [Int])

    public var description: String {
        switch self {
        case .unclosedBlock(let line):
            return "the fenced block opened at line \(line) is never closed"
        case .badFence(let line, let text):
            return "line \(line): '\(text)' is not an executable fence; write ```outcomes or ```outcomes exit=N"
        case .commandFailed(let path, let line, let status, let expected, let stderr):
            let reason = stderr.split(separator: "\n").last.map(String.init) ?? "no message"
            return "\(path):\(line): the block ended with exit status \(status) (expected \(expected)): \(reason); the notebook was not changed"
        case .stale(let path, let cells):
            return "\(path): the output of \(cells.count) block(s) is stale (blocks at line \(cells.map(String.init).joined(separator: ", "))); run `outcomes notebook run \(path)`"
        }
    }
}
