import Foundation
import OutcomesLinearAlgebra

/// Fitted probabilities of the logistic regression `y ~ dense + factor(group)` (R's `glm(…, binomial)`), with the
/// factor's coefficients solved for in closed form inside each IRLS step instead of as design columns.
///
/// A factor's indicator columns are disjoint, so their block of XᵀWX is diagonal: eliminating it (the Schur
/// complement) leaves a q × q system for the dense columns, and each step costs O(n q²) whatever the number of
/// levels. With the indicators as dense columns (p = levels + q) a step costs O(n p²) and the design n p doubles;
/// a covariate such as the site, whose levels grow with the data, made that quadratic in the number of rows.
///
/// The column space is that of R's treatment coding with an intercept (one coefficient per level replaces the
/// intercept and the level contrasts), so the fitted values are R's; coefficients are not returned. IRLS follows
/// `glm.fit`: `mustart = (y + 0.5)/2`, convergence when |dev − dev_old| / (|dev| + 0.1) < ε, step halving when the
/// deviance is not finite. Dense columns that are linear combinations of the factor and earlier columns are dropped
/// first (R's rule: residual norm below 1e-7 of the column's norm).
public enum AbsorbedFactorLogistic {
    public struct Fit: Sendable {
        /// Fitted probabilities, in row order.
        public let fitted: [Double]
        public let deviance: Double
        public let iterations: Int
        public let converged: Bool
        /// Dense columns dropped as aliased.
        public let aliased: [Int]
        /// Levels whose rows all have the same outcome: their coefficient diverges (the fitted probabilities of
        /// their rows go to 0 or 1).
        public let separatedLevels: [Int]
        /// R's warnings where they apply (non-convergence, fitted probabilities numerically 0 or 1), and the same
        /// separation note as ``GeneralizedLinearModel``.
        public let notes: [String]
    }

    /// - Parameters:
    ///   - dense: n × q covariates without an intercept (q may be 0).
    ///   - group: each row's level, in `0..<levels` (levels without rows are allowed and ignored).
    ///   - y: the 0/1 outcome.
    ///   - names: the dense columns' names, for the notes (indices when absent); `groupName` names the factor.
    ///   - weights: prior weights (R's `weights =`), each positive; a row of integer weight k is k copies of it (the
    ///     same maximum, the same aliased columns, one row's work), as a bootstrap replicate's drawn counts.
    ///   - etaStart: starting linear predictor (R's `etastart`), e.g. a fit to similar data such as the full sample
    ///     for a bootstrap replicate: the same maximum, usually in fewer iterations. Default: `mustart = (y + 0.5)/2`.
    public static func fit(dense: Matrix, names: [String] = [], group: [Int], levels: Int, groupName: String = "group", y: [Bool],
                           weights: [Double]? = nil, etaStart: [Double]? = nil, epsilon: Double = 1e-8,
                           maxIterations: Int = 25) throws(ModelError) -> Fit {
        let n = y.count, family = GLMFamily.binomial
        guard dense.rows == n, group.count == n else { throw ModelError("the design, groups and outcome differ in length") }
        guard n > 0 else { throw ModelError("no rows") }
        if let weights {
            guard weights.count == n else { throw ModelError("\(weights.count) prior weights for \(n) rows") }
            if let i = weights.firstIndex(where: { !($0 > 0 && $0.isFinite) }) {
                throw ModelError("row \(i + 1) has prior weight \(weights[i]); prior weights must be positive and finite")
            }
        }
        let prior = weights ?? [Double](repeating: 1, count: n)
        if let i = group.firstIndex(where: { $0 < 0 || $0 >= levels }) { throw ModelError("row \(i + 1) has group \(group[i]) outside 0..<\(levels)") }
        let yv = y.map { $0 ? 1.0 : 0.0 }

        let aliased: [Int]
        do {
            let gram = dense.columns == 0 ? Matrix(rows: 0, columns: 0) : try dense.weightedGram(prior)
            // R's rule on [factor | dense]: a column's residual after the factor and the earlier columns, against its own norm
            // (with prior weights, the norms of the rows repeated as often as their weights say).
            aliased = try schur(dense, weights: prior, z: nil, group: group, levels: levels, gram: gram).s.collinearColumns(norms: gram)
        } catch { throw ModelError(error.description) }
        let x = dense.selecting(columns: (0..<dense.columns).filter { !aliased.contains($0) })
        let q = x.columns

        if let etaStart {
            guard etaStart.count == n else { throw ModelError("\(etaStart.count) starting linear predictor values for \(n) rows") }
            if let i = etaStart.firstIndex(where: { !$0.isFinite }) {
                throw ModelError("row \(i + 1) has starting linear predictor \(etaStart[i]); it must be finite")
            }
        }
        var eta = etaStart ?? (0..<n).map { family.link(family.start(yv[$0], weight: prior[$0])) }
        var mu = eta.map(family.linkInverse)
        func deviance(_ mu: [Double]) -> Double { (0..<n).reduce(0) { $0 + family.deviance(yv[$1], mu[$1], weight: prior[$1]) } }
        var devOld = deviance(mu), dev = devOld
        var previous: (beta: [Double], alpha: [Double])? = nil
        var lastStep = [Double](repeating: 0, count: q), lastBeta = lastStep
        var ww = [Double](repeating: 0, count: n), z = ww
        var converged = false, iterations = 0
        for iter in 1...maxIterations {
            iterations = iter
            for i in 0..<n {
                // dμ/dη of the logit link is μ(1 − μ): taken from μ, already at hand, instead of a second exp(η) per row
                // and iteration (R's logit_mu_eta, the same value to rounding, including its floor beyond |η| > 30).
                let m = mu[i]
                let d = eta[i] > 30 || eta[i] < -30 ? GLMFamily.epsilon : m * (1 - m)
                z[i] = eta[i] + (yv[i] - m) / d
                ww[i] = prior[i] * d * d / family.variance(m)
            }
            var beta: [Double], alpha: [Double]
            do {
                let e = try schur(x, weights: ww, z: z, group: group, levels: levels)
                beta = q == 0 ? [] : try CholeskyFactorization(e.s).solve(e.r)
                alpha = (0..<levels).map { l in
                    guard e.levelWeight[l] > 0 else { return 0 }
                    var t = e.levelZ[l]
                    for j in 0..<q { t -= e.levelCross[l * q + j] * beta[j] }
                    return t / e.levelWeight[l]
                }
            } catch {
                throw ModelError("iteration \(iter): the weighted least-squares step failed (\(error.description))")
            }
            func evaluate(_ beta: [Double], _ alpha: [Double]) -> ([Double], [Double]) {
                var e = (0..<n).map { alpha[group[$0]] }
                x.storage.withUnsafeBufferPointer { s in
                    for j in 0..<q { let b = beta[j], base = j * n; for i in 0..<n { e[i] += s[base + i] * b } }
                }
                return (e, e.map(family.linkInverse))
            }
            var (newEta, newMu) = evaluate(beta, alpha)
            dev = deviance(newMu)
            var halvings = 0
            while !dev.isFinite {
                guard let last = previous, halvings < maxIterations else {
                    throw ModelError("no valid set of coefficients found: please supply starting values (R's glm.fit message)")
                }
                halvings += 1
                beta = zip(beta, last.beta).map { ($0 + $1) / 2 }
                alpha = zip(alpha, last.alpha).map { ($0 + $1) / 2 }
                (newEta, newMu) = evaluate(beta, alpha)
                dev = deviance(newMu)
            }
            eta = newEta
            mu = newMu
            lastStep = zip(beta, previous?.beta ?? [Double](repeating: 0, count: q)).map(-)
            lastBeta = beta
            if abs(dev - devOld) / (abs(dev) + 0.1) < epsilon { converged = true; break }
            devOld = dev
            previous = (beta, alpha)
        }
        var notes: [String] = []
        if !converged { notes.append("glm.fit: algorithm did not converge (\(maxIterations) iterations)") }
        let extreme = mu.contains(where: { $0 < 1e-10 || $0 > 1 - 1e-10 })
        if extreme { notes.append("glm.fit: fitted probabilities numerically 0 or 1 occurred") }
        var events = [Int](repeating: 0, count: levels), size = events
        for i in 0..<n { size[group[i]] += 1; if y[i] { events[group[i]] += 1 } }
        let separated = (0..<levels).filter { size[$0] > 0 && (events[$0] == 0 || events[$0] == size[$0]) }
        let kept = (0..<dense.columns).filter { !aliased.contains($0) }
        let diverging = (0..<q).filter { abs(lastStep[$0]) > 0.1 || (extreme && abs(lastBeta[$0]) > 15) }
        if extreme || !separated.isEmpty || !diverging.isEmpty {
            var parts: [String] = []
            if !separated.isEmpty { parts.append("\(separated.count) of \(size.filter { $0 > 0 }.count) \(groupName) levels have every outcome 0 or every outcome 1 (their probabilities go to 0 or 1)") }
            if !diverging.isEmpty { parts.append("these coefficients diverge across iterations and are not estimable: \(diverging.map { kept[$0] < names.count ? names[kept[$0]] : String(kept[$0]) }.joined(separator: ", "))") }
            notes.append("separation: the outcome is completely or quasi-completely separated by the covariates" + (parts.isEmpty ? "" : "; " + parts.joined(separator: "; ")))
        }
        return Fit(fitted: mu, deviance: dev, iterations: iterations, converged: converged, aliased: aliased,
                   separatedLevels: separated, notes: notes)
    }

