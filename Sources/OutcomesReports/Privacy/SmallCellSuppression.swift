/// Small-cell suppression for counts that may leave the practice.
///
/// Primary suppression hides every count from 1 to `threshold − 1` (0 is shown: it discloses nobody).
/// Complementary suppression then hides further cells until no hidden cell can be worked out exactly from what
/// is still shown: for every hidden cell the smallest and largest values consistent with the shown cells,
/// the shown totals and non-negativity are computed by linear programming, and a cell whose bounds meet is
/// protected by hiding the smallest shown cell of its row or column (non-zero first). Two hidden cells per row
/// is not always enough; the bounds check decides.
public struct SmallCellPolicy: Sendable, Equatable {
    /// Counts from 1 to `threshold − 1` are hidden; `nil` turns suppression off.
    public var threshold: Int?

    public init(threshold: Int? = 11) { self.threshold = threshold }

    public static let none = SmallCellPolicy(threshold: nil)

    /// The text a hidden cell prints as: `<11` for the default.
    public var hiddenText: String { "<\(threshold ?? 0)" }

    /// Whether `count` itself must be hidden (primary suppression).
    public func hides(_ count: Int) -> Bool {
        guard let threshold else { return false }
        return count >= 1 && count < threshold
    }

    /// Whether a rate `successes / patients` must be hidden: its numerator, or the complement that the shown
    /// denominator would give away, is a small count. The interval is hidden with it, since it determines
    /// the numerator given the denominator.
    public func hidesRate(successes: Int, patients: Int) -> Bool {
        hides(successes) || hides(patients - successes) || hides(patients)
    }
}

/// A two-way table of counts with optional row and column totals, as a report prints it.
public struct CountTable: Sendable, Equatable {
    public var cells: [[Int]]
    /// Whether the table shows a total per row (and per column); the grand total is shown when either is.
    public var showsRowTotals: Bool
    public var showsColumnTotals: Bool

    public init(cells: [[Int]], showsRowTotals: Bool, showsColumnTotals: Bool) {
        precondition(Set(cells.map(\.count)).count <= 1, "rows of equal length")
        self.cells = cells
        self.showsRowTotals = showsRowTotals
        self.showsColumnTotals = showsColumnTotals
    }

    var rowCount: Int { cells.count }
    var columnCount: Int { cells.first?.count ?? 0 }
    public var rowTotals: [Int] { cells.map { $0.reduce(0, +) } }
    public var columnTotals: [Int] { (0..<columnCount).map { j in cells.reduce(0) { $0 + $1[j] } } }
    public var grandTotal: Int { rowTotals.reduce(0, +) }
}

/// Which cells of a ``CountTable`` are hidden. Totals are indexed as an extra column (row totals) and an
/// extra row (column totals); `[rowCount][columnCount]` is the grand total.
public struct SuppressionPattern: Sendable, Equatable {
    public var hidden: [[Bool]]
    public var primaryCount: Int
    public var complementaryCount: Int

    public func isHidden(row: Int, column: Int) -> Bool { hidden[row][column] }
}

