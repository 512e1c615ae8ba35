import Testing
@testable import OutcomesReports

/// Checked against an independent brute force: every integer table consistent with what a pattern shows is
/// enumerated, and each hidden cell must take at least two values across them.
@Suite struct SmallCellSuppressionTests {
    /// All values each hidden interior cell takes over the non-negative integer tables that agree with every
    /// shown cell and shown total of `table` under `pattern`.
    static func feasibleValues(_ table: CountTable, _ pattern: SuppressionPattern) -> [[Set<Int>]] {
        let rows = table.cells.count, columns = table.cells[0].count
        let bound = table.grandTotal
        var hiddenCells: [(Int, Int)] = []
        for i in 0..<rows { for j in 0..<columns where pattern.hidden[i][j] { hiddenCells.append((i, j)) } }
        var values = [[Set<Int>]](repeating: [Set<Int>](repeating: [], count: columns + 1), count: rows + 1)
        var candidate = table.cells
        for (i, j) in hiddenCells { candidate[i][j] = 0 }
        // Cells not yet assigned are 0, so a partial row or column sum above a shown total can never recover.
        func withinShownTotals(_ i: Int, _ j: Int) -> Bool {
            if table.showsRowTotals && !pattern.hidden[i][columns] && candidate[i].reduce(0, +) > table.rowTotals[i] { return false }
            if table.showsColumnTotals && !pattern.hidden[rows][j] && candidate.reduce(0, { $0 + $1[j] }) > table.columnTotals[j] { return false }
            return true
        }
        func consistent() -> Bool {
            let rowTotals = candidate.map { $0.reduce(0, +) }
            let columnTotals = (0..<columns).map { j in candidate.reduce(0) { $0 + $1[j] } }
            let grand = rowTotals.reduce(0, +)
            for i in 0..<rows where table.showsRowTotals && !pattern.hidden[i][columns] && rowTotals[i] != table.rowTotals[i] { return false }
            for j in 0..<columns where table.showsColumnTotals && !pattern.hidden[rows][j] && columnTotals[j] != table.columnTotals[j] { return false }
            if (table.showsRowTotals || table.showsColumnTotals) && !pattern.hidden[rows][columns] && grand != table.grandTotal { return false }
            return true
        }
        // A hidden cell's value is at most the smallest shown total of its row or column; the last hidden cell
        // of a row with a shown total is determined by the others, which keeps the enumeration small.
        func cap(_ i: Int, _ j: Int) -> Int {
            var limit = bound
            if table.showsRowTotals && !pattern.hidden[i][columns] { limit = min(limit, table.rowTotals[i]) }
            if table.showsColumnTotals && !pattern.hidden[rows][j] { limit = min(limit, table.columnTotals[j]) }
            return limit
        }
        func enumerate(_ k: Int) {
            if k == hiddenCells.count {
                if consistent() { for (i, j) in hiddenCells { values[i][j].insert(candidate[i][j]) } }
                return
            }
            let (i, j) = hiddenCells[k]
            let lastInRow = k + 1 == hiddenCells.count || hiddenCells[k + 1].0 != i
            if lastInRow && table.showsRowTotals && !pattern.hidden[i][columns] {
                let rest = (0..<columns).filter { $0 != j }.reduce(0) { $0 + candidate[i][$1] }
                let value = table.rowTotals[i] - rest
                if value >= 0 { candidate[i][j] = value; if withinShownTotals(i, j) { enumerate(k + 1) } }
                candidate[i][j] = 0
                return
            }
            for v in 0...cap(i, j) {
                candidate[i][j] = v
                guard withinShownTotals(i, j) else { break }
                enumerate(k + 1)
            }
            candidate[i][j] = 0
        }
        enumerate(0)
        return values
    }

