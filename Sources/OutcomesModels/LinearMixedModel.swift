import Foundation
import OutcomesLinearAlgebra
import OutcomesDistributions

/// Settings of a linear mixed model fit.
public struct LMMOptions: Sendable {
    /// REML (default, as lme4 and nlme) or maximum likelihood.
    public var reml = true
    /// Satterthwaite degrees of freedom (as lmerTest) instead of between-within (as nlme::lme).
    public var satterthwaite = false
    public var level = 0.95

    public init() {}
}

/// One random-effect variance and its standard deviation.
public struct RandomEffectVariance: Sendable {
    public let term: String
    public let variance: Double
    public var sd: Double { variance.squareRoot() }
}

/// A fitted linear mixed model with one grouping factor.
public struct LMMFit: Sendable {
    public let coefficients: [ModelCoefficient]
    public let randomEffects: [RandomEffectVariance]
    /// Correlations of the random effects: (term, term, correlation).
    public let randomCorrelations: [(String, String, Double)]
    /// Residual standard deviation σ.
    public let sigma: Double
    public let n: Int
    public let groups: Int
    public let reml: Bool
    /// Log-likelihood (REML criterion / −2 when REML, as lme4's logLik).
    public let logLikelihood: Double
    /// AIC and BIC from the (RE)ML log-likelihood with p + q(q+1)/2 + 1 parameters, BIC with log(n) (as lme4).
    public let aic: Double
    public let bic: Double
    public let converged: Bool
    public let iterations: Int
    /// θ at the optimum (lower triangle of the relative covariance factor, by columns, as lme4's getME(, "theta")).
    public let theta: [Double]
    public let notes: [String]
}

