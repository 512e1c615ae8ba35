import Testing
@testable import OutcomesTabular

/// The plain-line fast path (``PlainRecordParser``) gives exactly what the per-field path gives: same columns,
/// lines, issues, warnings, accounting and time forms, on clean and dirty lines, with and without a schema, for
/// any chunk size. Deterministic (fixed seed), so it cannot fail by chance.
@Suite(.serialized) struct PlainRecordParserTests {
    /// A schema with every kind, a required category and two date-time columns.
    static let schema = CSVSchema([
        CSVColumn("id", .text),
        CSVColumn("score", .double, .optionalValue),
        CSVColumn("count", .integer, .optionalValue),
        CSVColumn("when", .dateTime, .optionalValue),
        CSVColumn("group", .category(CSVCategory([("a", []), ("b", ["bee", "B-2"])]))),
        CSVColumn("later", .dateTime, .optionalColumn),
        CSVColumn("note", .text, .optionalColumn),
    ], maxFieldBytes: 40)

    /// Field values, good and bad, for each column (some with blanks or tabs around them).
    static let values: [[String]] = [
        ["P1", "P1", "P1", "P2", "P0000000000000001", "P0000000000000001x", "", " P3", "P3\t", "p1", "P12345678901234567890123456789012345678901234"],
        ["1.5", "", "-0", "1e5", "x", "1e400", "0.1", " 2.25 ", "123456789012345678901", "+.5", "5."],
        ["3", "", "-2", "3.0", "2147483648", "x", " 7", "07", "+1", "1.5"],
        ["2024-01-01T09:30:00", "2024-02-29", "2023-02-29", "2024-01-01 10:00:00", "2024-01-01T10:00", "2024-01-01T10:00:00Z",
         "2024-06-01T10:00:00+02:00", "2024-13-01", "2024-01-01T24:00:00", "2024-01-01T09:30:60", "", "bad", "2024-01-01T09:30:00.5",
         "0000-01-01", "9999-12-31T23:59:59", "2024-01-32", "2024/01/01", "2024-04-31T00:00:00", "2024-01-01t09:30:00"],
        ["a", "A", "b", "BEE", "Bee", "b-2", "c", "", " a "],
        ["2025-03-04T09:30:00", "", "2025-03-04T09:30:00-0130", "nope"],
        ["hello", "", "x,y", "tab\there", "longer note text that is well past forty bytes long"],
    ]

    static func text(rows: Int, seed: UInt64, columns: [Int]) -> String {
        var state = seed
        func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
        let names = ["id", "score", "count", "when", "group", "later", "note"]
        var text = columns.map { names[$0] }.joined(separator: ",") + "\n"
        for _ in 0..<rows {
            // Mostly clean rows (the first value of each column), sometimes a random one; now and then an odd line.
            switch next(40) {
            case 0: text += "\n"
            case 1: text += "   \n"
            case 2: text += "P9,1\n"
            case 3: text += columns.map { values[$0][next(values[$0].count)] }.joined(separator: ",") + ",extra\n"
            default:
                text += columns.map { column in next(4) == 0 ? values[column][next(values[column].count)] : values[column][0] }
                    .joined(separator: ",") + "\n"
            }
        }
        return text
    }

    static func outcome(_ bytes: [UInt8], schema: CSVSchema?, projection: Set<String>? = nil, chunkBytes: Int, fast: Bool) -> String {
        Tokenizer.usesPlainRecordParser = fast
        defer { Tokenizer.usesPlainRecordParser = true }
        do {
            let state = try CSVReader.readMemory(bytes: bytes, file: "p.csv", schema: schema, projection: projection, chunkBytes: chunkBytes)
            if schema != nil {
                let table = state.makeTable()
                return "\(table.columns)|\(table.extraColumns)|\(table.lines)|\(table.issues)|\(table.warnings)|\(table.accounting)|\(table.timeForms.sorted { $0.key < $1.key })"
            }
            guard let table = state.makeAnyTable() else { return "mixed \(state.mixedColumns().sorted())|\(state.lines)|\(state.issues)" }
            return "\(table.names)|\(table.columns)|\(table.lines)|\(table.issues)|\(table.accounting)"
        } catch {
            return "error \(error)"
        }
    }

    @Test(arguments: [[0, 1, 2, 3, 4, 5, 6], [4, 3, 0, 2, 1], [0, 2, 2, 4, 3], [3, 0, 5, 4, 6, 1]])
    func fastPathMatchesThePerFieldPath(columns: [Int]) {
        for seed in 1...3 as ClosedRange<UInt64> {
            let bytes = Array(Self.text(rows: 1500, seed: seed * 7 + UInt64(columns.count), columns: columns).utf8)
            for chunkBytes in [61, 4096, 1 << 20] {
                let reference = Self.outcome(bytes, schema: Self.schema, chunkBytes: chunkBytes, fast: false)
                #expect(Self.outcome(bytes, schema: Self.schema, chunkBytes: chunkBytes, fast: true) == reference)
                let anyReference = Self.outcome(bytes, schema: nil, projection: ["score", "count", "id"], chunkBytes: chunkBytes, fast: false)
                #expect(Self.outcome(bytes, schema: nil, projection: ["score", "count", "id"], chunkBytes: chunkBytes, fast: true) == anyReference)
            }
        }
    }

    @Test func nonASCIIPiecesAndRepeatedIdentifiersAcrossPieces() {
        var text = "id,score,count,when,group\n"
        for row in 0..<400 {
            let id = row % 50 == 49 ? "Pé\(row / 7)" : "P\(row / 7)"
            text += "\(id),\(row % 9).5,\(row % 11),2024-03-0\(1 + row % 9)T0\(row % 10):15:00,\(row % 3 == 0 ? "b" : "a")\n"
        }
        let bytes = Array(text.utf8)
        for chunkBytes in [17, 300, 5000] {
            #expect(Self.outcome(bytes, schema: Self.schema, chunkBytes: chunkBytes, fast: true)
                    == Self.outcome(bytes, schema: Self.schema, chunkBytes: chunkBytes, fast: false))
        }
    }

    /// The integer-seconds reader of the two common shapes agrees with the full ISO 8601 parser wherever it answers,
    /// and answers for every valid value of those shapes.
    @Test func dateTimeSecondsAgreeWithTheFullParser() {
        var checked = 0
        for year in [0, 1, 1899, 1900, 1969, 1970, 1999, 2000, 2023, 2024, 2100, 2400, 9999] {
            for month in 0...13 {
                for day in [0, 1, 9, 10, 28, 29, 30, 31, 32] {
                    let date = ISO8601.pad(year, 4) + "-" + ISO8601.pad(month, 2) + "-" + ISO8601.pad(day, 2)
                    for candidate in [date, date + "T00:00:00", date + "T23:59:59", date + " 12:34:56", date + "T24:00:00",
                                      date + "T12:60:00", date + "T12:00:60", date + "t01:02:03", date + "T1:02:03x", date + "X01:02:03"] {
                        let bytes = Array(candidate.utf8)
                        let fast = bytes.withUnsafeBufferPointer { ISO8601.seconds($0.baseAddress!, $0.count) }
                        let full = bytes.withUnsafeBufferPointer { ISO8601.parse($0.baseAddress!, $0.count) }
                        if case .seconds(let value) = full {
                            #expect(fast == value, "\(candidate)")
                        } else {
                            #expect(fast == nil, "\(candidate)")
                        }
                        checked += 1
                    }
                }
            }
        }
        #expect(checked == 13 * 14 * 9 * 10)
    }
}