    static func assertProtected(_ table: CountTable, threshold: Int = 11, sourceLocation: SourceLocation = #_sourceLocation) {
        let pattern = SmallCellPolicy(threshold: threshold).suppress(table)
        let values = feasibleValues(table, pattern)
        for i in table.cells.indices {
            for j in table.cells[0].indices {
                let v = table.cells[i][j]
                if v >= 1 && v < threshold { #expect(pattern.hidden[i][j], "small cell \(i),\(j) shown", sourceLocation: sourceLocation) }
                if pattern.hidden[i][j] { #expect(values[i][j].count >= 2, "cell \(i),\(j) recoverable: \(values[i][j])", sourceLocation: sourceLocation) }
            }
        }
    }

    @Test func aLoneSmallCellGetsComplementsInItsRowAndColumn() {
        let table = CountTable(cells: [[3, 12], [14, 15]], showsRowTotals: true, showsColumnTotals: true)
        let pattern = SmallCellPolicy().suppress(table)
        #expect(pattern.primaryCount == 1)
        #expect(pattern.hidden[0][0] && pattern.hidden[0][1] && pattern.hidden[1][0] && pattern.hidden[1][1])
        Self.assertProtected(table)
    }

    @Test func noSmallCellsMeansNothingHidden() {
        let table = CountTable(cells: [[0, 12], [14, 15]], showsRowTotals: true, showsColumnTotals: true)
        let pattern = SmallCellPolicy().suppress(table)
        #expect(pattern.primaryCount == 0 && pattern.complementaryCount == 0)
        #expect(!pattern.hidden.joined().contains(true))
    }

    @Test func twoHiddenCellsPerLineAreNotEnoughWhenAZeroPinsThem() {
        // Hiding 1 and 2 with their zero neighbours leaves a column whose shown total is 0, which pins them.
        let table = CountTable(cells: [[1, 0, 5], [2, 0, 4], [5, 6, 7]], showsRowTotals: true, showsColumnTotals: true)
        Self.assertProtected(table, threshold: 3)
    }

    @Test func aOneWayListWithATotalHidesASecondCell() {
        let table = CountTable(cells: [[40], [5], [22], [13]], showsRowTotals: false, showsColumnTotals: true)
        let pattern = SmallCellPolicy().suppress(table)
        #expect(pattern.hidden[1][0] && pattern.hidden[3][0], "the smallest other count protects the 5")
        #expect(!pattern.hidden[0][0] && !pattern.hidden[2][0])
        Self.assertProtected(table)
    }

    @Test func smallTotalsAreHiddenToo() {
        let table = CountTable(cells: [[2, 3], [12, 30]], showsRowTotals: true, showsColumnTotals: true)
        let pattern = SmallCellPolicy().suppress(table)
        #expect(pattern.hidden[0][2], "the row total 5 is itself a small count")
        Self.assertProtected(table)
    }

    @Test(arguments: 0..<12)
    func randomSmallTablesAreNeverRecoverable(seed: Int) {
        var state = UInt64(seed + 1) &* 0x9E3779B97F4A7C15
        func next(_ bound: Int) -> Int { state = state &* 6364136223846793005 &+ 1442695040888963407; return Int((state >> 33) % UInt64(bound)) }
        let rows = 2 + next(2), columns = 2
        let cells = (0..<rows).map { _ in (0..<columns).map { _ in next(3) == 0 ? next(4) : 11 + next(4) } }
        Self.assertProtected(CountTable(cells: cells, showsRowTotals: true, showsColumnTotals: true), threshold: 4)
    }

    @Test func ratesHideNumeratorAndComplement() {
        let policy = SmallCellPolicy()
        #expect(policy.hidesRate(successes: 3, patients: 50))
        #expect(policy.hidesRate(successes: 45, patients: 50), "50 − 45 = 5 would give away the non-responders")
        #expect(!policy.hidesRate(successes: 0, patients: 50))
        #expect(!policy.hidesRate(successes: 25, patients: 50))
        #expect(!SmallCellPolicy.none.hidesRate(successes: 3, patients: 50))
        #expect(policy.hiddenText == "<11")
    }

    @Test func linearProgramBoundsMatchHandSolutions() {
        // x + y = 5, x − z = 1 (z ≥ 0): x in [1, 5], y in [0, 4].
        let program = LinearProgramBounds(equations: [[1, 1, 0], [1, 0, -1]], rightHandSides: [5, 1], variableCount: 3)
        #expect(program.bounds(of: 0)! == (1, 5))
        #expect(program.bounds(of: 1)! == (0, 4))
        // x − y = 0 only: unbounded above.
        let open = LinearProgramBounds(equations: [[1, -1]], rightHandSides: [0], variableCount: 2)
        #expect(open.bounds(of: 0)!.upper == nil)
        // x + y = −1 has no non-negative solution.
        #expect(LinearProgramBounds(equations: [[1, 1]], rightHandSides: [-1], variableCount: 2).bounds(of: 0) == nil)
    }
}