/// Linear mixed models with random intercepts and slopes for one grouping factor (unstructured covariance),
/// fitted by minimizing lme4's profiled deviance over θ (Nelder–Mead, then Newton steps on the same function).
public enum LinearMixedModel {
    public static func fit(design: Matrix, names: [String], randomDesign z: Matrix, randomNames: [String],
                           y: [Double], groups codes: [Int], groupLabels: [String]? = nil,
                           options: LMMOptions = LMMOptions()) throws(ModelError) -> LMMFit {
        let n = design.rows
        guard z.rows == n, y.count == n, codes.count == n else { throw ModelError("outcome, random design or groups do not fit the design") }
        let groupCount = (codes.max() ?? -1) + 1
        var notes: [String] = []
        let estimable: [Int]
        do {
            let aliased = try design.gram().collinearColumns()
            estimable = (0..<design.columns).filter { !aliased.contains($0) }
            if !aliased.isEmpty {
                notes.append("fixed-effect model matrix is rank deficient so dropping \(aliased.count) column\(aliased.count == 1 ? "" : "s") / coefficient\(aliased.count == 1 ? "" : "s") (as lme4): \(aliased.map { names[$0] }.joined(separator: ", "))")
            }
        } catch { throw ModelError(error.description) }
        let x = design.selecting(columns: estimable)
        let p = x.columns, q = z.columns
        guard n > p else { throw ModelError("\(n) observations cannot estimate \(p) fixed effects and a residual variance") }
        let sizes = codes.reduce(into: [Int](repeating: 0, count: groupCount)) { $0[$1] += 1 }
        if let single = sizes.firstIndex(of: 1) {
            let count = sizes.filter { $0 == 1 }.count
            let example = groupLabels.map { "'\($0[single])'" } ?? "number \(single + 1)"
            notes.append("\(count) group\(count == 1 ? " has" : "s have") a single observation (e.g. group \(example)); such a group informs the intercept variance and the fixed effects but not a slope of its own")
        }
        let profile = try MixedModelProfile(x: x, z: z, y: y, groups: codes, groupCount: groupCount)
        let reml = options.reml
        let k = q * (q + 1) / 2
        var diagonalIndex: [Int] = []
        do { var t = 0; for j in 0..<q { for i in j..<q { if i == j { diagonalIndex.append(t) }; t += 1 } } }
        func clamp(_ theta: [Double]) -> [Double] {
            var t = theta
            for d in diagonalIndex where t[d] < 0 { t[d] = 0 }
            return t
        }
        func objective(_ theta: [Double]) -> Double {
            guard let e = try? profile.evaluate(clamp(theta)) else { return .infinity }
            let d = profile.deviance(e, reml: reml)
            return d.isFinite ? d : .infinity
        }
        var start = [Double](repeating: 0, count: k)
        for d in diagonalIndex { start[d] = 1 }
        var result = NelderMead.minimize(objective, start: start)
        var theta = clamp(result.x), best = objective(theta)
        // Newton polish on the interior parameters: the simplex stops near, not at, the optimum.
        var newtonSteps = 0
        for _ in 0..<20 {
            let free = (0..<k).filter { !(diagonalIndex.contains($0) && theta[$0] < 1e-6) }
            if free.isEmpty { break }
            func sub(_ v: [Double]) -> Double { var t = theta; for (a, i) in free.enumerated() { t[i] = v[a] }; return objective(t) }
            let at = free.map { theta[$0] }
            let g = NumericDerivatives.gradient(sub, at: at, step: 1e-4)
            let h = NumericDerivatives.hessian(sub, at: at, step: 1e-3)
            guard let hm = try? Matrix(h), let factor = try? CholeskyFactorization(hm), let step = try? factor.solve(g) else { break }
            var scale = 1.0, improved = false
            while scale > 1e-4 {
                var t = theta
                for (a, i) in free.enumerated() { t[i] = at[a] - scale * step[a] }
                t = clamp(t)
                let v = objective(t)
                if v <= best { theta = t; improved = v < best; best = v; break }
                scale /= 2
            }
            newtonSteps += 1
            if !improved || step.map(abs).max()! < 1e-10 { break }
        }
        result.value = best
        // Converged: the simplex stopped on its own and the deviance is flat in every interior direction.
        let interior = (0..<k).filter { !(diagonalIndex.contains($0) && theta[$0] < 1e-6) }
        let gradient = NumericDerivatives.gradient({ v in var t = theta; for (a, i) in interior.enumerated() { t[i] = v[a] }; return objective(t) },
                                                   at: interior.map { theta[$0] }, step: 1e-4)
        let converged = result.evaluations < 20_000 && (gradient.map(abs).max() ?? 0) < 1e-3
        if !converged { notes.append("the optimizer did not converge (largest deviance gradient \(gradient.map(abs).max() ?? .nan)); estimates are unreliable") }

        let e = try profile.evaluate(theta)
        let dev = profile.deviance(e, reml: reml)
        let sigma2 = e.r2 / Double(reml ? n - p : n)
        let unscaled: Matrix
        do { unscaled = try e.factor.inverse() } catch { throw ModelError(error.description) }

        // Random-effects covariance σ² Λ Λᵀ.
        let lam = profile.lambda(theta)
        var cov = [[Double]](repeating: [Double](repeating: 0, count: q), count: q)
        for i in 0..<q { for j in 0..<q {
            var s = 0.0
            for t in 0..<q { s += lam[i * q + t] * lam[j * q + t] }
            cov[i][j] = sigma2 * s
        } }
        let random = (0..<q).map { RandomEffectVariance(term: randomNames[$0], variance: cov[$0][$0]) }
        var correlations: [(String, String, Double)] = []
        for j in 0..<q { for i in (j + 1)..<max(q, j + 1) {
            let d = (cov[i][i] * cov[j][j]).squareRoot()
            correlations.append((randomNames[j], randomNames[i], d > 0 ? cov[i][j] / d : .nan))
        } }
        if theta.enumerated().contains(where: { diagonalIndex.contains($0.offset) && $0.element < 1e-6 }) {
            notes.append("boundary (singular) fit: a random-effect variance is estimated at or near zero (lme4: isSingular)")
        }

        // Degrees of freedom.
        var df: [Double]
        if options.satterthwaite {
            df = try satterthwaite(profile: profile, theta: theta, sigma: sigma2.squareRoot(), reml: reml, diagonalIndex: diagonalIndex)
        } else {
            df = betweenWithin(x: x, codes: codes, groupCount: groupCount, hasIntercept: names.first == "(Intercept)" && estimable.first == 0)
        }
        var coefficients: [ModelCoefficient] = []
        let alpha = 1 - options.level
        for j in 0..<design.columns {
            guard let c = estimable.firstIndex(of: j) else {
                coefficients.append(ModelCoefficient(name: names[j], estimate: nil, standardError: nil, robustStandardError: nil,
                                                     statistic: nil, degreesOfFreedom: nil, p: nil, lower: nil, upper: nil))
                continue
            }
            let b = e.beta[c], se = (sigma2 * unscaled[c, c]).squareRoot(), t = b / se, d = df[c]
            let dist = StudentT(degreesOfFreedom: d)
            let tq = dist.quantile(1 - alpha / 2)
            coefficients.append(ModelCoefficient(name: names[j], estimate: b, standardError: se, robustStandardError: nil,
                                                 statistic: t, degreesOfFreedom: d, p: 2 * dist.sf(abs(t)),
                                                 lower: b - tq * se, upper: b + tq * se))
        }
        let parameters = Double(p + k + 1)
        let logLik = -dev / 2
        return LMMFit(coefficients: coefficients, randomEffects: random, randomCorrelations: correlations,
                      sigma: sigma2.squareRoot(), n: n, groups: groupCount, reml: reml, logLikelihood: logLik,
                      aic: dev + 2 * parameters, bic: dev + log(Double(n)) * parameters, converged: converged,
                      iterations: result.evaluations + newtonSteps, theta: theta, notes: notes)
    }

