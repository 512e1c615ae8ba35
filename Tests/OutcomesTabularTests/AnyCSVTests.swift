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

@Suite struct AnyCSVProjectionTests {
    static let text = "id,time,arm,note,x\n1,2.5,A,\"two\nlines\",0.5\n2,,B,plain,-1\n3,4,\"\",\"x\",1e3\n4,5,C,short\n5,6,D,\"q\"\"q\",7\n"

    @Test func onlyTheRequestedColumnsAreConverted() throws {
        let full = try CSVReader.readAny(bytes: Array(Self.text.utf8), name: "p.csv")
        let projected = try CSVReader.readAny(bytes: Array(Self.text.utf8), name: "p.csv", columns: ["TIME", "arm", "absent"])
        #expect(projected.names == full.names)
        #expect(projected.isRead == [false, true, true, false, false])
        #expect(projected.numbers("time")?.map(\.bitPattern) == full.numbers("time")?.map(\.bitPattern))
        #expect(full.numbers("time")?.count == 4)
        #expect(projected.column("arm") == full.column("arm"))
        #expect(projected.column("x") == .text([]))
        // Rows, lines (a quoted line break in a skipped column) and issues are those of the full read.
        #expect(projected.lines == full.lines)
        #expect(projected.lines == [2, 4, 5, 7])
        #expect(projected.accounting == full.accounting)
        #expect(projected.issues == full.issues)
        #expect(projected.issues.map(\.line) == [6])
        #expect(full.column("arm") == .text(["A", "B", "", "D"]))
    }

    @Test func skippedColumnsStillRejectWhatAFullReadRejects() throws {
        var bytes = Array("a,b\n1,ok\n2,".utf8) + [0xFF, 0xFE] + Array("\n3,fine\n".utf8)
        let full = try CSVReader.readAny(bytes: bytes, name: "u.csv")
        let projected = try CSVReader.readAny(bytes: bytes, name: "u.csv", columns: ["a"])
        #expect(full.accounting == RowAccounting(rowsRead: 3, accepted: 2, rejected: 1))
        #expect(projected.accounting == full.accounting)
        #expect(projected.issues == full.issues)
        #expect(projected.numbers("a") == [1, 3])
        bytes = []
    }

    @Test func aColumnMixingNumbersAndTextKeepsTheSpellings() throws {
        let text = "a,b,c\n1.50,x,\"\"\nNA,2,\n2e0,y,3\n"
        let table = try CSVReader.readAny(bytes: Array(text.utf8), name: "m.csv")
        #expect(table.column("a") == .text(["1.50", "NA", "2e0"]))
        #expect(table.column("b") == .text(["x", "2", "y"]))
        // A quoted empty field is blank in a numeric column.
        #expect(table.numbers("c")?.map { $0.isNaN ? -1 : $0 } == [-1, -1, 3])
        let textOnly = try CSVReader.readAny(bytes: Array("a,b\n\"\",x\nu,\n".utf8), name: "t.csv")
        #expect(textOnly.column("a") == .text(["", "u"]))
        #expect(textOnly.column("b") == .text(["x", nil]))
    }

    @Test func aRejectedRowDoesNotMakeANumericColumnText() throws {
        let table = try CSVReader.readAny(bytes: Array("a,b\n1,2\nword,3,4\n5,6\n".utf8), name: "r.csv")
        #expect(table.numbers("a") == [1, 5])
        #expect(table.accounting.rejected == 1)
    }
}
