import Foundation
import CLAPACKE

/// The Cholesky factor `L` (lower triangular) of a symmetric positive-definite matrix, `A = L Lᵀ`.
public struct CholeskyFactorization: Sendable {
    /// Column-major n × n; the lower triangle holds `L`, the upper triangle is zero.
    public let lower: Matrix

    /// Factorizes `a` with LAPACK `dpotrf`. Only the lower triangle of `a` is read.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        guard a.rows == a.columns else { throw .dimensionMismatch("Cholesky needs a square matrix, got \(a.rows)×\(a.columns)") }
        try a.checkFinite()
        var l = a
        let n = a.rows
        if n > 0 {
            let info = l.storage.withUnsafeMutableBufferPointer { p in
                BLASThreads.applyProcessDefault()
                return LAPACKE_dpotrf(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), p.baseAddress, Int32(n))
            }
            if info > 0 { throw .notPositiveDefinite(column: Int(info) - 1) }
            if info < 0 { throw .lapackFailure(routine: "dpotrf", info: Int(info)) }
        }
        for j in 0..<n { for i in 0..<j { l.storage[i + j * n] = 0 } }
        lower = l
    }

    /// Solves `A X = B` with `dpotrs`.
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        let n = lower.rows
        guard b.rows == n else { throw .dimensionMismatch("right-hand side has \(b.rows) rows, expected \(n)") }
        var x = b
        if n == 0 || b.columns == 0 { return x }
        let info = lower.storage.withUnsafeBufferPointer { l in
            x.storage.withUnsafeMutableBufferPointer { p in
                BLASThreads.applyProcessDefault()
                return LAPACKE_dpotrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), Int32(b.columns),
                               l.baseAddress, Int32(n), p.baseAddress, Int32(n))
            }
        }
        if info != 0 { throw .lapackFailure(routine: "dpotrs", info: Int(info)) }
        return x
    }

    /// Solves `A x = b` for a vector.
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        try solve(Matrix(rows: b.count, columns: 1, columnMajor: b)).storage
    }

    /// `A⁻¹` with `dpotri`, both triangles filled.
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        let n = lower.rows
        var inv = lower
        if n == 0 { return inv }
        let info = inv.storage.withUnsafeMutableBufferPointer { p in
            BLASThreads.applyProcessDefault()
            return LAPACKE_dpotri(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "L")), Int32(n), p.baseAddress, Int32(n))
        }
        if info > 0 { throw .singular(column: Int(info) - 1) }
        if info < 0 { throw .lapackFailure(routine: "dpotri", info: Int(info)) }
        for j in 0..<n { for i in 0..<j { inv.storage[i + j * n] = inv.storage[j + i * n] } }
        return inv
    }

    /// log det A = 2 Σ log Lᵢᵢ.
    public var logDeterminant: Double {
        lower.diagonal.reduce(0) { $0 + 2 * _log($1) }
    }
}

/// The LU factorization with partial pivoting, `P A = L U`, from LAPACK `dgetrf`.
public struct LUFactorization: Sendable {
    /// Packed `L` (unit lower, below the diagonal) and `U` (on and above it).
    public let packed: Matrix
    /// One-based pivot indices as LAPACK returns them.
    public let pivots: [Int32]

