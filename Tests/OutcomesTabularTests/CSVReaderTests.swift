import Testing
@testable import OutcomesTabular

@Suite struct CSVReaderTests {
    @Test(arguments: [16, 17, 64, 1 << 20])
    func resultsDoNotDependOnChunkSize(chunkBytes: Int) throws {
        let path = malformedFixture("valid_crlf_bom_embedded_newline.csv")
        let reference = try CSVReader.read(fileAt: path, schema: fullSchema)
        let chunked = try CSVReader.read(fileAt: path, schema: fullSchema, chunkBytes: chunkBytes)
        #expect(chunked.lines == reference.lines)
        #expect(chunked.texts("note") == reference.texts("note"))
        #expect(chunked.integers("count") == reference.integers("count"))
        #expect(chunked.accounting == reference.accounting)
    }

    @Test func aliasesAndCaseInsensitiveHeadersMatch() throws {
        let text = "TIME,ID,group,count,score\n2025-01-01,x,BEE,2,3\n"
        let table = try CSVReader.read(bytes: Array(text.utf8), name: "t.csv", schema: fullSchema)
        #expect(table.issues.isEmpty)
        #expect(table.headerName("when") == "TIME")
        #expect(table.categories("group") == [1])
        #expect(table.texts("note") == [nil]) // optional column absent: all missing
    }

    @Test func missingRequiredColumnIsAnError() {
        let error = readError { _ = try CSVReader.read(bytes: Array("id,count\nx,1\n".utf8), name: "m.csv", schema: fullSchema) }
        #expect(error == .missingColumns(file: "m.csv", names: ["score", "when", "group"]))
    }

    @Test func extraColumnsAreKeptWithAWarning() throws {
        let table = try CSVReader.read(bytes: Array("id,comment,score\nx,hello,1\ny,,2\n".utf8), name: "e.csv", schema: simpleSchema)
        #expect(table.warnings == [.extraColumn(file: "e.csv", name: "comment", position: 2)])
        #expect(table.extraColumns == [CSVExtraColumn(name: "comment", position: 2, values: ["hello", nil])])
    }

    @Test func blankRequiredAndBadValuesAreAllReportedForOneRow() throws {
        let text = "id,score,count,when,group\n,x,2.5,2025-01-01,c\n\"\",1,1,,a\n"
        let table = try CSVReader.read(bytes: Array(text.utf8), name: "b.csv", schema: fullSchema)
        #expect(table.accounting == RowAccounting(rowsRead: 2, accepted: 0, rejected: 2))
        #expect(table.issues.map(\.reason) == [
            .missingRequiredValue, .notANumber, .notAnInteger, .notAllowed(accepted: ["a", "b", "bee"]), .missingRequiredValue,
        ])
        #expect(table.issues.map(\.line) == [2, 2, 2, 2, 3])
        #expect(table.issues.map(\.column) == ["id", "score", "count", "group", "id"])
    }

    @Test func blankLinesAndLoneCarriageReturnsCountAsLines() throws {
        let text = "id,score\r\r\np1,1\n\n\np2,2\rp3,3"
        let table = try CSVReader.read(bytes: Array(text.utf8), name: "l.csv", schema: simpleSchema)
        #expect(table.lines == [3, 6, 7])
    }

    @Test func rejectedMultiLineValueIsShownOnOneLineAndLaterLinesStayRight() throws {
        let text = "id,score\np1,\"1\n2\"\np2,2\n"
        let table = try CSVReader.read(bytes: Array(text.utf8), name: "n.csv", schema: simpleSchema)
        #expect(table.issues == [RowIssue(file: "n.csv", line: 2, column: "score", value: "1\\n2", reason: .notANumber)])
        #expect(table.lines == [4])
    }

    @Test func integerColumnsAcceptZeroFractionsAndRejectOverflow() throws {
        let schema = CSVSchema([CSVColumn("n", .integer)])
        let table = try CSVReader.read(bytes: Array("n\n3.00\n-7\n+2\n4294967296\n".utf8), name: "i.csv", schema: schema)
        #expect(table.integers("n") == [3, -7, 2])
        #expect(table.issues.map(\.reason) == [.integerOutOfRange])
    }

    @Test func issueDescriptionNamesFileLineColumnAndValue() {
        let issue = RowIssue(file: "a.csv", line: 7, column: "score", value: "abc", reason: .notANumber)
        #expect(issue.description == "a.csv:7: column 'score' value 'abc': not a number")
    }
}
