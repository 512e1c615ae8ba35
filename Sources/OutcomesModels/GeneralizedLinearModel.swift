import Foundation
import OutcomesLinearAlgebra
import OutcomesDistributions

/// Settings of a GLM fit; the defaults are R's `glm.control()`.
public struct GLMOptions: Sendable {
    public var family: GLMFamily
    /// Confidence level of the Wald intervals.
    public var level: Double = 0.95
    /// R's `maxit`.
    public var maxIterations = 25
    /// R's `epsilon`: stop when |dev − dev_old| / (|dev| + 0.1) is below it.
    public var epsilon = 1e-8
    /// Report the HC0 sandwich variance (as `sandwich::vcovHC(type = "HC0")`).
    public var robust = false

    public init(family: GLMFamily) { self.family = family }
}

/// One coefficient of a fitted model; nil where it is not estimable (aliased, or diverging under separation).
public struct ModelCoefficient: Sendable {
    public let name: String
    public let estimate: Double?
    public let standardError: Double?
    /// Sandwich standard error, when a robust or cluster-robust variance was asked for.
    public let robustStandardError: Double?
    /// z (GLM) or t (mixed models), from the variance the output states.
    public let statistic: Double?
    /// Degrees of freedom of the t statistic (mixed models).
    public let degreesOfFreedom: Double?
    public let p: Double?
    public let lower: Double?
    public let upper: Double?
}

/// A fitted generalized linear model.
public struct GLMFit: Sendable {
    public let family: GLMFamily
    public let coefficients: [ModelCoefficient]
    /// Observations used (rows with positive prior weight count toward the degrees of freedom, as R's `n.ok`).
    public let n: Int
    public let converged: Bool
    public let iterations: Int
    public let deviance: Double
    public let nullDeviance: Double
    public let dfResidual: Int
    public let dfNull: Int
    public let logLikelihood: Double
    public let aic: Double
    /// Rank of the design (columns not aliased).
    public let rank: Int
    /// Fitted means μ̂ in row order.
    public let fitted: [Double]
    /// Linear predictor η̂ (including the offset).
    public let linearPredictor: [Double]
    /// Warnings and notes in R's words where R has words for them.
    public let notes: [String]
    /// Model-based covariance of the estimable coefficients, in the order of `estimable`.
    public let covariance: Matrix
    /// Sandwich covariance when asked for.
    public let robustCovariance: Matrix?
    /// Indices of coefficients with an estimate (not aliased).
    public let estimable: [Int]
}

