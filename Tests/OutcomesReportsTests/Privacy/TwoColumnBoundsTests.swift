import Testing
import OutcomesRandom
@testable import OutcomesReports

/// The linear-time check of two-column tables must give exactly the general linear program's answer: the
/// same bounds for every hidden cell, hence the same first recoverable cell and the same suppression pattern.
@Suite struct TwoColumnBoundsTests {
    /// A random rate table (1–7 rows, counts 0–25), random shown totals and a random hidden pattern over every
    /// cell of the extended grid, including totals.
    static func randomCase(_ random: inout SplitMix64) -> (grid: [[Int]], shown: [[Bool]], hidden: [[Bool]], rows: Int, table: CountTable) {
        let rows = random.integer(in: 1...7)
        let cells = (0..<rows).map { _ in [random.integer(in: 0...25), random.integer(in: 0...25)] }
        let table = CountTable(cells: cells, showsRowTotals: random.integer(in: 0...3) > 0, showsColumnTotals: random.bernoulli(0.7))
        var grid = table.cells.enumerated().map { $0.element + [table.rowTotals[$0.offset]] }
        grid.append(table.columnTotals + [table.grandTotal])
        var shown = [[Bool]](repeating: [true, true, true], count: rows + 1)
        for i in 0..<rows where !table.showsRowTotals { shown[i][2] = false }
        for j in 0..<2 where !table.showsColumnTotals { shown[rows][j] = false }
        if !table.showsRowTotals && !table.showsColumnTotals { shown[rows][2] = false }
        let rate = [0.15, 0.35, 0.6][random.integer(in: 0...2)]
        let hidden = (0...rows).map { i in (0...2).map { j in shown[i][j] && random.bernoulli(rate) } }
        return (grid, shown, hidden, rows, table)
    }

    /// 3 000 random tables; every hidden cell's bounds compared (exact integers: the general program rounds
    /// within 1e-7 and both are totally unimodular systems).
    @Test func boundsEqualTheGeneralLinearProgram() {
        var random = SplitMix64(seed: 20_261_205)
        var compared = 0, recoverable = 0, unbounded = 0
        for _ in 0..<3_000 {
            let c = Self.randomCase(&random)
            let unknown = (0...c.rows).map { i in (0...2).map { j in !c.shown[i][j] || c.hidden[i][j] } }
            let fast = TwoColumnBounds(grid: c.grid, unknown: unknown, rows: c.rows)
            // The general program, variable by variable, as SmallCellPolicy builds it.
            var unknowns: [(Int, Int)] = []
            var index = [[Int?]](repeating: [nil, nil, nil], count: c.rows + 1)
            for i in 0...c.rows { for j in 0...2 where unknown[i][j] { index[i][j] = unknowns.count; unknowns.append((i, j)) } }
            var equations: [[Double]] = [], rhs: [Double] = []
            func line(_ cells: [(Int, Int)], _ total: (Int, Int)) {
                var row = [Double](repeating: 0, count: unknowns.count); var r = 0.0
                for (i, j) in cells { if let k = index[i][j] { row[k] += 1 } else { r -= Double(c.grid[i][j]) } }
                if let k = index[total.0][total.1] { row[k] -= 1 } else { r += Double(c.grid[total.0][total.1]) }
                if row.contains(where: { $0 != 0 }) { equations.append(row); rhs.append(r) }
            }
            for i in 0...c.rows { line([(i, 0), (i, 1)], (i, 2)) }
            for j in 0...2 { line((0..<c.rows).map { ($0, j) }, (c.rows, j)) }
            let general = LinearProgramBounds(equations: equations, rightHandSides: rhs, variableCount: unknowns.count)
            for (k, (i, j)) in unknowns.enumerated() where c.hidden[i][j] {
                let expected = general.bounds(of: k), got = fast.bounds(row: i, column: j)
                compared += 1
                if let e = expected, e.upper.map({ $0 - e.lower < 0.5 }) ?? false { recoverable += 1 }
                if expected?.upper == nil { unbounded += 1 }
                #expect(got?.lower == expected?.lower && got?.upper == expected?.upper,
                        "cell (\(i), \(j)) of \(c.grid), hidden \(c.hidden), shown \(c.shown): fast \(String(describing: got)), general \(String(describing: expected))")
            }
        }
        // The cases must exercise every outcome, or the comparison proves little.
        #expect(compared > 5_000 && recoverable > 500 && unbounded > 100, "compared \(compared), recoverable \(recoverable), unbounded \(unbounded)")
    }

    /// Whole suppression runs on the two-column path leave nothing the general check can recover.
    @Test func suppressionPatternsEqualTheGeneralCheck() {
        var random = SplitMix64(seed: 7)
        let policy = SmallCellPolicy(threshold: 11)
        for _ in 0..<1_000 {
            let c = Self.randomCase(&random)
            let pattern = policy.suppress(c.table)
            #expect(policy.firstRecoverableCellByLinearProgram(grid: c.grid, shown: c.shown, hidden: pattern.hidden, rows: c.rows, columns: 2) == nil,
                    "\(c.table.cells): the general check still recovers a cell of \(pattern.hidden)")
        }
    }
}
