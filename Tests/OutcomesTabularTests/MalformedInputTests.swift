import Foundation
import Testing
@testable import OutcomesTabular

/// One test per committed malformed-input fixture, each checking the exact error or issue.
@Suite struct MalformedInputTests {
    @Test func unterminatedQuoteNamesTheLineWhereTheQuoteOpened() {
        let error = readError { _ = try CSVReader.read(fileAt: malformedFixture("unterminated_quote.csv"), schema: simpleSchema) }
        #expect(error == .unterminatedQuote(file: "unterminated_quote.csv", line: 3, column: "score"))
    }

    @Test func quoteInsideUnquotedFieldIsMalformedQuoting() {
        let error = readError { _ = try CSVReader.read(fileAt: malformedFixture("malformed_quote.csv"), schema: simpleSchema) }
        #expect(error == .malformedQuoting(file: "malformed_quote.csv", line: 3, column: "score"))
    }

    @Test func raggedRowsAreRejectedWithTheirLines() throws {
        let table = try CSVReader.read(fileAt: malformedFixture("ragged_rows.csv"), schema: simpleSchema)
        #expect(table.accounting == RowAccounting(rowsRead: 4, accepted: 2, rejected: 2))
        #expect(table.issues == [
            RowIssue(file: "ragged_rows.csv", line: 3, column: nil, value: "", reason: .wrongFieldCount(expected: 2, found: 3)),
            RowIssue(file: "ragged_rows.csv", line: 4, column: nil, value: "", reason: .wrongFieldCount(expected: 2, found: 1)),
        ])
        #expect(table.texts("id") == ["p1", "p4"])
        #expect(table.doubles("score") == [1, 4])
        #expect(table.lines == [2, 5])
    }

    @Test func emptyFileIsAnError() {
        let error = readError { _ = try CSVReader.read(fileAt: malformedFixture("empty.csv"), schema: simpleSchema) }
        #expect(error == .emptyFile(file: "empty.csv"))
    }

    @Test func headerOnlyGivesZeroRows() throws {
        let table = try CSVReader.read(fileAt: malformedFixture("header_only.csv"), schema: simpleSchema)
        #expect(table.accounting == RowAccounting(rowsRead: 0, accepted: 0, rejected: 0))
        #expect(table.columns == [.text([]), .double([])])
    }

    @Test func invalidUTF8InTextFieldRejectsTheRow() throws {
        let table = try CSVReader.read(fileAt: malformedFixture("invalid_utf8.csv"), schema: simpleSchema)
        #expect(table.accounting == RowAccounting(rowsRead: 2, accepted: 1, rejected: 1))
        #expect(table.issues == [RowIssue(file: "invalid_utf8.csv", line: 3, column: "id", value: "p\u{FFFD}\u{FFFD}2", reason: .invalidUTF8)])
    }

    @Test func binaryGarbageIsAnErrorAtItsLine() {
        let error = readError { _ = try CSVReader.read(fileAt: malformedFixture("binary_garbage.csv"), schema: simpleSchema) }
        #expect(error == .binaryContent(file: "binary_garbage.csv", line: 3))
    }

    @Test func nanAndInfinityAreRejectedInNumericColumns() throws {
        let table = try CSVReader.read(fileAt: malformedFixture("nan_in_numeric.csv"), schema: simpleSchema)
        #expect(table.accounting == RowAccounting(rowsRead: 5, accepted: 1, rejected: 4))
        let file = "nan_in_numeric.csv"
        #expect(table.issues == [
            RowIssue(file: file, line: 2, column: "score", value: "NaN", reason: .notFinite),
            RowIssue(file: file, line: 3, column: "score", value: "inf", reason: .notFinite),
            RowIssue(file: file, line: 4, column: "score", value: "-Infinity", reason: .notFinite),
            RowIssue(file: file, line: 5, column: "score", value: "abc", reason: .notANumber),
        ])
        #expect(table.doubles("score") == [2.5])
    }

    @Test func duplicateHeadersAreAnErrorEvenWhenCaseDiffers() {
        let error = readError { _ = try CSVReader.read(fileAt: malformedFixture("duplicate_headers.csv"), schema: simpleSchema) }
        #expect(error == .duplicateColumn(file: "duplicate_headers.csv", line: 1, name: "score", positions: [2, 3]))
    }

    @Test func impossibleAndMalformedDatesAreRejectedWithReasons() throws {
        let schema = CSVSchema([CSVColumn("id", .text), CSVColumn("when", .dateTime)])
        let table = try CSVReader.read(fileAt: malformedFixture("impossible_date.csv"), schema: schema)
        let file = "impossible_date.csv"
        #expect(table.accounting == RowAccounting(rowsRead: 4, accepted: 1, rejected: 3))
        #expect(table.issues == [
            RowIssue(file: file, line: 2, column: "when", value: "2026-02-30",
                     reason: .impossibleDate(detail: "day 30 does not exist in February 2026 (28 days)")),
            RowIssue(file: file, line: 4, column: "when", value: "2025-03-04T25:00", reason: .impossibleDate(detail: "hour 25 does not exist")),
            RowIssue(file: file, line: 5, column: "when", value: "03/04/2025", reason: .malformedDate(detail: ISO8601.expectedShape)),
        ])
        #expect(table.dateTimes("when") == [1_709_193_600]) // 2024-02-29T08:00Z from Python's datetime; exact
    }

    @Test func crlfBomAndEmbeddedNewlinesAreValid() throws {
        let table = try CSVReader.read(fileAt: malformedFixture("valid_crlf_bom_embedded_newline.csv"), schema: fullSchema)
        #expect(table.issues.isEmpty)
        #expect(table.accounting == RowAccounting(rowsRead: 4, accepted: 4, rejected: 0))
        #expect(table.lines == [2, 4, 5, 7])
        #expect(table.texts("id") == ["p1", "p2", "p,3", "p4"])
        #expect(table.headerName("score") == "Score")
        // Exact comparisons: every value is a short decimal that parses exactly.
        #expect(table.doubles("score").map { $0.isNaN ? -99 : $0 } == [1.5, -99, 2.25, -0.5])
        #expect(table.integers("count") == [3, IntegerColumn.missing, 4, 0])
        // Epoch seconds from Python's datetime.fromisoformat(...).timestamp(); exact.
        #expect(table.dateTimes("when").map { $0.isNaN ? -1 : $0 } == [1_741_080_600, -1, 1_741_132_800, 1_741_251_600])
        #expect(table.categories("group") == [0, IntegerColumn.missing, 1, 0])
        #expect(table.texts("note") == ["line one\r\nline two", "", "say \"hi\"", "plain"])
    }

    @Test func tenMegabyteFieldRejectsItsRowWithoutCrashing() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tabular-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("huge.csv").path
        var bytes = Array("id,score\np1,1\n\"".utf8)
        bytes += Array(repeating: UInt8(ascii: "x"), count: 10 << 20)
        bytes += Array("\",2\np3,3\n".utf8)
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes)))

        let table = try CSVReader.read(fileAt: path, schema: simpleSchema)
        #expect(table.accounting == RowAccounting(rowsRead: 3, accepted: 2, rejected: 1))
        #expect(table.issues.count == 1)
        #expect(table.issues.first?.line == 3)
        #expect(table.issues.first?.column == "id")
        #expect(table.issues.first?.reason == .fieldTooLong(bytes: 10 << 20, limit: 1 << 20))

        var generous = simpleSchema
        generous.maxFieldBytes = 16 << 20
        let accepted = try CSVReader.read(fileAt: path, schema: generous)
        #expect(accepted.accounting == RowAccounting(rowsRead: 3, accepted: 3, rejected: 0))
        #expect(accepted.texts("id")[1]?.utf8.count == 10 << 20)
    }
}
