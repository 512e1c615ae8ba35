import Testing
@testable import OutcomesReports

@Suite struct NotebookTests {
    static let text = """
    # Title

    Prose before.

    ```outcomes
    outcomes validate data
    ```

    ```text
    old output
    ```

    More prose.

    ```outcomes exit=1
    outcomes claims data --fail-on contradicted
    ```
    Tail prose.
    ```sh
    not executed
    ```

    """

    @Test func parsesExecutableCellsWithTheirOutputsAndExpectedStatus() throws {
        let notebook = try Notebook(parsing: Self.text)
        #expect(notebook.cells.count == 2)
        #expect(notebook.cells[0].commands == "outcomes validate data\n")
        #expect(notebook.cells[0].output == "old output\n")
        #expect(notebook.cells[0].line == 5)
        #expect(notebook.cells[1].expectedExitStatus == 1)
        #expect(notebook.cells[1].output == nil)
    }

    @Test func roundTripKeepsTheTextWhenOutputsAreUnchanged() throws {
        let complete = try Notebook(parsing: Self.text).rendered(withOutputs: ["old output\n", "x\n"])
        #expect(try Notebook(parsing: complete).renderedWithCurrentOutputs() == complete)
        #expect(complete.contains("Prose before.") && complete.contains("```sh\nnot executed\n```"))
    }

    @Test func runWritesStandardOutputIntoTheFollowingBlockAndCreatesMissingOnes() throws {
        let fresh = try Reports.runNotebook(text: Self.text, path: "nb.md") { commands in
            commands.contains("claims")
                ? CellResult(status: 1, standardOutput: "2 contradicted\n", standardError: "claims: 2 contradicted\n")
                : CellResult(status: 0, standardOutput: "clean\n", standardError: "")
        }
        #expect(fresh.contains("```outcomes\noutcomes validate data\n```\n\n```text\nclean\n```"))
        #expect(fresh.contains("```text\n2 contradicted\n(exit status 1)\n```\nTail prose."))
        #expect(!fresh.contains("old output"))
    }

    @Test func aFailingCellFailsTheRunAndItsErrorIsNeverOutput() throws {
        #expect(throws: NotebookError.self) {
            _ = try Reports.runNotebook(text: Self.text, path: "nb.md") { _ in
                CellResult(status: 2, standardOutput: "", standardError: "error: no such folder\n")
            }
        }
        do {
            _ = try Reports.runNotebook(text: Self.text, path: "nb.md") { _ in
                CellResult(status: 2, standardOutput: "partial", standardError: "error: no such folder\n")
            }
        } catch let error as NotebookError {
            #expect(error.description.contains("nb.md:5") && error.description.contains("no such folder"))
        }
    }

    @Test func unclosedBlocksAndBadFencesAreErrors() {
        #expect(throws: NotebookError.unclosedBlock(line: 1)) { _ = try Notebook(parsing: "```outcomes\noutcomes x\n") }
        #expect(throws: NotebookError.badFence(line: 1, text: "```outcomes now")) {
            _ = try Notebook(parsing: "```outcomes now\nx\n```\n")
        }
    }

    @Test func theShellExecutorRunsBashWithPipesAndReportsStatus() throws {
        let executor = ShellCellExecutor(outcomesDirectory: "/nonexistent")
        let ok = try executor.run("printf 'a\\nb\\nc\\n' | sed -n 2p\n")
        #expect(ok == CellResult(status: 0, standardOutput: "b\n", standardError: ""))
        let failed = try executor.run("false | cat\necho never\n")
        #expect(failed.status == 1 && failed.standardOutput.isEmpty)
    }
}
