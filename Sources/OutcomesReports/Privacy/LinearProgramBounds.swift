/// Bounds of each variable over { x ≥ 0 : A x = b }, by a dense two-phase simplex with Bland's rule.
///
/// Small problems only (a report table's suppressed cells: tens of variables). Row-and-column-total
/// constraints are totally unimodular, so the bounds of such tables are integers; they are rounded to the
/// nearest integer within 1e-7 so that exact recovery is recognised.
struct LinearProgramBounds {
    let equations: [[Double]]
    let rightHandSides: [Double]
    let variableCount: Int

    /// Lower and upper bound of variable `k`; the upper bound is `nil` when unbounded. Returns nil for an
    /// infeasible system (published figures that contradict each other).
    func bounds(of k: Int) -> (lower: Double, upper: Double?)? {
        var objective = [Double](repeating: 0, count: variableCount)
        objective[k] = 1
        guard case .optimum(let low) = optimize(objective) else { return nil }
        switch optimize(objective.map { -$0 }) {
        case .optimum(let negativeHigh): return (rounded(low), rounded(-negativeHigh))
        case .unbounded: return (rounded(low), nil)
        case .infeasible: return nil
        }
    }

    private func rounded(_ value: Double) -> Double {
        let nearest = value.rounded()
        return abs(value - nearest) < 1e-7 ? nearest : value
    }

    enum Outcome: Equatable { case optimum(Double), unbounded, infeasible }

    /// Minimizes `cost · x` subject to the equations and x ≥ 0.
    func optimize(_ cost: [Double]) -> Outcome {
        let m = equations.count, n = variableCount
        if m == 0 { return cost.allSatisfy { $0 >= 0 } ? .optimum(0) : .unbounded }
        // Tableau columns: n variables, m artificials, right-hand side.
        let width = n + m + 1
        var tableau = [[Double]](repeating: [Double](repeating: 0, count: width), count: m)
        for i in 0..<m {
            let sign: Double = rightHandSides[i] < 0 ? -1 : 1
            for j in 0..<n { tableau[i][j] = sign * equations[i][j] }
            tableau[i][n + i] = 1
            tableau[i][width - 1] = sign * rightHandSides[i]
        }
        var basis = Array(n..<(n + m))
        // Phase 1: minimize the sum of artificials.
        var phaseOne = [Double](repeating: 0, count: width - 1)
        for i in n..<(n + m) { phaseOne[i] = 1 }
        guard pivotToOptimum(&tableau, &basis, cost: phaseOne, allowed: n + m) != .unbounded else { return .infeasible }
        let infeasibility = basis.enumerated().reduce(0.0) { $0 + ($1.element >= n ? tableau[$1.offset][width - 1] : 0) }
        if infeasibility > 1e-9 { return .infeasible }
        // Drive artificials out of the basis where a real column can replace them.
        for row in 0..<m where basis[row] >= n {
            if let column = (0..<n).first(where: { abs(tableau[row][$0]) > 1e-12 }) {
                pivot(&tableau, row: row, column: column)
                basis[row] = column
            }
        }
        var full = cost + [Double](repeating: 0, count: m)
        full = Array(full.prefix(width - 1))
        let outcome = pivotToOptimum(&tableau, &basis, cost: full, allowed: n)
        if outcome == .unbounded { return .unbounded }
        var value = 0.0
        for (row, variable) in basis.enumerated() where variable < n { value += cost[variable] * tableau[row][width - 1] }
        return .optimum(value)
    }

    private func pivotToOptimum(_ tableau: inout [[Double]], _ basis: inout [Int], cost: [Double], allowed: Int) -> Outcome {
        let width = tableau[0].count
        for _ in 0..<10_000 {
            // Reduced costs; Bland's rule: the lowest-index entering column with a negative reduced cost.
            var entering: Int?
            for column in 0..<allowed where !basis.contains(column) {
                var reduced = cost[column]
                for (row, variable) in basis.enumerated() { reduced -= cost[variable] * tableau[row][column] }
                if reduced < -1e-10 { entering = column; break }
            }
            guard let column = entering else { return .optimum(0) }
            var leaving: Int?
            var bestRatio = Double.infinity
            for row in 0..<tableau.count where tableau[row][column] > 1e-12 {
                let ratio = tableau[row][width - 1] / tableau[row][column]
                if ratio < bestRatio - 1e-12 || (abs(ratio - bestRatio) <= 1e-12 && basis[row] < basis[leaving!]) {
                    bestRatio = ratio
                    leaving = row
                }
            }
            guard let row = leaving else { return .unbounded }
            pivot(&tableau, row: row, column: column)
            basis[row] = column
        }
        return .optimum(0)
    }

    private func pivot(_ tableau: inout [[Double]], row: Int, column: Int) {
        let divisor = tableau[row][column]
        for j in tableau[row].indices { tableau[row][j] /= divisor }
        for i in tableau.indices where i != row {
            let factor = tableau[i][column]
            if factor == 0 { continue }
            for j in tableau[i].indices { tableau[i][j] -= factor * tableau[row][j] }
        }
    }
}