extension SmallCellPolicy {
    /// Primary and complementary suppression of `table` (see the type's documentation).
    public func suppress(_ table: CountTable) -> SuppressionPattern {
        let rows = table.rowCount, columns = table.columnCount
        var grid = table.cells.enumerated().map { $0.element + [table.rowTotals[$0.offset]] }
        grid.append(table.columnTotals + [table.grandTotal])
        var shown = [[Bool]](repeating: [Bool](repeating: true, count: columns + 1), count: rows + 1)
        for i in 0..<rows where !table.showsRowTotals { shown[i][columns] = false }
        for j in 0..<columns where !table.showsColumnTotals { shown[rows][j] = false }
        if !table.showsRowTotals && !table.showsColumnTotals { shown[rows][columns] = false }

        var hidden = [[Bool]](repeating: [Bool](repeating: false, count: columns + 1), count: rows + 1)
        var primary = 0
        for i in 0...rows { for j in 0...columns where shown[i][j] && hides(grid[i][j]) { hidden[i][j] = true; primary += 1 } }
        guard threshold != nil, primary > 0 else {
            return SuppressionPattern(hidden: hidden, primaryCount: 0, complementaryCount: 0)
        }
        var complementary = 0
        // Hiding a cell only relaxes the constraints, so a hidden cell once found safe stays safe: each round checks
        // only the cells not yet found safe, and finds the same first recoverable cell as a full scan would.
        var safe = [[Bool]](repeating: [Bool](repeating: false, count: columns + 1), count: rows + 1)
        if columns == 2 {
            // A rate table: the bounds are kept up to date row by row as cells are hidden (linear overall).
            var unknown = (0...rows).map { i in (0...2).map { j in !shown[i][j] || hidden[i][j] } }
            var bounds = TwoColumnBounds(grid: grid, unknown: unknown, rows: rows)
            for _ in 0..<((rows + 1) * (columns + 1)) {
                guard let exposed = Self.firstRecoverable(bounds, hidden: hidden, safe: &safe, rows: rows) else { break }
                guard let extra = complementCandidate(for: exposed, grid: grid, shown: shown, hidden: hidden, rows: rows, columns: columns) else { break }
                hidden[extra.0][extra.1] = true
                unknown[extra.0][extra.1] = true
                bounds.update(grid: grid, unknown: unknown, row: extra.0)
                complementary += 1
            }
            return SuppressionPattern(hidden: hidden, primaryCount: primary, complementaryCount: complementary)
        }
        for _ in 0..<((rows + 1) * (columns + 1)) {
            guard let exposed = firstRecoverableCell(grid: grid, shown: shown, hidden: hidden, safe: &safe, rows: rows, columns: columns) else { break }
            guard let extra = complementCandidate(for: exposed, grid: grid, shown: shown, hidden: hidden, rows: rows, columns: columns) else { break }
            hidden[extra.0][extra.1] = true
            complementary += 1
        }
        return SuppressionPattern(hidden: hidden, primaryCount: primary, complementaryCount: complementary)
    }

    /// The first hidden cell whose value the shown cells and totals determine exactly.
    /// Cells marked in `safe` are skipped; cells found safe are marked.
    func firstRecoverableCell(grid: [[Int]], shown: [[Bool]], hidden: [[Bool]], safe: inout [[Bool]], rows: Int, columns: Int) -> (Int, Int)? {
        if columns == 2 { return firstRecoverableCellOfTwoColumns(grid: grid, shown: shown, hidden: hidden, safe: &safe, rows: rows) }
        return firstRecoverableCellByLinearProgram(grid: grid, shown: shown, hidden: hidden, safe: &safe, rows: rows, columns: columns)
    }

    func firstRecoverableCell(grid: [[Int]], shown: [[Bool]], hidden: [[Bool]], rows: Int, columns: Int) -> (Int, Int)? {
        var safe = [[Bool]](repeating: [Bool](repeating: false, count: columns + 1), count: rows + 1)
        return firstRecoverableCell(grid: grid, shown: shown, hidden: hidden, safe: &safe, rows: rows, columns: columns)
    }

    /// The same answer as the general check for a two-column table, in time linear in its rows (``TwoColumnBounds``).
    func firstRecoverableCellOfTwoColumns(grid: [[Int]], shown: [[Bool]], hidden: [[Bool]], safe: inout [[Bool]], rows: Int) -> (Int, Int)? {
        let unknown = (0...rows).map { i in (0...2).map { j in !shown[i][j] || hidden[i][j] } }
        return Self.firstRecoverable(TwoColumnBounds(grid: grid, unknown: unknown, rows: rows), hidden: hidden, safe: &safe, rows: rows)
    }

    static func firstRecoverable(_ bounds: TwoColumnBounds, hidden: [[Bool]], safe: inout [[Bool]], rows: Int) -> (Int, Int)? {
        for i in 0...rows { for j in 0...2 where hidden[i][j] && !safe[i][j] {
            guard let b = bounds.bounds(row: i, column: j) else { return (i, j) }
            if let upper = b.upper, upper - b.lower < 0.5 { return (i, j) }
            safe[i][j] = true
        } }
        return nil
    }