    /// nlme's between-within rule for one grouping level: a column that varies within some group is estimated
    /// in the within stratum (df N − G − its count), one constant within every group in the between stratum
    /// (df G − its count − 1 for the intercept); the intercept itself is given the within df, as lme reports it.
    static func betweenWithin(x: Matrix, codes: [Int], groupCount: Int, hasIntercept: Bool) -> [Double] {
        let n = x.rows, p = x.columns
        var inner = [Bool](repeating: false, count: p)
        for j in 0..<p {
            var first = [Double?](repeating: nil, count: groupCount)
            for i in 0..<n {
                let v = x[i, j]
                if let f = first[codes[i]] {
                    if abs(v - f) > 1e-8 * max(abs(f), 1) { inner[j] = true; break }
                } else { first[codes[i]] = v }
            }
        }
        let interceptColumn = hasIntercept ? 0 : -1
        let innerCount = (0..<p).filter { $0 != interceptColumn && inner[$0] }.count
        let outerCount = (0..<p).filter { $0 != interceptColumn && !inner[$0] }.count
        let within = Double(n - groupCount - innerCount)
        let between = Double(groupCount - outerCount - (hasIntercept ? 1 : 0))
        return (0..<p).map { $0 == interceptColumn || inner[$0] ? within : between }
    }

    /// Satterthwaite's df for each coefficient as lmerTest: varpar = (θ, σ), the asymptotic covariance of varpar
    /// 2 H⁻¹ from the Hessian H of the (RE)ML deviance, and the gradient of Var(β̂ⱼ) in varpar, both numerical.
    static func satterthwaite(profile: MixedModelProfile, theta: [Double], sigma: Double, reml: Bool, diagonalIndex: [Int]) throws(ModelError) -> [Double] {
        let k = theta.count
        let varpar = theta + [sigma]
        func deviance(_ v: [Double]) -> Double { profile.deviance(theta: Array(v[0..<k]), sigma: v[k], reml: reml) }
        let h = NumericDerivatives.hessian(deviance, at: varpar, step: 1e-3)
        let avar: Matrix
        do { avar = 2 * (try Matrix(h).inverse()) } catch { throw ModelError("Satterthwaite df: the deviance Hessian is singular (\(error.description))") }
        func vcov(_ v: [Double]) -> Matrix? {
            guard let e = try? profile.evaluate(Array(v[0..<k])), let inv = try? e.factor.inverse() else { return nil }
            return (v[k] * v[k]) * inv
        }
        guard let base = vcov(varpar) else { throw ModelError("Satterthwaite df: the fixed-effects covariance could not be formed") }
        return (0..<profile.p).map { j in
            let g = NumericDerivatives.gradient({ vcov($0).map { $0[j, j] } ?? .nan }, at: varpar, step: 1e-4)
            var denominator = 0.0
            for a in 0..<g.count { for b in 0..<g.count { denominator += g[a] * avar[a, b] * g[b] } }
            return 2 * base[j, j] * base[j, j] / denominator
        }
    }
}
