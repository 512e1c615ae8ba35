import Foundation

extension Matrix {
    /// Columns that are linear combinations of earlier columns, found from the Gram matrix `self` = XᵀX by a
    /// Cholesky factorization that skips a column whose residual norm, after projection on the earlier kept
    /// columns, is below `tolerance` times its own norm. This is the rule of R's `lm`/`glm` (LINPACK `dqrdc2`
    /// with limited pivoting, tolerance 1e-7): an aliased column is the later one, the earlier ones are kept.
    /// Returns the indices of the aliased columns in increasing order. With `norms`, a column's own norm² is read
    /// from its diagonal instead (`self` a Schur complement, `norms` the Gram matrix before a block was eliminated).
    public func collinearColumns(tolerance: Double = 1e-7, norms: Matrix? = nil) throws(LinearAlgebraError) -> [Int] {
        guard rows == columns else { throw .dimensionMismatch("collinearity check needs a square Gram matrix, got \(rows)×\(columns)") }
        try checkFinite()
        let p = rows
        var l = Matrix(rows: p, columns: p)
        var kept: [Int] = [], aliased: [Int] = []
        for j in 0..<p {
            let norm2 = norms?[j, j] ?? self[j, j]
            var residual = self[j, j]
            for k in kept { residual -= l[j, k] * l[j, k] }
            if norm2 <= 0 || residual <= 0 || residual.squareRoot() < tolerance * norm2.squareRoot() {
                aliased.append(j)
                continue
            }
            let d = residual.squareRoot()
            l[j, j] = d
            for i in (j + 1)..<max(p, j + 1) {
                var s = self[i, j]
                for k in kept { s -= l[i, k] * l[j, k] }
                l[i, j] = s / d
            }
            kept.append(j)
        }
        return aliased
    }

    /// The rows at `indices` (in that order, repeats allowed), every column.
    public func selecting(rows indices: [Int]) -> Matrix {
        let total = rows
        var m = Matrix(rows: indices.count, columns: columns)
        storage.withUnsafeBufferPointer { from in
            m.storage.withUnsafeMutableBufferPointer { to in
                for j in 0..<columns {
                    let source = j * total, target = j * indices.count
                    for (a, i) in indices.enumerated() { to[target + a] = from[source + i] }
                }
            }
        }
        return m
    }

    /// The square submatrix on `indices` (rows and columns), or the column subset when `rowsToo` is false.
    public func selecting(columns indices: [Int], rowsToo: Bool = false) -> Matrix {
        if indices == Array(0..<columns) && (!rowsToo || rows == columns) { return self }   // shares storage
        if rowsToo {
            var m = Matrix(rows: indices.count, columns: indices.count)
            for (b, j) in indices.enumerated() { for (a, i) in indices.enumerated() { m[a, b] = self[i, j] } }
            return m
        }
        var data: [Double] = []
        data.reserveCapacity(rows * indices.count)
        for j in indices { data += storage[(j * rows)..<((j + 1) * rows)] }
        var m = Matrix(rows: rows, columns: indices.count)
        m.storage = data
        return m
    }
}