    /// Factorizes a square matrix; throws `singular` on an exactly zero pivot.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        guard a.rows == a.columns else { throw .dimensionMismatch("LU needs a square matrix, got \(a.rows)×\(a.columns)") }
        try a.checkFinite()
        var m = a
        let n = a.rows
        var ipiv = [Int32](repeating: 0, count: n)
        if n > 0 {
            let info = m.storage.withUnsafeMutableBufferPointer { p in
                ipiv.withUnsafeMutableBufferPointer { ip in
                    BLASThreads.applyProcessDefault()
                    return LAPACKE_dgetrf(LAPACK_COL_MAJOR, Int32(n), Int32(n), p.baseAddress, Int32(n), ip.baseAddress)
                }
            }
            if info > 0 { throw .singular(column: Int(info) - 1) }
            if info < 0 { throw .lapackFailure(routine: "dgetrf", info: Int(info)) }
        }
        packed = m
        pivots = ipiv
    }

    /// Solves `A X = B` with `dgetrs`.
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        let n = packed.rows
        guard b.rows == n else { throw .dimensionMismatch("right-hand side has \(b.rows) rows, expected \(n)") }
        var x = b
        if n == 0 || b.columns == 0 { return x }
        let info = packed.storage.withUnsafeBufferPointer { a in
            pivots.withUnsafeBufferPointer { ip in
                x.storage.withUnsafeMutableBufferPointer { p in
                    BLASThreads.applyProcessDefault()
                    return LAPACKE_dgetrs(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(n), Int32(b.columns),
                                   a.baseAddress, Int32(n), ip.baseAddress, p.baseAddress, Int32(n))
                }
            }
        }
        if info != 0 { throw .lapackFailure(routine: "dgetrs", info: Int(info)) }
        return x
    }

    /// `A⁻¹` with `dgetri`.
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        let n = packed.rows
        var inv = packed
        if n == 0 { return inv }
        var ipiv = pivots
        let info = inv.storage.withUnsafeMutableBufferPointer { p in
            ipiv.withUnsafeMutableBufferPointer { ip in
                BLASThreads.applyProcessDefault()
                return LAPACKE_dgetri(LAPACK_COL_MAJOR, Int32(n), p.baseAddress, Int32(n), ip.baseAddress)
            }
        }
        if info > 0 { throw .singular(column: Int(info) - 1) }
        if info < 0 { throw .lapackFailure(routine: "dgetri", info: Int(info)) }
        return inv
    }

    /// The determinant, from the diagonal of `U` and the pivot parity.
    public var determinant: Double {
        var d = 1.0
        for i in 0..<packed.rows {
            d *= packed[i, i]
            if pivots[i] != Int32(i + 1) { d = -d }
        }
        return d
    }
}

/// Eigenvalues (ascending) and orthonormal eigenvectors (columns) of a symmetric matrix, from `dsyevd`.
public struct SymmetricEigenDecomposition: Sendable {
    /// Eigenvalues in ascending order.
    public let values: [Double]
    /// Column `k` is the unit eigenvector for `values[k]`.
    public let vectors: Matrix

    /// Decomposes `a`; only its lower triangle is read.
    public init(_ a: Matrix) throws(LinearAlgebraError) {
        guard a.rows == a.columns else { throw .dimensionMismatch("eigen-decomposition needs a square matrix, got \(a.rows)×\(a.columns)") }
        try a.checkFinite()
        let n = a.rows
        var v = a
        var w = [Double](repeating: 0, count: n)
        if n > 0 {
            let info = v.storage.withUnsafeMutableBufferPointer { p in
                w.withUnsafeMutableBufferPointer { wp in
                    BLASThreads.applyProcessDefault()
                    return LAPACKE_dsyevd(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "V")), CChar(UInt8(ascii: "L")),
                                   Int32(n), p.baseAddress, Int32(n), wp.baseAddress)
                }
            }
            if info != 0 { throw .lapackFailure(routine: "dsyevd", info: Int(info)) }
        }
        values = w
        vectors = v
    }
}

extension Matrix {
    /// `A⁻¹ B` by LU (`dgesv`-equivalent: `dgetrf` then `dgetrs`).
    public func solve(_ b: Matrix) throws(LinearAlgebraError) -> Matrix {
        try LUFactorization(self).solve(b)
    }

    /// `A⁻¹` by LU.
    public func inverse() throws(LinearAlgebraError) -> Matrix {
        try LUFactorization(self).inverse()
    }
}

func _log(_ x: Double) -> Double { Foundation.log(x) }
