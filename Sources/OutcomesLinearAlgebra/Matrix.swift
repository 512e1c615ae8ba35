import CBLAS
import CLAPACKE

/// A dense matrix of `Double` in column-major order, the layout BLAS and LAPACK expect.
///
/// Element (i, j) is stored at `storage[i + j * rows]`. Products, Gram matrices, factorizations,
/// solves, inverses and eigen-decompositions go through OpenBLAS and LAPACKE.
public struct Matrix: Equatable, Sendable {
    /// Number of rows.
    public let rows: Int
    /// Number of columns.
    public let columns: Int
    /// Column-major elements; `storage.count == rows * columns`. Mutate elements, never the count.
    public var storage: [Double]

    /// A `rows` × `columns` matrix filled with `value`.
    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "Matrix dimensions must be non-negative")
        self.rows = rows
        self.columns = columns
        self.storage = Array(repeating: value, count: rows * columns)
    }

    /// A matrix over existing column-major storage.
    public init(rows: Int, columns: Int, columnMajor storage: [Double]) throws(LinearAlgebraError) {
        guard rows >= 0, columns >= 0, storage.count == rows * columns else {
            throw .dimensionMismatch("\(storage.count) elements cannot form a \(rows)×\(columns) matrix")
        }
        self.rows = rows
        self.columns = columns
        self.storage = storage
    }

    /// A matrix from rows given as arrays (convenient in tests and small examples).
    public init(_ rowArrays: [[Double]]) throws(LinearAlgebraError) {
        let r = rowArrays.count
        let c = rowArrays.first?.count ?? 0
        guard rowArrays.allSatisfy({ $0.count == c }) else {
            throw .dimensionMismatch("rows have different lengths")
        }
        var s = [Double](repeating: 0, count: r * c)
        for i in 0..<r { for j in 0..<c { s[i + j * r] = rowArrays[i][j] } }
        self.rows = r
        self.columns = c
        self.storage = s
    }

    /// The n × n identity matrix.
    public static func identity(_ n: Int) -> Matrix {
        var m = Matrix(rows: n, columns: n)
        for i in 0..<n { m.storage[i + i * n] = 1 }
        return m
    }

    /// Element at row `i`, column `j` (zero-based).
    @inlinable
    public subscript(i: Int, j: Int) -> Double {
        get {
            assert(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix index out of range")
            return storage[i + j * rows]
        }
        set {
            assert(i >= 0 && i < rows && j >= 0 && j < columns, "Matrix index out of range")
            storage[i + j * rows] = newValue
        }
    }

    /// Column `j` as an array.
    public func column(_ j: Int) -> [Double] {
        Array(storage[(j * rows)..<((j + 1) * rows)])
    }

    /// The diagonal elements.
    public var diagonal: [Double] {
        (0..<Swift.min(rows, columns)).map { self[$0, $0] }
    }

    /// The transpose.
    public var transposed: Matrix {
        var t = Matrix(rows: columns, columns: rows)
        for j in 0..<columns { for i in 0..<rows { t.storage[j + i * columns] = storage[i + j * rows] } }
        return t
    }

    /// Throws `nonFinite` when any element is NaN or infinite.
    public func checkFinite() throws(LinearAlgebraError) {
        if let k = storage.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(row: k % Swift.max(rows, 1), column: k / Swift.max(rows, 1), value: storage[k])
        }
    }
}
