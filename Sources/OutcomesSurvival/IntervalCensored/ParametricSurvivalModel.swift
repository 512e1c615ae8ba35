import Foundation
import OutcomesDistributions
import OutcomesLinearAlgebra

/// Settings of the parametric fit.
public struct ParametricSurvivalOptions: Sendable {
    /// Maximum Newton–Raphson iterations per fit (R's `survreg.control(maxiter = 30)`).
    public var maxIterations = 30
    /// Convergence when |ℓ_new − ℓ_old| ≤ tolerance · (|ℓ_new| + tolerance) after a full Newton step.
    /// Tighter than R's 1e-9 (`rel.tolerance`) so that coefficients agree with R's to well under 1e-6.
    public var tolerance = 1e-11
    /// Confidence level of the hazard-ratio intervals.
    public var level = 0.95

    /// Default settings.
    public init() {}
}

/// One coefficient of the location model log T = xᵀβ + σW (R's `summary(survreg)` table).
public struct ParametricTerm: Sendable, Equatable {
    /// Term name; the first is "(Intercept)".
    public let name: String
    /// β: the change in log survival time (the acceleration factor is exp(β)).
    public let coefficient: Double
    /// Standard error from the inverse observed information in (β, log σ).
    public let standardError: Double
    /// Wald z = coefficient / standardError.
    public let z: Double
    /// Two-sided normal p-value of z.
    public let pValue: Double
}

/// The hazard ratio of one covariate in a Weibull or exponential model, which are proportional-hazards
/// models: h(t | x) = h₀(t) exp(−xᵀβ/σ), so one unit of covariate k multiplies the hazard by exp(−β_k/σ).
public struct ParametricHazardRatio: Sendable, Equatable {
    /// Covariate name.
    public let name: String
    /// log hazard ratio, −β_k/σ.
    public let logHazardRatio: Double
    /// Delta-method standard error of −β_k/σ from the covariance of (β_k, log σ): with gradient
    /// (−1/σ, β_k/σ), var = (V_ββ − 2 β_k V_βτ + β_k² V_ττ) / σ² (τ = log σ; for the exponential σ = 1 and
    /// the standard error is that of β_k).
    public let standardError: Double
    /// exp(−β_k/σ).
    public var hazardRatio: Double { exp(logHazardRatio) }
    /// exp(logHazardRatio − z·standardError), z the normal quantile of the level.
    public let lower: Double
    /// exp(logHazardRatio + z·standardError).
    public let upper: Double
    /// Two-sided Wald p-value of logHazardRatio / standardError.
    public let pValue: Double
}

/// A fitted parametric (accelerated-failure-time) survival model, as R's
/// `survreg(Surv(left, right, type = "interval2") ~ x, dist =)`.
public struct ParametricSurvivalModel: Sendable {
    /// The error distribution.
    public let distribution: SurvivalDistribution
    /// Intercept then covariates, in input order.
    public let terms: [ParametricTerm]
    /// σ (R's `fit$scale`); 1 for the exponential.
    public let scale: Double
    /// log σ (R's `Log(scale)` row); 0 for the exponential.
    public let logScale: Double
    /// Standard error of log σ; nil for the exponential (scale fixed).
    public let logScaleStandardError: Double?
    /// Covariance of the estimates (β then log σ unless the scale is fixed): the inverse of the observed
    /// information (R's `vcov(fit)` / `fit$var`).
    public let covariance: Matrix
    /// Maximized log-likelihood on the time scale (R's `fit$loglik[2]`; exact times contribute
    /// log f(t) = log f_W(z) − log σ − log t).
    public let logLikelihood: Double
    /// Log-likelihood of the intercept-only model with the scale estimated (R's `fit$loglik[1]`).
    public let logLikelihoodNull: Double
    /// Likelihood-ratio test of all covariates: 2(ℓ − ℓ_null) on the number of covariates (R's `Chisq`).
    public let likelihoodRatioTest: ChiSquareTest
    /// Newton–Raphson iterations of the full model (ours; R's `fit$iter` counts its own steps).
    public let iterations: Int
    /// Whether the full model met the convergence criterion within the iteration limit.
    public let converged: Bool
    /// Number of rows.
    public let count: Int
    /// Number of rows by kind of censoring.
    public let censoringCounts: [IntervalCensoring: Int]
    /// Hazard ratios per covariate (Weibull and exponential only; empty otherwise).
    public let hazardRatios: [ParametricHazardRatio]
    /// The confidence level of the hazard-ratio intervals.
    public let level: Double
}