/// Generalized linear models fitted by iteratively reweighted least squares, step for step as R's `glm.fit`.
public enum GeneralizedLinearModel {
    /// Fits `y` on the columns of `design` (which should hold the intercept).
    /// - Parameters:
    ///   - weights: prior weights (R's `weights`), default 1.
    ///   - offset: a known term added to the linear predictor.
    ///   - clusters: cluster codes for the cluster-robust variance (`sandwich::vcovCL`, HC0 with G/(G−1)).
    public static func fit(design: Matrix, names: [String], y: [Double], weights: [Double]? = nil, offset: [Double]? = nil,
                           clusters: [Int]? = nil, options: GLMOptions) throws(ModelError) -> GLMFit {
        let n = design.rows, family = options.family
        guard y.count == n, names.count == design.columns else { throw ModelError("outcome or names do not fit the design") }
        let w = weights ?? Array(repeating: 1, count: n)
        let off = offset ?? Array(repeating: 0, count: n)
        guard w.count == n, off.count == n else { throw ModelError("weights or offset do not fit the design") }
        if let i = w.firstIndex(where: { !($0 >= 0) || !$0.isFinite }) { throw ModelError("weight \(w[i]) at row \(i + 1) is negative or not finite") }
        for (i, v) in y.enumerated() {
            switch family {
            case .binomial where !(v >= 0 && v <= 1):
                throw ModelError("binomial outcome must lie in [0, 1]; row \(i + 1) has \(v)")
            case .poisson where !(v >= 0):
                throw ModelError("Poisson outcome must be a non-negative count; row \(i + 1) has \(v)")
            default: break
            }
        }
        var notes: [String] = []
        let estimable: [Int]
        do {
            let aliased = try (weights == nil ? design.gram() : design.weightedGram(w)).collinearColumns()
            estimable = (0..<design.columns).filter { !aliased.contains($0) }
            if !aliased.isEmpty {
                notes.append("coefficients not defined because of singularities (aliased, as R prints NA): \(aliased.map { names[$0] }.joined(separator: ", "))")
            }
        } catch { throw ModelError(error.description) }
        let x = design.selecting(columns: estimable)

        let core = try irls(x: x, y: y, w: w, offset: off, family: family, options: options)
        notes += core.notes
        let nOK = w.filter { $0 > 0 }.count
        let rank = estimable.count

        // Null deviance: weighted mean without an offset; with one, R refits the intercept-only model.
        let nullDeviance: Double
        if offset == nil {
            let mean = zip(w, y).map(*).reduce(0, +) / w.reduce(0, +)
            nullDeviance = (0..<n).map { family.deviance(y[$0], mean, weight: w[$0]) }.reduce(0, +)
        } else {
            let ones = Matrix(rows: n, columns: 1, repeating: 1)
            nullDeviance = try irls(x: ones, y: y, w: w, offset: off, family: family, options: options).deviance
        }
        let logLik = (0..<n).map { family.logLikelihood(y[$0], core.mu[$0], weight: w[$0]) }.reduce(0, +)

        // Covariance: (XᵀWX)⁻¹ from the last iteration's weights (R's summary.glm uses that QR), dispersion 1.
        let unscaled: Matrix
        do { unscaled = try CholeskyFactorization(x.weightedGram(core.workingWeights)).inverse() } catch {
            throw ModelError("the weighted cross-product matrix is singular (\(error.description))")
        }
        var robust: Matrix? = nil
        if options.robust || clusters != nil {
            robust = try sandwich(x: x, y: y, mu: core.mu, eta: core.eta, workingWeights: core.workingWeights,
                                  family: family, unscaled: unscaled, clusters: clusters)
        }

        // Separation: fitted probabilities at 0 or 1, or coefficients still moving by a large step when the deviance
        // has settled (each further iteration adds about one unit on the logit scale to a diverging coefficient).
        var diverging = Set<Int>()
        if family == .binomial {
            let extreme = core.mu.contains(where: { $0 < 1e-10 || $0 > 1 - 1e-10 })
            if extreme { notes.append("glm.fit: fitted probabilities numerically 0 or 1 occurred") }
            for k in 0..<rank where abs(core.lastStep[k]) > 0.1 || (extreme && abs(core.beta[k]) > 15) { diverging.insert(k) }
            if extreme || !diverging.isEmpty {
                let listed = diverging.sorted().map { names[estimable[$0]] + " (reached \(String(format: "%.4g", core.beta[$0])))" }
                notes.append("separation: the outcome is completely or quasi-completely separated by the covariates" +
                             (listed.isEmpty ? "" : "; these coefficients diverge across iterations and are not estimable: " + listed.joined(separator: ", ")))
            }
        }
        if family == .poisson, core.mu.contains(where: { $0 < 1e-10 }) {
            notes.append("glm.fit: fitted rates numerically 0 occurred")
        }

        let zq = Normal.quantile(0.5 + options.level / 2)
        var coefficients: [ModelCoefficient] = []
        for j in 0..<design.columns {
            guard let k = estimable.firstIndex(of: j), !diverging.contains(k) else {
                coefficients.append(ModelCoefficient(name: names[j], estimate: nil, standardError: nil, robustStandardError: nil,
                                                     statistic: nil, degreesOfFreedom: nil, p: nil, lower: nil, upper: nil))
                continue
            }
            let b = core.beta[k], se = unscaled[k, k].squareRoot()
            let rse = robust.map { $0[k, k].squareRoot() }
            let used = rse ?? se
            let z = b / used
            coefficients.append(ModelCoefficient(name: names[j], estimate: b, standardError: se, robustStandardError: rse,
                                                 statistic: z, degreesOfFreedom: nil, p: 2 * Normal.sf(abs(z)),
                                                 lower: b - zq * used, upper: b + zq * used))
        }
        return GLMFit(family: family, coefficients: coefficients, n: nOK, converged: core.converged, iterations: core.iterations,
                      deviance: core.deviance, nullDeviance: nullDeviance, dfResidual: nOK - rank, dfNull: nOK - 1,
                      logLikelihood: logLik, aic: -2 * logLik + 2 * Double(rank), rank: rank, fitted: core.mu,
                      linearPredictor: core.eta, notes: notes, covariance: unscaled, robustCovariance: robust, estimable: estimable)
    }

    struct Core {
        var beta: [Double]
        var lastStep: [Double]
        var mu: [Double]
        var eta: [Double]
        var workingWeights: [Double]
        var deviance: Double
        var iterations: Int
        var converged: Bool
        var notes: [String]
    }

