import Foundation
import OutcomesLinearAlgebra
import OutcomesDistributions

/// Settings of an MMRM fit.
public struct MMRMOptions: Sendable {
    public var reml = true
    public var level = 0.95
    /// Structures tried in order after the requested one fails to converge.
    public var fallback: [CovarianceStructure] = []
    public init() {}
}

/// A least-squares mean at one visit (and one level of a by-variable), on emmeans' reference grid.
public struct LeastSquaresMean: Sendable {
    public let visit: String
    public let by: String?
    public let estimate: Double
    public let standardError: Double
    public let degreesOfFreedom: Double
    public let lower: Double
    public let upper: Double
}

/// A fitted mixed model for repeated measures (a marginal GLS model over scheduled visits).
public struct MMRMFit: Sendable {
    public let coefficients: [ModelCoefficient]
    public let visits: [String]
    /// The estimated T × T covariance, row by row.
    public let covariance: [[Double]]
    public let requested: CovarianceStructure
    public let used: CovarianceStructure
    public let n: Int
    public let subjects: Int
    public let logLikelihood: Double
    /// AIC with p + (covariance parameters) parameters, as nlme::gls.
    public let aic: Double
    public let converged: Bool
    public let iterations: Int
    public let lsmeans: [LeastSquaresMean]
    public let notes: [String]
}