/// Maximum-likelihood fits of Weibull, exponential, log-normal and log-logistic models with covariates,
/// for exact, right-, left- and interval-censored rows mixed, matching R's `survreg`.
public enum ParametricSurvival {
    /// Fits log T = β₀ + xᵀβ + σW by Newton–Raphson on the log-likelihood (analytic gradient and Hessian in
    /// (β, log σ); each step solved by Cholesky of the negative Hessian through LAPACK, with a ridge added
    /// when it is not positive definite and the step halved while the log-likelihood falls).
    ///
    /// - Parameters:
    ///   - data: the rows; a left end of 0 counts as left-censored (the log-time models cannot take log 0).
    ///   - covariates: n × p matrix of covariates (no intercept column; it is added), or nil.
    ///   - names: the covariates' names (p of them).
    ///   - weights: case weights (survreg's `weights`); with them the covariance is the robust sandwich
    ///     V (Σ wᵢ² sᵢ sᵢᵀ) V of survreg(robust = TRUE), V the inverse information and sᵢ row i's score.
    public static func fit(_ data: IntervalCensoredData, covariates: Matrix? = nil, names: [String] = [],
                           distribution: SurvivalDistribution, weights: [Double]? = nil,
                           options: ParametricSurvivalOptions = ParametricSurvivalOptions()) throws(SurvivalError) -> ParametricSurvivalModel {
        let n = data.count
        guard n > 0 else { throw .empty }
        if let weights {
            guard weights.count == n else { throw .lengthMismatch("\(n) rows but \(weights.count) weights") }
            for (i, w) in weights.enumerated() where !(w.isFinite && w > 0) { throw .nonPositiveWeight(row: i, value: w) }
        }
        let p = covariates?.columns ?? 0
        if let covariates {
            guard covariates.rows == n else { throw .lengthMismatch("\(n) rows but \(covariates.rows) covariate rows") }
            guard names.count == p else { throw .lengthMismatch("\(p) covariate columns but \(names.count) names") }
            for j in 0..<p { for i in 0..<n where !covariates[i, j].isFinite {
                throw .nonFinite(name: "covariate \(names[j])", row: i, value: covariates[i, j])
            } }
        }
        var rows = try LogScaleRows(data)
        rows.weights = weights
        guard rows.hasEvent else {
            throw .invalidArgument("no exact, left- or interval-censored row: every row is right-censored")
        }
        var design = Matrix(rows: n, columns: p + 1, repeating: 1)
        if let covariates { for j in 0..<p { for i in 0..<n { design[i, j + 1] = covariates[i, j] } } }

        let start = rows.startingValues(distribution)
        let nullFit = try newton(rows, Matrix(rows: n, columns: 1, repeating: 1), distribution,
                                 start: distribution.hasFixedScale ? [start.intercept] : [start.intercept, start.logScale],
                                 options: options)
        let full: NewtonResult
        if p == 0 {
            full = nullFit
        } else {
            var theta = [nullFit.theta[0]] + Array(repeating: 0, count: p)
            if !distribution.hasFixedScale { theta.append(nullFit.theta[1]) }
            full = try newton(rows, design, distribution, start: theta, options: options)
        }
        let information = full.negativeHessian
        var covariance: Matrix
        do { covariance = try CholeskyFactorization(information).inverse() } catch {
            throw .numerical("the information matrix is not positive definite (collinear covariates or no information on a coefficient): \(error)")
        }
        if weights != nil {
            let meat = rows.derivatives(full.theta, design, distribution).meat
            do { covariance = try covariance.multiplied(by: meat).multiplied(by: covariance) } catch {
                throw .numerical("the robust variance could not be computed: \(error)")
            }
        }
        let allNames = ["(Intercept)"] + names
        var terms: [ParametricTerm] = []
        for j in 0...p {
            let b = full.theta[j], se = covariance[j, j].squareRoot()
            let z = b / se
            terms.append(ParametricTerm(name: allNames[j], coefficient: b, standardError: se, z: z, pValue: 2 * Normal.sf(abs(z))))
        }
        let logScale = distribution.hasFixedScale ? 0 : full.theta[p + 1]
        let scale = exp(logScale)
        let zLevel = Normal.quantile(1 - (1 - options.level) / 2)
        var hazardRatios: [ParametricHazardRatio] = []
        if distribution.hasProportionalHazards {
            for j in 1..<(p + 1) {
                let b = full.theta[j]
                var variance = covariance[j, j]
                if !distribution.hasFixedScale {
                    let t = p + 1
                    variance = covariance[j, j] - 2 * b * covariance[j, t] + b * b * covariance[t, t]
                }
                let se = variance.squareRoot() / scale
                let logHR = -b / scale
                hazardRatios.append(ParametricHazardRatio(name: names[j - 1], logHazardRatio: logHR, standardError: se,
                                                          lower: exp(logHR - zLevel * se), upper: exp(logHR + zLevel * se),
                                                          pValue: 2 * Normal.sf(abs(logHR / se))))
            }
        }
        return ParametricSurvivalModel(
            distribution: distribution, terms: terms, scale: scale, logScale: logScale,
            logScaleStandardError: distribution.hasFixedScale ? nil : covariance[p + 1, p + 1].squareRoot(),
            covariance: covariance, logLikelihood: full.logLikelihood, logLikelihoodNull: nullFit.logLikelihood,
            likelihoodRatioTest: ChiSquareTest(max(0, 2 * (full.logLikelihood - nullFit.logLikelihood)), p),
            iterations: full.iterations, converged: full.converged, count: n, censoringCounts: data.counts,
            hazardRatios: hazardRatios, level: options.level)
    }

