/// Exact bounds of the hidden cells of a two-column table (a rate table: successes, the rest, and their row
/// total), in time linear in its rows.
///
/// The general check (``LinearProgramBounds`` over every hidden cell at once) grows with the cube of the rows and
/// cannot audit a table of thousands of sites. A two-column table needs much less: once each row's shown cells
/// are fixed, the pairs (a, b) a row can take form a point, a segment a + b = t, a ray (one of a, b free) or the
/// whole quadrant, and the rows meet only through the three sums the totals row may show (Σa, Σb, Σa + Σb). The
/// other rows' pairs add up (a Minkowski sum) to a shifted segment plus at most two free directions, so the
/// bounds of one cell are those of a linear program of at most seven variables. The feasible set and the
/// objective are the general check's, projected; the answers are the same (tested against it).
struct TwoColumnBounds {
    /// What one row's shown cells leave of its pair (a, b).
    enum RowSet: Equatable {
        case point(Double, Double)
        case segment(total: Double)
        /// `a` free, `b` fixed.
        case freeA(b: Double)
        /// `b` free, `a` fixed.
        case freeB(a: Double)
        case quadrant
    }

    /// The sum of a set of rows' pairs: `fixed + (x, segment − x) + (u, v)` with 0 ≤ x ≤ segment, u ≥ 0 when
    /// some row leaves `a` free, v ≥ 0 when some row leaves `b` free.
    struct Aggregate {
        var fixedA = 0.0, fixedB = 0.0, segment = 0.0
        var rowsFreeA = 0, rowsFreeB = 0

        mutating func add(_ set: RowSet, sign: Double = 1) {
            let step = sign > 0 ? 1 : -1
            switch set {
            case .point(let a, let b): fixedA += sign * a; fixedB += sign * b
            case .segment(let t): segment += sign * t
            case .freeA(let b): fixedB += sign * b; rowsFreeA += step
            case .freeB(let a): fixedA += sign * a; rowsFreeB += step
            case .quadrant: rowsFreeA += step; rowsFreeB += step
            }
        }
    }

    private(set) var rows: [RowSet]
    private(set) var all: Aggregate
    /// The totals row's Σa, Σb and Σa + Σb where shown and not hidden.
    private(set) var sumA: Double?, sumB: Double?, sumAll: Double?

    /// `grid` is the table extended with its totals (3 columns, rows + 1 rows); a cell is unknown when it is not
    /// shown or is hidden.
    init(grid: [[Int]], unknown: [[Bool]], rows rowCount: Int) {
        var sets: [RowSet] = []
        var all = Aggregate()
        for i in 0..<rowCount {
            let set = Self.rowSet(grid: grid, unknown: unknown, row: i)
            sets.append(set)
            all.add(set)
        }
        rows = sets
        self.all = all
        (sumA, sumB, sumAll) = Self.sums(grid: grid, unknown: unknown, row: rowCount)
    }

    /// Takes in that cells of row `row` (the totals row when it equals the number of rows) became unknown, in time
    /// independent of the table's size.
    mutating func update(grid: [[Int]], unknown: [[Bool]], row: Int) {
        if row < rows.count {
            all.add(rows[row], sign: -1)
            rows[row] = Self.rowSet(grid: grid, unknown: unknown, row: row)
            all.add(rows[row])
        } else {
            (sumA, sumB, sumAll) = Self.sums(grid: grid, unknown: unknown, row: row)
        }
    }

    static func rowSet(grid: [[Int]], unknown: [[Bool]], row i: Int) -> RowSet {
        func known(_ j: Int) -> Double? { unknown[i][j] ? nil : Double(grid[i][j]) }
        switch (known(0), known(1), known(2)) {
        case let (a?, b?, _): return .point(a, b)
        case let (a?, nil, t?): return .point(a, t - a)
        case let (nil, b?, t?): return .point(t - b, b)
        case let (nil, nil, t?): return .segment(total: t)
        case let (a?, nil, nil): return .freeB(a: a)
        case let (nil, b?, nil): return .freeA(b: b)
        case (nil, nil, nil): return .quadrant
        }
    }

    static func sums(grid: [[Int]], unknown: [[Bool]], row: Int) -> (Double?, Double?, Double?) {
        func known(_ j: Int) -> Double? { unknown[row][j] ? nil : Double(grid[row][j]) }
        return (known(0), known(1), known(2))
    }

    /// Lower and upper bound of cell (`row`, `column`) of the extended grid (`column` 2 is the row total; `row`
    /// equal to the number of rows is the totals row); nil when the shown cells contradict each other.
    func bounds(row: Int, column: Int) -> (lower: Double, upper: Double?)? {
        var others = all
        let own: RowSet? = row < rows.count ? rows[row] : nil
        if let own { others.add(own, sign: -1) }

        var variableCount = 0
        func variable(_ name: String) -> Int { variableCount += 1; return variableCount - 1 }
        let a = own != nil ? variable("a") : nil, b = own != nil ? variable("b") : nil
        let x = others.segment > 0 ? variable("x") : nil, slack = x != nil ? variable("s") : nil
        let u = others.rowsFreeA > 0 ? variable("u") : nil, v = others.rowsFreeB > 0 ? variable("v") : nil
        let w = variable("w")

        var equations: [[Double]] = [], rightHandSides: [Double] = []
        func equation(_ terms: [(Int?, Double)], _ rhs: Double) {
            var row = [Double](repeating: 0, count: variableCount)
            for (index, coefficient) in terms { if let index { row[index] += coefficient } }
            equations.append(row)
            rightHandSides.append(rhs)
        }
        if let own, let a, let b {
            switch own {
            case .point(let pa, let pb): equation([(a, 1)], pa); equation([(b, 1)], pb)
            case .segment(let t): equation([(a, 1), (b, 1)], t)
            case .freeA(let pb): equation([(b, 1)], pb)
            case .freeB(let pa): equation([(a, 1)], pa)
            case .quadrant: break
            }
        }
        if let x, let slack { equation([(x, 1), (slack, 1)], others.segment) }
        // Σa = fixedA + x + u + a; Σb = fixedB + (segment − x) + v + b.
        if let sumA { equation([(a, 1), (x, 1), (u, 1)], sumA - others.fixedA) }
        if let sumB { equation([(b, 1), (x, -1), (v, 1)], sumB - others.fixedB - others.segment) }
        if let sumAll { equation([(a, 1), (b, 1), (u, 1), (v, 1)], sumAll - others.fixedA - others.fixedB - others.segment) }
        switch (own != nil, column) {
        case (true, 0): equation([(w, 1), (a, -1)], 0)
        case (true, 1): equation([(w, 1), (b, -1)], 0)
        case (true, _): equation([(w, 1), (a, -1), (b, -1)], 0)
        case (false, 0): equation([(w, 1), (x, -1), (u, -1)], others.fixedA)
        case (false, 1): equation([(w, 1), (x, 1), (v, -1)], others.fixedB + others.segment)
        case (false, _): equation([(w, 1), (u, -1), (v, -1)], others.fixedA + others.fixedB + others.segment)
        }
        return LinearProgramBounds(equations: equations, rightHandSides: rightHandSides, variableCount: variableCount).bounds(of: w)
    }
}
