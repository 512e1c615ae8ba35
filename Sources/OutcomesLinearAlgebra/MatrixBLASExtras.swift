import CBLAS

extension Matrix {
    /// The cross product `selfᵀ × other` through `dgemm` (no explicit transpose is formed).
    public func transposeMultiplied(by other: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard rows == other.rows else {
            throw .dimensionMismatch("cannot form Aᵀ B with A \(rows)×\(columns) and B \(other.rows)×\(other.columns)")
        }
        return gemm(transposingSelf: true, other)
    }

    /// `selfᵀ · diag(w) · self` for weights of any sign (one `dgemm` on a row-scaled copy).
    /// Use `weightedGram` when the weights are known to be non-negative: `dsyrk` is about twice as fast.
    public func signedWeightedGram(_ weights: [Double]) throws(LinearAlgebraError) -> Matrix {
        guard weights.count == rows else { throw .dimensionMismatch("\(weights.count) weights for \(rows) rows") }
        var scaled = self
        for j in 0..<columns {
            let base = j * rows
            for i in 0..<rows { scaled.storage[base + i] *= weights[i] }
        }
        return try transposeMultiplied(by: scaled)
    }
}

extension Matrix {
    /// The Gram matrix `Bᵀ B` (columns × columns, both triangles filled) of the column-major `rows × columns`
    /// block at the start of `buffer`, through `dsyrk`. Lets a caller reuse one scratch buffer across calls
    /// instead of allocating a scaled copy each time.
    public static func gram(ofColumnMajor buffer: [Double], rows: Int, columns: Int) throws(LinearAlgebraError) -> Matrix {
        guard rows >= 0, columns >= 0, buffer.count >= rows * columns else {
            throw .dimensionMismatch("a buffer of \(buffer.count) elements cannot hold a \(rows)×\(columns) block")
        }
        var g = Matrix(rows: columns, columns: columns)
        if rows == 0 || columns == 0 { return g }
        buffer.withUnsafeBufferPointer { a in
            g.storage.withUnsafeMutableBufferPointer { c in
                BLASThreads.applyProcessDefault()
                cblas_dsyrk(CblasColMajor, CblasUpper, CblasTrans, Int32(columns), Int32(rows),
                            1.0, a.baseAddress, Int32(rows), 0.0, c.baseAddress, Int32(columns))
            }
        }
        g.symmetrizeFromUpper()
        return g
    }
}