    struct NewtonResult {
        var theta: [Double]
        var logLikelihood: Double
        var negativeHessian: Matrix
        var iterations: Int
        var converged: Bool
    }

    static func newton(_ rows: LogScaleRows, _ design: Matrix, _ dist: SurvivalDistribution, start: [Double],
                       options: ParametricSurvivalOptions) throws(SurvivalError) -> NewtonResult {
        var theta = start
        var current = rows.derivatives(theta, design, dist)
        guard current.logLikelihood.isFinite else {
            throw .numerical("the log-likelihood is not finite at the starting values")
        }
        var iterations = 0, converged = false
        while iterations < options.maxIterations {
            iterations += 1
            let step = try newtonStep(current.gradient, current.negativeHessian)
            var factor = 1.0
            var candidate = theta, next = current
            var halvings = 0
            while true {
                candidate = zip(theta, step).map { $0 + factor * $1 }
                next = rows.derivatives(candidate, design, dist)
                if next.logLikelihood.isFinite && next.logLikelihood >= current.logLikelihood - 1e-12 * abs(current.logLikelihood) { break }
                halvings += 1
                if halvings > 30 { throw .numerical("step halving failed to increase the log-likelihood") }
                factor /= 2
            }
            let change = abs(next.logLikelihood - current.logLikelihood)
            theta = candidate
            current = next
            if halvings == 0 && change <= options.tolerance * (abs(current.logLikelihood) + options.tolerance) {
                converged = true
                break
            }
        }
        return NewtonResult(theta: theta, logLikelihood: current.logLikelihood, negativeHessian: current.negativeHessian,
                            iterations: iterations, converged: converged)
    }

