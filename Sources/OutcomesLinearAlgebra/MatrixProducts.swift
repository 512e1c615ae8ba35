import CBLAS

extension Matrix {
    /// The product `self × other` through `dgemm`.
    public func multiplied(by other: Matrix) throws(LinearAlgebraError) -> Matrix {
        guard columns == other.rows else {
            throw .dimensionMismatch("cannot multiply \(rows)×\(columns) by \(other.rows)×\(other.columns)")
        }
        return gemm(transposingSelf: false, other)
    }

    /// `op(self) × other` through one `dgemm` call, op being the identity or the transpose (never formed).
    /// Shapes must already be checked by the caller.
    func gemm(transposingSelf: Bool, _ other: Matrix) -> Matrix {
        let m = transposingSelf ? columns : rows, k = transposingSelf ? rows : columns
        var result = Matrix(rows: m, columns: other.columns)
        if m == 0 || other.columns == 0 || k == 0 { return result }
        storage.withUnsafeBufferPointer { a in
            other.storage.withUnsafeBufferPointer { b in
                result.storage.withUnsafeMutableBufferPointer { c in
                    BLASThreads.applyProcessDefault()
                    cblas_dgemm(CblasColMajor, transposingSelf ? CblasTrans : CblasNoTrans, CblasNoTrans,
                                Int32(m), Int32(other.columns), Int32(k),
                                1.0, a.baseAddress, Int32(max(rows, 1)), b.baseAddress, Int32(max(other.rows, 1)),
                                0.0, c.baseAddress, Int32(max(m, 1)))
                }
            }
        }
        return result
    }

    /// The matrix–vector product `self × x` through `dgemv`.
    public func multiplied(by x: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard columns == x.count else {
            throw .dimensionMismatch("cannot multiply \(rows)×\(columns) by a vector of length \(x.count)")
        }
        var y = [Double](repeating: 0, count: rows)
        if rows == 0 || columns == 0 { return y }
        storage.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeMutableBufferPointer { yb in
                    BLASThreads.applyProcessDefault()
                    cblas_dgemv(CblasColMajor, CblasNoTrans, Int32(rows), Int32(columns), 1.0,
                                a.baseAddress, Int32(rows), xb.baseAddress, 1, 0.0, yb.baseAddress, 1)
                }
            }
        }
        return y
    }

    /// The Gram matrix `selfᵀ × self` (columns × columns) through `dsyrk`, with both triangles filled.
    public func gram() -> Matrix {
        do { return try Matrix.gram(ofColumnMajor: storage, rows: rows, columns: columns) } catch {
            preconditionFailure("a matrix's storage holds exactly rows × columns elements: \(error)")
        }
    }

    /// The weighted Gram matrix `selfᵀ · diag(w) · self` through `dsyrk` on √w-scaled rows.
    /// Weights must be non-negative.
    public func weightedGram(_ weights: [Double]) throws(LinearAlgebraError) -> Matrix {
        guard weights.count == rows else {
            throw .dimensionMismatch("\(weights.count) weights for \(rows) rows")
        }
        var scaled = self
        let roots = weights.map { $0.squareRoot() }
        for j in 0..<columns {
            let base = j * rows
            for i in 0..<rows { scaled.storage[base + i] *= roots[i] }
        }
        return scaled.gram()
    }

    /// Copies the upper triangle into the lower one.
    mutating func symmetrizeFromUpper() {
        let n = rows
        for j in 0..<n { for i in (j + 1)..<Swift.max(n, j + 1) where i < n { storage[i + j * n] = storage[j + i * n] } }
    }

    /// Element-wise sum.
    public static func + (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix + requires equal shapes")
        var r = lhs
        for k in 0..<r.storage.count { r.storage[k] += rhs.storage[k] }
        return r
    }

    /// Element-wise difference.
    public static func - (lhs: Matrix, rhs: Matrix) -> Matrix {
        precondition(lhs.rows == rhs.rows && lhs.columns == rhs.columns, "Matrix - requires equal shapes")
        var r = lhs
        for k in 0..<r.storage.count { r.storage[k] -= rhs.storage[k] }
        return r
    }

    /// Scalar multiple.
    public static func * (lhs: Double, rhs: Matrix) -> Matrix {
        var r = rhs
        for k in 0..<r.storage.count { r.storage[k] *= lhs }
        return r
    }
}
