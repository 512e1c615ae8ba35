/// Errors from matrix operations. Indices are zero-based.
public enum LinearAlgebraError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The operands' shapes do not fit the operation.
    case dimensionMismatch(String)
    /// Cholesky failed: the leading minor ending at `column` is not positive definite.
    case notPositiveDefinite(column: Int)
    /// LU found an exactly zero pivot at `column`: the matrix is singular.
    case singular(column: Int)
    /// An element is NaN or infinite.
    case nonFinite(row: Int, column: Int, value: Double)
    /// LAPACK reported an argument error or a failure to converge (its `info` code).
    case lapackFailure(routine: String, info: Int)

    public var description: String {
        switch self {
        case .dimensionMismatch(let s): return "dimension mismatch: \(s)"
        case .notPositiveDefinite(let c): return "matrix is not positive definite (leading minor at column \(c) is not positive)"
        case .singular(let c): return "matrix is singular (zero pivot at column \(c))"
        case .nonFinite(let r, let c, let v): return "non-finite element \(v) at row \(r), column \(c)"
        case .lapackFailure(let routine, let info): return "LAPACK \(routine) failed with info = \(info)"
        }
    }
}