    /// Solves (−H) δ = g by Cholesky; when −H is not positive definite, a ridge growing tenfold is added.
    static func newtonStep(_ gradient: [Double], _ negativeHessian: Matrix) throws(SurvivalError) -> [Double] {
        let k = gradient.count
        let g: Matrix
        do { g = try Matrix(rows: k, columns: 1, columnMajor: gradient) } catch { throw .numerical("\(error)") }
        var ridge = 0.0
        let base = max(1e-8, negativeHessian.diagonal.map(abs).max() ?? 1) * 1e-8
        for _ in 0..<40 {
            var m = negativeHessian
            for i in 0..<k { m[i, i] += ridge }
            if let chol = try? CholeskyFactorization(m), let s = try? chol.solve(g), s.storage.allSatisfy(\.isFinite) {
                return s.storage
            }
            ridge = ridge == 0 ? base : ridge * 10
        }
        throw .numerical("the Newton step could not be solved (the negative Hessian is not positive definite)")
    }
}

/// The rows on the log-time scale: each row as (kind, log lower end, log upper end).
struct LogScaleRows {
    enum Kind { case exact, right, left, interval }
    let kind: [Kind]
    /// log t for exact rows, log left for right- and interval-censored rows.
    let lower: [Double]
    /// log t for exact rows, log right for left- and interval-censored rows.
    let upper: [Double]
    /// Σ log t over exact rows (the Jacobian of the log transform, R's `logcorrect`).
    let jacobian: Double
    /// Case weights (nil: all 1).
    var weights: [Double]? = nil

    var hasEvent: Bool { kind.contains { $0 != .right } }

    init(_ data: IntervalCensoredData) throws(SurvivalError) {
        var k: [Kind] = [], lo: [Double] = [], hi: [Double] = []
        var jac = 0.0
        for i in 0..<data.count {
            let a = data.left[i], b = data.right[i]
            switch data.censoring[i] {
            case .exact:
                guard let a, a > 0 else { throw .invalidArgument("row \(i + 1): an exact time of 0 has log-time −∞; the log-time distributions need positive times") }
                k.append(.exact); lo.append(log(a)); hi.append(log(a)); jac += log(a)
            case .right:
                let a = a!
                if a > 0 { k.append(.right); lo.append(log(a)); hi.append(.infinity) } else {
                    throw .invalidArgument("row \(i + 1): right-censored at 0 carries no information for a log-time model; drop it or give a positive time")
                }
            case .left:
                k.append(.left); lo.append(-.infinity); hi.append(log(b!))
            case .interval:
                if let a, a > 0 { k.append(.interval); lo.append(log(a)); hi.append(log(b!)) } else {
                    k.append(.left); lo.append(-.infinity); hi.append(log(b!))
                }
            }
            if k.last == .left && !(hi.last!.isFinite) {
                throw .invalidArgument("row \(i + 1): left-censored at time 0 has log-time −∞; the log-time distributions need positive times")
            }
        }
        kind = k; lower = lo; upper = hi; jacobian = jac
    }

    /// Starting values: intercept = mean of a representative log time per row (the exact time, the
    /// censoring time, or the interval's midpoint on the log scale), log σ from their standard deviation.
    func startingValues(_ dist: SurvivalDistribution) -> (intercept: Double, logScale: Double) {
        let y = kind.indices.map { i -> Double in
            switch kind[i] {
            case .exact, .right: return lower[i]
            case .left: return upper[i]
            case .interval: return (lower[i] + upper[i]) / 2
            }
        }
        let mean = y.reduce(0, +) / Double(y.count)
        let sd = (y.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(max(1, y.count - 1))).squareRoot()
        return (mean, sd > 1e-8 ? log(sd) : 0)
    }

    struct Derivatives {
        var logLikelihood: Double
        var gradient: [Double]
        var negativeHessian: Matrix
        /// Σ wᵢ² sᵢ sᵢᵀ over rows (sᵢ the row's unweighted score): the middle of the robust sandwich.
        var meat: Matrix
    }