/// MMRM: fixed effects with a marginal covariance over scheduled visits, fitted by (RE)ML, with a fallback chain
/// of covariance structures, Satterthwaite degrees of freedom and least-squares means.
public enum MixedModelRepeatedMeasures {
    /// - Parameters:
    ///   - design: the fixed-effects design (its column parts give the least-squares means' reference grid).
    ///   - subjects, visits: codes per row; `visitLabels[v]` names visit v (in order).
    ///   - visitVariable: the covariate that codes the visit in the design, if it is one.
    ///   - byVariable: a categorical covariate for least-squares means by its levels at each visit.
    public static func fit(design: DesignMatrix, y: [Double], subjects: [Int], visits: [Int], visitLabels: [String],
                           requested: CovarianceStructure, visitVariable: String?, byVariable: String?,
                           options: MMRMOptions = MMRMOptions()) throws(ModelError) -> MMRMFit {
        let n = design.matrix.rows, t = visitLabels.count
        guard y.count == n, subjects.count == n, visits.count == n else { throw ModelError("outcome, subjects or visits do not fit the design") }
        var notes: [String] = []
        let aliased: [Int]
        do { aliased = try design.matrix.gram().collinearColumns() } catch { throw ModelError(error.description) }
        let estimable = (0..<design.matrix.columns).filter { !aliased.contains($0) }
        if !aliased.isEmpty { notes.append("coefficients not estimable (aliased, NA as R): \(aliased.map { design.names[$0] }.joined(separator: ", "))") }
        let x = design.matrix.selecting(columns: estimable)
        let p = x.columns
        let subjectCount = (subjects.max() ?? -1) + 1
        var rowsOf = [[Int]](repeating: [], count: subjectCount)
        for i in 0..<n { rowsOf[subjects[i]].append(i) }
        for s in 0..<subjectCount {
            rowsOf[s].sort { visits[$0] < visits[$1] }
            for (a, b) in zip(rowsOf[s], rowsOf[s].dropFirst()) where visits[a] == visits[b] {
                throw ModelError("subject \(s + 1) has two rows at visit '\(visitLabels[visits[a]])' (rows \(a + 1) and \(b + 1) of those used)")
            }
        }
        let likelihood: MarginalLikelihood
        do { likelihood = try MarginalLikelihood(x: x, y: y, visits: t, subjectRows: rowsOf.filter { !$0.isEmpty }, visitOf: visits) }
        catch { throw ModelError(error.description) }

        // Starting values from ordinary least squares residuals.
        var olsBeta: [Double]
        do { olsBeta = try CholeskyFactorization(x.gram()).solve(x.transposeMultiplied(by: y)) } catch { throw ModelError(error.description) }
        let fitted: [Double]
        do { fitted = try x.multiplied(by: olsBeta) } catch { throw ModelError(error.description) }
        var ss = [Double](repeating: 0, count: t), count = [Double](repeating: 0, count: t)
        for i in 0..<n { ss[visits[i]] += (y[i] - fitted[i]) * (y[i] - fitted[i]); count[visits[i]] += 1 }
        let sd = (0..<t).map { count[$0] > 0 ? (ss[$0] / count[$0]).squareRoot() : 1 }

        var chain = [requested]
        for s in options.fallback where !chain.contains(s) { chain.append(s) }
        var chosen: (CovarianceStructure, QuasiNewton.Result)? = nil
        // The optimizer sees the deviance per observation: the deviance and its gradient grow with n while the
        // rounding noise of a numerical gradient grows with them, so fixed tolerances on the raw deviance could not
        // be met at tens of thousands of rows (the fit spun to its iteration limit and fell back to another
        // structure). Per observation, the curvature and the tolerances keep one meaning at any n.
        let perObservation = 1 / Double(n)
        for structure in chain {
            let f = { (theta: [Double]) -> Double in
                (likelihood.evaluate(structure, theta, reml: options.reml)?.deviance ?? .infinity) * perObservation
            }
            let result = QuasiNewton.minimize(f, start: structure.start(sd: sd), gradientTolerance: 1e-6)
            if result.converged { chosen = (structure, result); break }
            notes.append("covariance \(structure.rawValue) (\(structure.title)) did not converge: \(result.reason)" +
                         (structure == chain.last ? "" : "; falling back"))
        }
        guard let (used, result) = chosen else {
            throw ModelError("no covariance structure converged (tried \(chain.map(\.rawValue).joined(separator: ", ")))")
        }
        if used != requested { notes.append("covariance used: \(used.rawValue) (\(used.title)) instead of the requested \(requested.rawValue)") }
        guard let e = likelihood.evaluate(used, result.x, reml: options.reml), let vcov = try? e.factor.inverse() else {
            throw ModelError("the fitted model could not be evaluated at its optimum")
        }
        let sigma = used.covariance(result.x, visits: t)

        // Satterthwaite: Var(L β̂) as a function of θ, its gradient, and the asymptotic covariance 2 H⁻¹ of θ.
        let k = result.x.count
        var thetaCovariance: Matrix? = nil
        if let h = result.hessian, let hm = try? Matrix(h), let inv = try? hm.inverse() { thetaCovariance = (2 * perObservation) * inv }
        func vcovAt(_ theta: [Double]) -> Matrix? {
            likelihood.evaluate(used, theta, reml: options.reml).flatMap { try? $0.factor.inverse() }
        }
        // ∂Var(β̂)/∂θᵢ once (central differences with one Richardson step), reused for every contrast.
        var derivatives: [Matrix]? = []
        for i in 0..<k {
            let h = 1e-4 * max(abs(result.x[i]), 1e-2)
            func at(_ d: Double) -> Matrix? { var t = result.x; t[i] += d; return vcovAt(t) }
            guard let a = at(h), let b = at(-h), let c = at(h / 2), let d = at(-h / 2) else { derivatives = nil; break }
            let coarse = (1 / (2 * h)) * (a - b), fine = (1 / h) * (c - d)
            derivatives?.append((4.0 / 3) * fine - (1.0 / 3) * coarse)
        }
        func satterthwaite(_ l: [Double]) -> Double {
            func quadratic(_ m: Matrix) -> Double {
                var s = 0.0
                for a in 0..<p { for b in 0..<p { s += l[a] * m[a, b] * l[b] } }
                return s
            }
            guard let a = thetaCovariance, let derivatives else { return .nan }
            let g = derivatives.map(quadratic)
            var d = 0.0
            for i in 0..<k { for j in 0..<k { d += g[i] * a[i, j] * g[j] } }
            let v = quadratic(vcov)
            return 2 * v * v / d
        }

        let alpha = 1 - options.level
        var coefficients: [ModelCoefficient] = []
        for j in 0..<design.matrix.columns {
            guard let c = estimable.firstIndex(of: j) else {
                coefficients.append(ModelCoefficient(name: design.names[j], estimate: nil, standardError: nil, robustStandardError: nil,
                                                     statistic: nil, degreesOfFreedom: nil, p: nil, lower: nil, upper: nil))
                continue
            }
            var l = [Double](repeating: 0, count: p); l[c] = 1
            let b = e.beta[c], se = vcov[c, c].squareRoot(), df = satterthwaite(l), tq = StudentT(degreesOfFreedom: df).quantile(1 - alpha / 2)
            coefficients.append(ModelCoefficient(name: design.names[j], estimate: b, standardError: se, robustStandardError: nil,
                                                 statistic: b / se, degreesOfFreedom: df, p: 2 * StudentT(degreesOfFreedom: df).sf(abs(b / se)),
                                                 lower: b - tq * se, upper: b + tq * se))
        }

        // Least-squares means by visit (and by the by-variable at each visit).
        var lsmeans: [LeastSquaresMean] = []
        if let visitVariable, let visitLevels = design.levels[visitVariable] {
            let byLevels: [String?] = (byVariable.flatMap { design.levels[$0] }.map { $0.map(Optional.some) } ?? []) + [nil]
            for by in byLevels {
                for v in visitLevels {
                    var fixed = [visitVariable: v]
                    if let by, let byVariable { fixed[byVariable] = by }
                    let row = design.referenceGridRow(fixed: fixed)
                    let l = estimable.map { row[$0] }
                    let estimate = zip(l, e.beta).map(*).reduce(0, +)
                    var variance = 0.0
                    for a in 0..<p { for b in 0..<p { variance += l[a] * vcov[a, b] * l[b] } }
                    let se = variance.squareRoot(), df = satterthwaite(l), tq = StudentT(degreesOfFreedom: df).quantile(1 - alpha / 2)
                    lsmeans.append(LeastSquaresMean(visit: v, by: by, estimate: estimate, standardError: se, degreesOfFreedom: df,
                                                    lower: estimate - tq * se, upper: estimate + tq * se))
                }
            }
        }
        let logLik = -e.deviance / 2
        return MMRMFit(coefficients: coefficients, visits: visitLabels,
                       covariance: (0..<t).map { i in (0..<t).map { sigma[i * t + $0] } },
                       requested: requested, used: used, n: n, subjects: likelihood.subjects,
                       logLikelihood: logLik, aic: e.deviance + 2 * Double(p + k), converged: true,
                       iterations: result.iterations, lsmeans: lsmeans, notes: notes)
    }
}