    /// The dense block of XᵀWX after eliminating the factor, S = DᵀWD − Σₗ bₗbₗᵀ / Wₗ, and the matching right-hand
    /// side r = DᵀWz − Σₗ bₗ cₗ / Wₗ, where Wₗ = Σ w, bₗ = Σ w d and cₗ = Σ w z over level l's rows.
    /// `gram`, when given, is XᵀWX already computed for these weights.
    static func schur(_ x: Matrix, weights w: [Double], z: [Double]?, group: [Int], levels: Int, gram: Matrix? = nil) throws(LinearAlgebraError)
        -> (s: Matrix, r: [Double], levelWeight: [Double], levelCross: [Double], levelZ: [Double]) {
        let n = x.rows, q = x.columns
        var levelWeight = [Double](repeating: 0, count: levels), levelZ = levelWeight
        var levelCross = [Double](repeating: 0, count: levels * q)
        x.storage.withUnsafeBufferPointer { s in
            for i in 0..<n {
                let l = group[i], wi = w[i]
                levelWeight[l] += wi
                if let z { levelZ[l] += wi * z[i] }
                for j in 0..<q { levelCross[l * q + j] += wi * s[j * n + i] }
            }
        }
        var s: Matrix
        if q == 0 { s = Matrix(rows: 0, columns: 0) } else if let gram { s = gram } else { s = try x.weightedGram(w) }
        var r = [Double](repeating: 0, count: q)
        if let z, q > 0 { r = try x.transposeMultiplied(by: (0..<n).map { w[$0] * z[$0] }) }
        for l in 0..<levels where levelWeight[l] > 0 {
            let inv = 1 / levelWeight[l], base = l * q
            for a in 0..<q {
                let ba = levelCross[base + a] * inv
                r[a] -= ba * levelZ[l]
                for b in 0..<q { s[a, b] -= ba * levelCross[base + b] }
            }
        }
        return (s, r, levelWeight, levelCross, levelZ)
    }
}
