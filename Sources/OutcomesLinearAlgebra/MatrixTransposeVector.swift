import CBLAS

extension Matrix {
    /// The product `selfᵀ × x` through `dgemv` (no transpose is formed).
    public func transposeMultiplied(by x: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard rows == x.count else {
            throw .dimensionMismatch("cannot form Aᵀx with A \(rows)×\(columns) and a vector of length \(x.count)")
        }
        var y = [Double](repeating: 0, count: columns)
        if rows == 0 || columns == 0 { return y }
        storage.withUnsafeBufferPointer { a in
            x.withUnsafeBufferPointer { xb in
                y.withUnsafeMutableBufferPointer { yb in
                    BLASThreads.applyProcessDefault()
                    cblas_dgemv(CblasColMajor, CblasTrans, Int32(rows), Int32(columns), 1.0,
                                a.baseAddress, Int32(rows), xb.baseAddress, 1, 0.0, yb.baseAddress, 1)
                }
            }
        }
        return y
    }
}
