import CBLAS

extension CholeskyFactorization {
    /// `L⁻¹ B` (forward substitution with the Cholesky factor) through `dtrsm`: whitens the rows of `B`
    /// for the covariance `A = L Lᵀ`, so that (L⁻¹B)ᵀ(L⁻¹B) = Bᵀ A⁻¹ B.
    public func solveLower(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        let n = lower.rows
        guard b.rows == n else { throw .dimensionMismatch("right-hand side has \(b.rows) rows, expected \(n)") }
        var x = b
        if n == 0 || b.columns == 0 { return x }
        lower.storage.withUnsafeBufferPointer { l in
            x.storage.withUnsafeMutableBufferPointer { p in
                BLASThreads.applyProcessDefault()
                cblas_dtrsm(CblasColMajor, CblasLeft, CblasLower, CblasNoTrans, CblasNonUnit, Int32(n), Int32(b.columns),
                            1.0, l.baseAddress, Int32(n), p.baseAddress, Int32(n))
            }
        }
        return x
    }
}