    func firstRecoverableCellByLinearProgram(grid: [[Int]], shown: [[Bool]], hidden: [[Bool]], rows: Int, columns: Int) -> (Int, Int)? {
        var safe = [[Bool]](repeating: [Bool](repeating: false, count: columns + 1), count: rows + 1)
        return firstRecoverableCellByLinearProgram(grid: grid, shown: shown, hidden: hidden, safe: &safe, rows: rows, columns: columns)
    }

    /// The general check: one linear program over every unknown cell of the table.
    func firstRecoverableCellByLinearProgram(grid: [[Int]], shown: [[Bool]], hidden: [[Bool]], safe: inout [[Bool]], rows: Int, columns: Int) -> (Int, Int)? {
        var unknowns: [(Int, Int)] = []
        var index: [[Int?]] = Array(repeating: Array(repeating: nil, count: columns + 1), count: rows + 1)
        for i in 0...rows { for j in 0...columns where !shown[i][j] || hidden[i][j] { index[i][j] = unknowns.count; unknowns.append((i, j)) } }
        // Every row and column of the extended grid sums to its total: row i's cells minus its total = 0.
        var equations: [[Double]] = [], rightHandSides: [Double] = []
        func addLine(_ positions: [(Int, Int)], total: (Int, Int)) {
            var coefficients = [Double](repeating: 0, count: unknowns.count)
            var rhs = 0.0
            for (i, j) in positions {
                if let k = index[i][j] { coefficients[k] += 1 } else { rhs -= Double(grid[i][j]) }
            }
            if let k = index[total.0][total.1] { coefficients[k] -= 1 } else { rhs += Double(grid[total.0][total.1]) }
            if coefficients.contains(where: { $0 != 0 }) { equations.append(coefficients); rightHandSides.append(rhs) }
        }
        for i in 0...rows { addLine((0..<columns).map { (i, $0) }, total: (i, columns)) }
        for j in 0...columns { addLine((0..<rows).map { ($0, j) }, total: (rows, j)) }
        let program = LinearProgramBounds(equations: equations, rightHandSides: rightHandSides, variableCount: unknowns.count)
        for (k, position) in unknowns.enumerated() where hidden[position.0][position.1] && !safe[position.0][position.1] {
            guard let bounds = program.bounds(of: k) else { return position }
            if let upper = bounds.upper, upper - bounds.lower < 0.5 { return position }
            safe[position.0][position.1] = true
        }
        return nil
    }

    /// The shown cell to hide next to protect `cell`: the smallest non-zero shown cell of its row or column
    /// (interior before totals), else a shown zero, else the smallest shown interior cell anywhere, else a shown
    /// total of its line.
    func complementCandidate(for cell: (Int, Int), grid: [[Int]], shown: [[Bool]], hidden: [[Bool]], rows: Int, columns: Int) -> (Int, Int)? {
        var line: [(Int, Int)] = []
        for j in 0..<columns where j != cell.1 { line.append((cell.0, j)) }
        for i in 0..<rows where i != cell.0 { line.append((i, cell.1)) }
        let open = line.filter { shown[$0.0][$0.1] && !hidden[$0.0][$0.1] }
        if let best = open.filter({ grid[$0.0][$0.1] > 0 }).min(by: { grid[$0.0][$0.1] < grid[$1.0][$1.1] }) { return best }
        if let zero = open.first { return zero }
        // Every cell of its own row and column is hidden already: the value leaks through another line (a chain
        // of shown cells), so hide the smallest shown interior cell elsewhere before giving up a total.
        var elsewhere: [(Int, Int)] = []
        for i in 0..<rows { for j in 0..<columns where shown[i][j] && !hidden[i][j] { elsewhere.append((i, j)) } }
        if let best = elsewhere.filter({ grid[$0.0][$0.1] > 0 }).min(by: { grid[$0.0][$0.1] < grid[$1.0][$1.1] }) ?? elsewhere.first { return best }
        let totals = [(cell.0, columns), (rows, cell.1), (rows, columns)].filter { shown[$0.0][$0.1] && !hidden[$0.0][$0.1] }
        return totals.first
    }
}
