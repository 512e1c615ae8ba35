import Testing
@testable import OutcomesTabular

@Suite struct AnyCSVTests {
    @Test func columnsAreInferredAsNumericOrText() throws {
        let text = "time,event,arm\n1.5,1,A\n,0,B\n3,1,\n"
        let table = try CSVReader.readAny(bytes: Array(text.utf8), name: "s.csv")
        #expect(table.names == ["time", "event", "arm"])
        #expect(table.numbers("event") == [1, 0, 1])
        #expect(table.numbers("TIME")?.map { $0.isNaN ? -1 : $0 } == [1.5, -1, 3])
        #expect(table.column("arm") == .text(["A", "B", nil]))
        #expect(table.numbers("arm") == nil)
    }

    @Test func raggedRowsAreStillReported() throws {
        let table = try CSVReader.readAny(bytes: Array("a,b\n1,2\n3\n".utf8), name: "r.csv")
        #expect(table.accounting == RowAccounting(rowsRead: 2, accepted: 1, rejected: 1))
        #expect(table.issues.first?.line == 3)
    }
}
