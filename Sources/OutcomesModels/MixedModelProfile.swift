import Foundation
import OutcomesLinearAlgebra

/// The profiled deviance of a linear mixed model with one grouping factor, as lme4 defines it.
///
/// With relative covariance factor Λ(θ) (lower triangular, q × q) the marginal covariance of group i is
/// σ²(I + Zᵢ Λ Λᵀ Zᵢᵀ). Per group, Mᵢ = I + Λᵀ ZᵢᵀZᵢ Λ = Lᵢ Lᵢᵀ; with Cᵢ = Lᵢ⁻¹ Λᵀ ZᵢᵀXᵢ and cᵢ = Lᵢ⁻¹ Λᵀ Zᵢᵀyᵢ,
/// XᵀV⁻¹X = XᵀX − Σ CᵢᵀCᵢ (one `dsyrk` on the stacked Cᵢ), XᵀV⁻¹y = Xᵀy − Σ Cᵢᵀcᵢ (one `dgemv`).
/// Only group-level cross-products are kept, so one evaluation costs O(G q p²) whatever the number of rows.
struct MixedModelProfile {
    let n: Int, p: Int, q: Int, groups: Int
    let xtx: Matrix
    let xty: [Double]
    let yty: Double
    /// Per group, ZᵢᵀZᵢ (q × q, row-major), ZᵢᵀXᵢ (q × p, row-major) and Zᵢᵀyᵢ.
    let ztz: [Double], ztx: [Double], zty: [Double]

    init(x: Matrix, z: Matrix, y: [Double], groups codes: [Int], groupCount: Int) throws(ModelError) {
        n = x.rows; p = x.columns; q = z.columns; groups = groupCount
        xtx = x.gram()
        do { xty = try x.transposeMultiplied(by: y) } catch { throw ModelError(error.description) }
        yty = y.reduce(0) { $0 + $1 * $1 }
        var ztz = [Double](repeating: 0, count: groupCount * q * q)
        var ztx = [Double](repeating: 0, count: groupCount * q * p)
        var zty = [Double](repeating: 0, count: groupCount * q)
        for i in 0..<n {
            let g = codes[i]
            for a in 0..<q {
                let za = z[i, a]
                if za == 0 { continue }
                for b in 0..<q { ztz[(g * q + a) * q + b] += za * z[i, b] }
                for j in 0..<p { ztx[(g * q + a) * p + j] += za * x[i, j] }
                zty[g * q + a] += za * y[i]
            }
        }
        self.ztz = ztz; self.ztx = ztx; self.zty = zty
    }

    /// Λ from θ (lower triangle by columns, as lme4).
    func lambda(_ theta: [Double]) -> [Double] {
        var l = [Double](repeating: 0, count: q * q)   // row-major
        var k = 0
        for j in 0..<q { for i in j..<q { l[i * q + j] = theta[k]; k += 1 } }
        return l
    }

    struct Evaluation {
        var logDetM: Double
        var xtvx: Matrix
        var xtvy: [Double]
        var ytvy: Double
        var beta: [Double]
        var r2: Double
        var logDetXtVX: Double
        var factor: CholeskyFactorization
    }

    func evaluate(_ theta: [Double]) throws(ModelError) -> Evaluation {
        let lam = lambda(theta)
        var stacked = [Double](repeating: 0, count: groups * q * p)   // column-major (G q) × p
        var cvec = [Double](repeating: 0, count: groups * q)
        var logDetM = 0.0
        let rowsC = groups * q
        var m = [Double](repeating: 0, count: q * q), t = m, a = [Double](repeating: 0, count: q * p), b = [Double](repeating: 0, count: q)
        for g in 0..<groups {
            // t = ZᵀZ Λ, then M = Λᵀ t + I (q is small: a few scalar operations per group).
            for i in 0..<q { for j in 0..<q {
                var s = 0.0
                for k in 0..<q { s += ztz[(g * q + i) * q + k] * lam[k * q + j] }
                t[i * q + j] = s
            } }
            for i in 0..<q { for j in 0...i {
                var s = 0.0
                for k in 0..<q { s += lam[k * q + i] * t[k * q + j] }
                m[i * q + j] = s + (i == j ? 1 : 0)
            } }
            // In-place Cholesky of M (lower).
            for j in 0..<q {
                var d = m[j * q + j]
                for k in 0..<j { d -= m[j * q + k] * m[j * q + k] }
                guard d > 0 else { throw ModelError("the random-effects factor is not positive definite at θ = \(theta)") }
                let r = d.squareRoot()
                m[j * q + j] = r
                logDetM += 2 * log(r)
                for i in (j + 1)..<max(q, j + 1) {
                    var s = m[i * q + j]
                    for k in 0..<j { s -= m[i * q + k] * m[j * q + k] }
                    m[i * q + j] = s / r
                }
            }
            // A = Λᵀ ZᵀX, b = Λᵀ Zᵀy, then forward-solve L C = A, L c = b.
            for i in 0..<q {
                for j in 0..<p {
                    var s = 0.0
                    for k in i..<q { s += lam[k * q + i] * ztx[(g * q + k) * p + j] }
                    a[i * p + j] = s
                }
                var s = 0.0
                for k in i..<q { s += lam[k * q + i] * zty[g * q + k] }
                b[i] = s
            }
            for i in 0..<q {
                for j in 0..<p {
                    var s = a[i * p + j]
                    for k in 0..<i { s -= m[i * q + k] * a[k * p + j] }
                    a[i * p + j] = s / m[i * q + i]
                    stacked[(g * q + i) + j * rowsC] = a[i * p + j]
                }
                var s = b[i]
                for k in 0..<i { s -= m[i * q + k] * b[k] }
                b[i] = s / m[i * q + i]
                cvec[g * q + i] = b[i]
            }
        }
        do {
            let ctc = try Matrix.gram(ofColumnMajor: stacked, rows: rowsC, columns: p)
            let ctcv = try Matrix(rows: rowsC, columns: p, columnMajor: stacked).transposeMultiplied(by: cvec)
            let xtvx = xtx - ctc
            let xtvy = zip(xty, ctcv).map(-)
            let ytvy = yty - cvec.reduce(0) { $0 + $1 * $1 }
            let factor = try CholeskyFactorization(xtvx)
            let beta = try factor.solve(xtvy)
            let r2 = ytvy - zip(beta, xtvy).map(*).reduce(0, +)
            return Evaluation(logDetM: logDetM, xtvx: xtvx, xtvy: xtvy, ytvy: ytvy, beta: beta, r2: r2,
                              logDetXtVX: factor.logDeterminant, factor: factor)
        } catch {
            throw ModelError("the fixed-effects cross-product matrix is singular (\(error.description))")
        }
    }

    /// −2 × the profiled (RE)ML log-likelihood.
    func deviance(_ e: Evaluation, reml: Bool) -> Double {
        let nn = Double(reml ? n - p : n)
        return e.logDetM + (reml ? e.logDetXtVX : 0) + nn * (1 + log(2 * Double.pi * e.r2 / nn))
    }

    /// −2 × the (RE)ML log-likelihood at (θ, σ), not profiled (for the Satterthwaite Hessian, as lmerTest).
    func deviance(theta: [Double], sigma: Double, reml: Bool) -> Double {
        guard let e = try? evaluate(theta) else { return .infinity }
        let s2 = sigma * sigma
        let nn = Double(reml ? n - p : n)
        return e.logDetM + (reml ? e.logDetXtVX : 0) + nn * log(2 * Double.pi * s2) + e.r2 / s2
    }
}
