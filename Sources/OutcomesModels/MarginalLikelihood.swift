import Foundation
import OutcomesLinearAlgebra

/// The (RE)ML deviance of a GLS model whose subjects share one visit covariance Σ.
///
/// Subjects seen at the same visits share one block Σₖ of Σ, so XᵀΣ⁻¹X, XᵀΣ⁻¹y and yᵀΣ⁻¹y are sums over visit
/// patterns of Σₖ⁻¹ contracted with the pattern's cross-products of `[X | y]` between visits. Those cross-products
/// do not depend on Σ: they are formed once (one `dsyrk` per pattern) when the likelihood is built, and every
/// evaluation then costs a few small factorizations, whatever the number of subjects. (Whitening subject by subject
/// in each of the optimizer's hundreds of evaluations was most of a report's time at tens of thousands of patients.)
struct MarginalLikelihood {
    let rows: Int
    let columns: Int
    let visits: Int
    let subjects: Int

    /// Subjects seen at the same visits.
    struct Pattern {
        let visits: [Int]
        let count: Int
        /// m(p+1) × m(p+1): block (a, b) is Σ over the pattern's subjects of zₐᵀ z_b, where zₐ is the subject's
        /// row of `[X | y]` at its a-th visit.
        let crossProducts: Matrix
    }
    let patterns: [Pattern]

    /// - Parameter subjectRows: the rows of each subject, sorted by visit; `visitOf` gives each row's visit index.
    init(x: Matrix, y: [Double], visits: Int, subjectRows: [[Int]], visitOf: [Int]) throws(LinearAlgebraError) {
        let p = x.columns, q = p + 1
        var indexOf: [[Int]: Int] = [:]
        var members: [[[Int]]] = []
        var keys: [[Int]] = []
        for rows in subjectRows {
            let pattern = rows.map { visitOf[$0] }
            if let k = indexOf[pattern] { members[k].append(rows) } else {
                indexOf[pattern] = keys.count
                keys.append(pattern)
                members.append([rows])
            }
        }
        var patterns: [Pattern] = []
        for (k, pattern) in keys.enumerated() {
            let s = members[k].count, width = pattern.count * q
            // Column-major s × m(p+1): column a(p+1)+j holds every subject's value of column j at its a-th visit.
            var z = [Double](repeating: 0, count: s * width)
            for (i, rows) in members[k].enumerated() {
                for (a, r) in rows.enumerated() {
                    for j in 0..<p { z[i + (a * q + j) * s] = x[r, j] }
                    z[i + (a * q + p) * s] = y[r]
                }
            }
            patterns.append(Pattern(visits: pattern, count: s, crossProducts: try Matrix.gram(ofColumnMajor: z, rows: s, columns: width)))
        }
        self.rows = x.rows
        self.columns = p
        self.visits = visits
        self.subjects = subjectRows.count
        self.patterns = patterns
    }

    struct Evaluation {
        var deviance: Double
        var beta: [Double]
        var xtvx: Matrix
        var factor: CholeskyFactorization
    }

    func evaluate(_ structure: CovarianceStructure, _ theta: [Double], reml: Bool) -> Evaluation? {
        let t = visits, n = rows, p = columns, q = p + 1
        let sigma = structure.covariance(theta, visits: t)
        guard sigma.allSatisfy(\.isFinite) else { return nil }
        var all = [Double](repeating: 0, count: q * q)   // column-major [X | y]ᵀ Σ⁻¹ [X | y]
        var logDet = 0.0
        for pattern in patterns {
            let m = pattern.visits.count, width = m * q
            var block = Matrix(rows: m, columns: m)
            for (a, va) in pattern.visits.enumerated() { for (b, vb) in pattern.visits.enumerated() { block[a, b] = sigma[va * t + vb] } }
            guard let chol = try? CholeskyFactorization(block), let inverse = try? chol.inverse() else { return nil }
            logDet += Double(pattern.count) * chol.logDeterminant
            pattern.crossProducts.storage.withUnsafeBufferPointer { c in
                for b in 0..<m {
                    for a in 0..<m {
                        let w = inverse[a, b]
                        if w == 0 { continue }
                        for jj in 0..<q {
                            let column = (b * q + jj) * width + a * q
                            for ii in 0..<q { all[ii + jj * q] += w * c[column + ii] }
                        }
                    }
                }
            }
        }
        guard let whole = try? Matrix(rows: q, columns: q, columnMajor: all) else { return nil }
        let xtvx = whole.selecting(columns: Array(0..<p), rowsToo: true)
        let xtvy = (0..<p).map { whole[$0, p] }
        guard let factor = try? CholeskyFactorization(xtvx), let beta = try? factor.solve(xtvy) else { return nil }
        let rss = whole[p, p] - zip(beta, xtvy).map(*).reduce(0, +)
        let dev = logDet + rss + (reml ? factor.logDeterminant + Double(n - p) * log(2 * Double.pi) : Double(n) * log(2 * Double.pi))
        return dev.isFinite ? Evaluation(deviance: dev, beta: beta, xtvx: xtvx, factor: factor) : nil
    }
}
