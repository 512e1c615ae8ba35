import Foundation

/// What running one cell's commands produced.
public struct CellResult: Sendable, Equatable {
    public var status: Int32
    public var standardOutput: String
    public var standardError: String
    public init(status: Int32, standardOutput: String, standardError: String) {
        self.status = status
        self.standardOutput = standardOutput
        self.standardError = standardError
    }
}

extension Reports {
    /// Runs every executable cell of the notebook at `path` with `execute` and returns the notebook text with
    /// fresh outputs. Any cell whose status differs from the one its fence expects stops the run with
    /// ``NotebookError/commandFailed(path:line:status:expected:stderr:)``: an error is never written into the
    /// notebook as if it were output. Only standard output is recorded; an expected non-zero status is noted
    /// on the block's last line.
    public static func runNotebook(text: String, path: String,
                                   execute: (String) throws -> CellResult) throws -> String {
        let notebook = try Notebook(parsing: text)
        var outputs: [String] = []
        for cell in notebook.cells {
            let result = try execute(cell.commands)
            guard result.status == cell.expectedExitStatus else {
                throw NotebookError.commandFailed(path: path, line: cell.line, status: result.status,
                                                  expected: cell.expectedExitStatus, stderr: result.standardError)
            }
            var output = result.standardOutput
            if result.status != 0 {
                if !output.isEmpty && !output.hasSuffix("\n") { output += "\n" }
                output += "(exit status \(result.status))\n"
            }
            outputs.append(output)
        }
        return notebook.rendered(withOutputs: outputs)
    }

    /// `outcomes notebook run FILE`: rewrites the notebook in place (atomically, only when every cell ran as
    /// expected and something changed). Returns the number of cells run.
    @discardableResult
    public static func runNotebook(at path: String, outcomesDirectory: String) throws -> Int {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let executor = ShellCellExecutor(outcomesDirectory: outcomesDirectory)
        let fresh = try runNotebook(text: text, path: path, execute: executor.run)
        if fresh != text {
            let url = URL(fileURLWithPath: path)
            try Data(fresh.utf8).write(to: url, options: .atomic)
        }
        return try Notebook(parsing: text).cells.count
    }

    /// `outcomes notebook check FILE`: runs every cell and compares the outputs with the committed ones. Throws
    /// ``NotebookError/stale(path:cells:)`` naming the blocks that differ; never writes.
    public static func checkNotebook(at path: String, outcomesDirectory: String) throws -> Int {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let executor = ShellCellExecutor(outcomesDirectory: outcomesDirectory)
        let fresh = try runNotebook(text: text, path: path, execute: executor.run)
        let before = try Notebook(parsing: text).cells
        let after = try Notebook(parsing: fresh).cells
        let stale = zip(before, after).filter { $0.output != $1.output }.map { $0.0.line }
        if !stale.isEmpty || fresh != text {
            throw NotebookError.stale(path: path, cells: stale.isEmpty ? before.map(\.line) : stale)
        }
        return before.count
    }
}

/// Runs a cell's lines with bash (`set -e -o pipefail`), with the running `outcomes` first on the PATH, in the
/// current directory. The notebook's commands may use pipes and the usual text tools; nothing else is needed.
struct ShellCellExecutor {
    let outcomesDirectory: String

    func run(_ commands: String) throws -> CellResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", "set -e -o pipefail\n" + commands]
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = outcomesDirectory + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        environment["LC_ALL"] = "C.UTF-8"
        process.environment = environment
        process.standardInput = FileHandle.nullDevice
        let stdout = Pipe(), stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        // Read both pipes to the end before waiting, on separate threads, so a large output cannot block.
        nonisolated(unsafe) var errorData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData = stderr.fileHandleForReading.readDataToEndOfFile()
            group.leave()
        }
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CellResult(status: process.terminationStatus,
                          standardOutput: String(decoding: outputData, as: UTF8.self),
                          standardError: String(decoding: errorData, as: UTF8.self))
    }
}