    /// R's glm.fit loop: start from `mustart`, weighted least squares on the working response, stop on the
    /// relative change in deviance; step-halving when the deviance is not finite.
    static func irls(x: Matrix, y: [Double], w: [Double], offset: [Double], family: GLMFamily, options: GLMOptions) throws(ModelError) -> Core {
        let n = x.rows, p = x.columns
        var eta = (0..<n).map { family.link(family.start(y[$0], weight: w[$0])) }
        var mu = eta.map(family.linkInverse)
        func deviance(_ mu: [Double]) -> Double { (0..<n).map { family.deviance(y[$0], mu[$0], weight: w[$0]) }.reduce(0, +) }
        var devOld = deviance(mu)
        var beta = [Double](repeating: 0, count: p), old: [Double]? = nil, step = beta
        var ww = [Double](repeating: 0, count: n), z = ww
        var converged = false, iterations = 0, dev = devOld
        var notes: [String] = []
        // One scratch buffer for √w·X, reused by every iteration's dsyrk (the design is the only other n × p array).
        var scratch = [Double](repeating: 0, count: n * p)
        for iter in 1...options.maxIterations {
            iterations = iter
            for i in 0..<n {
                let d = family.muEta(eta[i])
                if w[i] > 0 && d != 0 {
                    z[i] = eta[i] - offset[i] + (y[i] - mu[i]) / d
                    ww[i] = w[i] * d * d / family.variance(mu[i])
                } else { z[i] = 0; ww[i] = 0 }
            }
            var start: [Double]
            do {
                let roots = ww.map { $0.squareRoot() }
                x.storage.withUnsafeBufferPointer { source in
                    scratch.withUnsafeMutableBufferPointer { target in
                        for j in 0..<p { let base = j * n; for i in 0..<n { target[base + i] = source[base + i] * roots[i] } }
                    }
                }
                let xtwx = try Matrix.gram(ofColumnMajor: scratch, rows: n, columns: p)
                let rhs = try x.transposeMultiplied(by: (0..<n).map { ww[$0] * z[$0] })
                start = try CholeskyFactorization(xtwx).solve(rhs)
            } catch {
                throw ModelError("iteration \(iter): the weighted least-squares step failed (\(error.description))")
            }
            func evaluate(_ b: [Double]) throws(ModelError) -> ([Double], [Double]) {
                var e: [Double]
                do { e = try x.multiplied(by: b) } catch { throw ModelError(error.description) }
                for i in 0..<n { e[i] += offset[i] }
                return (e, e.map(family.linkInverse))
            }
            var (newEta, newMu) = try evaluate(start)
            dev = deviance(newMu)
            var halvings = 0
            while !dev.isFinite || !newEta.allSatisfy(family.validEta) || !newMu.allSatisfy(family.validMu) {
                guard let previous = old, halvings < options.maxIterations else {
                    throw ModelError("no valid set of coefficients found: please supply starting values (R's glm.fit message)")
                }
                halvings += 1
                start = zip(start, previous).map { ($0 + $1) / 2 }
                (newEta, newMu) = try evaluate(start)
                dev = deviance(newMu)
            }
            step = zip(start, beta).map(-)
            eta = newEta
            mu = newMu
            beta = start
            if abs(dev - devOld) / (abs(dev) + 0.1) < options.epsilon {
                converged = true
                break
            }
            devOld = dev
            old = beta
        }
        if !converged { notes.append("glm.fit: algorithm did not converge (\(options.maxIterations) iterations)") }
        return Core(beta: beta, lastStep: step, mu: mu, eta: eta, workingWeights: ww, deviance: dev,
                    iterations: iterations, converged: converged, notes: notes)
    }

    /// HC0 sandwich `B M B` with bread `(XᵀWX)⁻¹` and meat the cross-product of the score contributions,
    /// summed within clusters and scaled by G/(G−1) when clusters are given (sandwich::vcovCL's default for a glm).
    static func sandwich(x: Matrix, y: [Double], mu: [Double], eta: [Double], workingWeights: [Double],
                         family: GLMFamily, unscaled: Matrix, clusters: [Int]?) throws(ModelError) -> Matrix {
        let n = x.rows, p = x.columns
        let r = (0..<n).map { (y[$0] - mu[$0]) / family.muEta(eta[$0]) * workingWeights[$0] }
        var scores: Matrix
        if let clusters {
            let g = (clusters.max() ?? -1) + 1
            scores = Matrix(rows: g, columns: p)
            for j in 0..<p { for i in 0..<n { scores[clusters[i], j] += r[i] * x[i, j] } }
        } else {
            scores = x
            for j in 0..<p { for i in 0..<n { scores.storage[i + j * n] *= r[i] } }
        }
        var meat = scores.gram()
        if let clusters {
            let g = Double(Set(clusters).count)
            guard g > 1 else { throw ModelError("the cluster-robust variance needs at least two clusters") }
            meat = (g / (g - 1)) * meat
        }
        do { return try unscaled.multiplied(by: meat).multiplied(by: unscaled) } catch { throw ModelError(error.description) }
    }
}
