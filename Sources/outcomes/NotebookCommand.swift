import ArgumentParser
import Foundation
import InfusionOutcomes

/// `outcomes notebook run|check FILE`: executable Markdown notebooks without Python.
struct NotebookCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notebook",
        abstract: "Run the ```outcomes blocks of a Markdown notebook, or check that their committed outputs are current.",
        discussion: """
        Each ```outcomes block is run with bash (set -e -o pipefail) from the current directory, with this \
        `outcomes` first on the PATH; its standard output replaces the ```text block that follows it. A block \
        that ends with a status other than 0 (or the N of ```outcomes exit=N) fails the run and nothing is written.
        Exit status: 0 done or current; 1 stale outputs (check); 2 a block failed or the file could not be read.
        """,
        subcommands: [Run.self, Check.self]
    )

    /// The directory holding the running `outcomes` binary, put first on the notebook's PATH.
    static var outcomesDirectory: String {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        return URL(fileURLWithPath: executable).deletingLastPathComponent().path
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run every block and write the outputs into the notebook.")
        @Argument(help: "Markdown notebook files.") var files: [String]

        func run() throws {
            for file in files {
                do {
                    let cells = try Reports.runNotebook(at: file, outcomesDirectory: NotebookCommand.outcomesDirectory)
                    print("\(file): \(cells) block(s) run")
                } catch {
                    printError("notebook run: \(error)")
                    throw ExitCode(2)
                }
            }
        }
    }

    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Exit 1 when a committed output differs from a fresh run.")
        @Argument(help: "Markdown notebook files.") var files: [String]

        func run() throws {
            var stale = false
            for file in files {
                do {
                    let cells = try Reports.checkNotebook(at: file, outcomesDirectory: NotebookCommand.outcomesDirectory)
                    print("\(file): \(cells) block(s) current")
                } catch let error as NotebookError {
                    if case .stale = error { printError("notebook check: \(error)"); stale = true; continue }
                    printError("notebook check: \(error)")
                    throw ExitCode(2)
                } catch {
                    printError("notebook check: \(file): \(error)")
                    throw ExitCode(2)
                }
            }
            if stale { throw ExitCode(1) }
        }
    }
}