    /// The log-likelihood, its gradient and the negative Hessian in θ = (β, log σ) (β only when the scale
    /// is fixed). Per row with z = (y − η)/σ: exact ℓ = g(z) − log σ − y; censored ℓ = log(F(z_b) − F(z_a)).
    func derivatives(_ theta: [Double], _ design: Matrix, _ dist: SurvivalDistribution) -> Derivatives {
        let p = design.columns
        let fixed = dist.hasFixedScale
        let k = fixed ? p : p + 1
        let tau = fixed ? 0 : theta[p]
        let sigma = exp(tau)
        var ll = 0.0
        var grad = [Double](repeating: 0, count: k)
        var info = Matrix(rows: k, columns: k)
        var meat = Matrix(rows: k, columns: k)
        var score = [Double](repeating: 0, count: k)
        var x = [Double](repeating: 0, count: p)
        for i in kind.indices {
            var eta = 0.0
            for j in 0..<p { x[j] = design[i, j]; eta += x[j] * theta[j] }
            // ℓ and its derivatives in η and τ.
            var l = 0.0, lE = 0.0, lT = 0.0, lEE = 0.0, lET = 0.0, lTT = 0.0
            if kind[i] == .exact {
                let z = (lower[i] - eta) / sigma
                let g1 = dist.scoreOfLogDensity(z), g2 = dist.curvatureOfLogDensity(z)
                l = dist.logDensity(z) - tau
                lE = -g1 / sigma
                lT = -g1 * z - 1
                lEE = g2 / (sigma * sigma)
                lET = (g2 * z + g1) / sigma
                lTT = g2 * z * z + g1 * z
            } else {
                let a = (lower[i] - eta) / sigma, b = (upper[i] - eta) / sigma
                let logD: Double
                switch kind[i] {
                case .right: logD = dist.logSurvival(a)
                case .left: logD = dist.logCDF(b)
                default:
                    let sa = dist.logSurvival(a)
                    if sa < -0.6931471805599453 {
                        logD = sa + log1p(-exp(dist.logSurvival(b) - sa))
                    } else {
                        let fb = dist.logCDF(b)
                        logD = fb + log1p(-exp(dist.logCDF(a) - fb))
                    }
                }
                l = logD
                // Contributions of each finite end u: ρ_u = f(u)/D, u_η = −1/σ, u_τ = −u, u_ηη = 0, u_ητ = 1/σ, u_ττ = u.
                var sE = 0.0, sT = 0.0, sEE = 0.0, sET = 0.0, sTT = 0.0
                for (u, sign) in [(a, -1.0), (b, 1.0)] where u.isFinite {
                    let rho = sign * exp(dist.logDensity(u) - logD)
                    let g1 = dist.scoreOfLogDensity(u)
                    let uE = -1 / sigma, uT = -u
                    sE += rho * uE
                    sT += rho * uT
                    sEE += rho * (g1 * uE * uE)
                    sET += rho * (g1 * uE * uT + 1 / sigma)
                    sTT += rho * (g1 * uT * uT + u)
                }
                lE = sE; lT = sT
                lEE = sEE - sE * sE
                lET = sET - sE * sT
                lTT = sTT - sT * sT
            }
            let w = weights?[i] ?? 1
            ll += w * (kind[i] == .exact ? l - lower[i] : l)
            for j in 0..<p {
                grad[j] += w * lE * x[j]
                score[j] = lE * x[j]
                for m in 0...j { info[j, m] -= w * lEE * x[j] * x[m] }
                if !fixed { info[p, j] -= w * lET * x[j] }
            }
            if !fixed {
                grad[p] += w * lT
                score[p] = lT
                info[p, p] -= w * lTT
            }
            if weights != nil {
                for j in 0..<k { for m in 0...j { meat[j, m] += w * w * score[j] * score[m] } }
            }
        }
        for j in 0..<k { for m in (j + 1)..<k { info[j, m] = info[m, j]; meat[j, m] = meat[m, j] } }
        return Derivatives(logLikelihood: ll, gradient: grad, negativeHessian: info, meat: meat)
    }
}
