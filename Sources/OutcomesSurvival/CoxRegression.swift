import Foundation
import OutcomesDistributions
import OutcomesLinearAlgebra

/// Cox proportional-hazards regression matching R's `coxph`: Efron or Breslow ties, strata, counting-process
/// (delayed entry) data, case weights, and robust sandwich variance with optional clusters.
public enum CoxRegression {
    /// Fits the model by Newton–Raphson from β = 0 with step-halving and R's stopping rule.
    ///
    /// - Parameters:
    ///   - covariates: n × p design matrix (rows as in `data`).
    ///   - names: one name per column.
    ///   - strata: separate baseline hazards per stratum.
    ///   - clusters: cluster membership for the robust variance (implies a robust variance).
    public static func fit(covariates: Matrix, names: [String], data: SurvivalData, strata: Grouping? = nil,
                           clusters: Grouping? = nil, options: CoxOptions = CoxOptions()) throws(SurvivalError) -> CoxModel {
        let n = data.count
        guard n > 0 else { throw .empty }
        guard covariates.rows == n else { throw .lengthMismatch("\(n) rows of survival data but \(covariates.rows) covariate rows") }
        guard names.count == covariates.columns else { throw .lengthMismatch("\(covariates.columns) covariates but \(names.count) names") }
        guard covariates.columns > 0 else { throw .invalidArgument("the Cox model needs at least one covariate") }
        if let strata, strata.codes.count != n { throw .lengthMismatch("\(n) rows but \(strata.codes.count) stratum codes") }
        if let clusters, clusters.codes.count != n { throw .lengthMismatch("\(n) rows but \(clusters.codes.count) cluster codes") }
        if let k = covariates.storage.firstIndex(where: { !$0.isFinite }) {
            throw .nonFinite(name: "covariate \(names[k / n])", row: k % n, value: covariates.storage[k])
        }
        guard data.event.contains(true) else { throw .invalidArgument("no events: the Cox model cannot be estimated") }

        // The risk-set structure centres and sorts the covariates once; its Gram matrix also serves the
        // collinearity check, so a design without degenerate columns is never copied.
        let strataCodes = strata?.codes ?? Array(repeating: 0, count: n)
        let all = CoxRiskSets(covariates: covariates, data: data, strata: strataCodes, ties: options.ties)
        let constant = (0..<covariates.columns).map { j in
            let column = covariates.storage[(j * n)..<((j + 1) * n)]
            return column.allSatisfy { $0 == column.first! }
        }
        let kept = keptColumns(gram: all.x.gram(), constant: constant, tolerance: options.collinearityTolerance)
        var warnings: [String] = []
        let dropped = (0..<covariates.columns).filter { !kept.contains($0) }.map { names[$0] }
        for name in dropped {
            warnings.append("covariate '\(name)' is constant or a linear combination of earlier covariates; it was dropped and its coefficient is NA (as R reports)")
        }
        guard !kept.isEmpty else { throw .invalidArgument("every covariate is constant or collinear: \(dropped.joined(separator: ", "))") }
        let sets: CoxRiskSets
        if kept.count == covariates.columns {
            sets = all
        } else {
            var design = Matrix(rows: n, columns: kept.count)
            for (k, j) in kept.enumerated() {
                design.storage.replaceSubrange((k * n)..<((k + 1) * n), with: covariates.storage[(j * n)..<((j + 1) * n)])
            }
            sets = CoxRiskSets(covariates: design, data: data, strata: strataCodes, ties: options.ties)
        }
        let newton = try newtonRaphson(sets, options: options)
        let p = kept.count
        let variance: Matrix
        do { variance = try CholeskyFactorization(newton.information).inverse() } catch {
            throw .numerical("the information matrix at the estimate is not positive definite (\(error))")
        }
        if !newton.converged {
            warnings.append("Ran out of iterations and did not converge")
        } else {
            let uv = (try? variance.multiplied(by: newton.evaluation.score)) ?? []
            let flagged = (0..<p).filter { j in
                abs(uv[j]) > options.epsilon && abs(uv[j]) > options.infiniteTolerance * abs(newton.beta[j])
            }
            if !flagged.isEmpty {
                warnings.append("Loglik converged before variable \(flagged.map { names[kept[$0]] }.joined(separator: ",")); coefficient may be infinite")
            }
        }
        var robust: Matrix? = nil
        var robustStatus = RobustVarianceStatus.notRequested
        let nonIntegerWeights = data.weights.contains { $0 != $0.rounded() }
        if clusters != nil || (options.robust ?? nonIntegerWeights) {
            // The sandwich's middle is a sum over clusters of rank-one terms: with fewer clusters than
            // coefficients (or fewer than two) it is singular and the "standard errors" it gives mean nothing.
            let clusterCount = clusters.map { Set($0.codes).count } ?? n
            if clusterCount < 2 || clusterCount < p {
                let reason = "the robust variance is not estimable: \(clusterCount) cluster\(clusterCount == 1 ? "" : "s") for \(p) coefficient\(p == 1 ? "" : "s") (at least 2, and at least one per coefficient, are needed)"
                robustStatus = .notEstimable(reason: reason)
                warnings.append(reason)
            } else {
                robust = try sandwich(sets, newton.evaluation, variance: variance, clusters: clusters)
                robustStatus = .estimated
            }
        }
        let robustRequested = robustStatus != .notRequested
        let z = Normal.quantile(1 - (1 - options.level) / 2)
        var terms: [CoxTerm] = []
        for j in 0..<covariates.columns {
            guard let k = kept.firstIndex(of: j) else {
                terms.append(CoxTerm(name: names[j], coefficient: .nan, standardError: .nan, robustStandardError: robustRequested ? .nan : nil,
                                     z: .nan, pValue: .nan, hazardRatioLower: .nan, hazardRatioUpper: .nan))
                continue
            }
            let b = newton.beta[k]
            let se = variance[k, k].squareRoot()
            // Not estimable robust variance: the robust columns, z and p are NaN rather than model-based in disguise.
            let rse = robustRequested ? (robust.map { $0[k, k].squareRoot() } ?? .nan) : nil
            let used = rse ?? se
            let zz = b / used
            terms.append(CoxTerm(name: names[j], coefficient: b, standardError: se, robustStandardError: rse, z: zz,
                                 pValue: 2 * Normal.sf(abs(zz)),
                                 hazardRatioLower: exp(b - z * used), hazardRatioUpper: exp(b + z * used)))
        }
        let info = newton.information
        let wald = quadraticForm(info, newton.beta)
        var robustWald: ChiSquareTest? = nil
        let robustScore = robust == nil ? nil : ChiSquareTest(robustScoreTest(sets, clusters: clusters), p)
        if let robust, let factor = try? CholeskyFactorization(robust), let solved = try? factor.solve(newton.beta) {
            robustWald = ChiSquareTest(zip(solved, newton.beta).reduce(0) { $0 + $1.0 * $1.1 }, p)
        }
        var eta = [Double](repeating: 0, count: n)
        for (k, row) in sets.order.enumerated() { eta[row] = newton.evaluation.eta[k] }
        return CoxModel(terms: terms, dropped: dropped, variance: variance, robustVariance: robust, n: n, events: sets.eventCount,
                        clusters: clusters.map { Set($0.codes).count }, iterations: newton.iterations, converged: newton.converged,
                        logLikelihoodNull: newton.nullLogLikelihood, logLikelihood: newton.evaluation.logLikelihood, ties: options.ties,
                        likelihoodRatio: ChiSquareTest(2 * (newton.evaluation.logLikelihood - newton.nullLogLikelihood), p),
                        wald: ChiSquareTest(wald, p), robustWald: robustWald, score: ChiSquareTest(newton.scoreTest, p), robustScore: robustScore,
                        warnings: warnings, level: options.level, linearPredictors: eta, robustVarianceStatus: robustStatus)
    }

    struct NewtonResult {
        var beta: [Double]
        var evaluation: CoxRiskSets.Evaluation
        var information: Matrix
        var iterations: Int
        var converged: Bool
        var nullLogLikelihood: Double
        var scoreTest: Double
    }

    /// R's `coxfit6` iteration: start at 0; accept a step when the log-likelihood does not fall, else halve it;
    /// stop when |1 − old/new| ≤ eps after a full (unhalved) step.
    static func newtonRaphson(_ sets: CoxRiskSets, options: CoxOptions) throws(SurvivalError) -> NewtonResult {
        let p = sets.p
        var beta = [Double](repeating: 0, count: p)
        var ev = sets.evaluate(beta)
        var info = sets.information(ev)
        let nullLoglik = ev.logLikelihood
        var factor: CholeskyFactorization
        do { factor = try CholeskyFactorization(info) } catch {
            throw .numerical("the information matrix at β = 0 is not positive definite (\(error))")
        }
        let step0 = (try? factor.solve(ev.score)) ?? Array(repeating: 0, count: p)
        let scoreTest = zip(step0, ev.score).reduce(0) { $0 + $1.0 * $1.1 }
        var loglik = nullLoglik
        var newBeta = zip(beta, step0).map { $0 + $1 }
        var halving = false
        var iteration = 0
        while iteration < options.maxIterations {
            iteration += 1
            ev = sets.evaluate(newBeta)
            info = sets.information(ev)
            let newLoglik = ev.logLikelihood
            let finite = newLoglik.isFinite
            if finite && abs(1 - loglik / newLoglik) <= options.epsilon && !halving {
                return NewtonResult(beta: newBeta, evaluation: ev, information: info, iterations: iteration, converged: true,
                                    nullLogLikelihood: nullLoglik, scoreTest: scoreTest)
            }
            if iteration == options.maxIterations { break }
            if !finite || newLoglik < loglik {
                halving = true
                for j in 0..<p { newBeta[j] = (newBeta[j] + beta[j]) / 2 }
            } else {
                halving = false
                loglik = newLoglik
                guard let f = try? CholeskyFactorization(info), let step = try? f.solve(ev.score) else {
                    throw .numerical("the information matrix became singular during the iterations")
                }
                beta = newBeta
                for j in 0..<p { newBeta[j] += step[j] }
            }
        }
        return NewtonResult(beta: newBeta, evaluation: ev, information: info, iterations: iteration, converged: false,
                            nullLogLikelihood: nullLoglik, scoreTest: scoreTest)
    }

    /// Column indices kept after dropping constant columns and columns that are linear combinations of earlier
    /// ones: a sequential Cholesky of the centred Gram matrix `g`, dropping a column whose pivot falls below
    /// `tolerance` times its diagonal.
    static func keptColumns(gram g: Matrix, constant: [Bool], tolerance: Double) -> [Int] {
        let p = g.rows
        var l = Matrix(rows: p, columns: p)
        var kept: [Int] = []
        for j in 0..<p where !constant[j] {
            let diag = g[j, j]
            guard diag > 0 else { continue }
            for (ki, k) in kept.enumerated() {
                var s = g[j, k]
                for m in kept.prefix(ki) { s -= l[j, m] * l[k, m] }
                l[j, k] = s / l[k, k]
            }
            var pivot = diag
            for k in kept { pivot -= l[j, k] * l[j, k] }
            if pivot > tolerance * diag {
                l[j, j] = pivot.squareRoot()
                kept.append(j)
            }
        }
        return kept
    }

    static func quadraticForm(_ a: Matrix, _ v: [Double]) -> Double {
        let av = (try? a.multiplied(by: v)) ?? []
        return zip(av, v).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// The sandwich variance V (Σ_c G_cᵀ G_c) V, where G_c sums the weighted score residuals w·L of cluster c
    /// (each row its own cluster without clusters), as R's `coxph(robust = TRUE)` / `cluster()`.
    static func sandwich(_ sets: CoxRiskSets, _ ev: CoxRiskSets.Evaluation, variance: Matrix, clusters: Grouping?) throws(SurvivalError) -> Matrix {
        do {
            return try variance.multiplied(by: clusteredScoreGram(sets, ev, clusters: clusters)).multiplied(by: variance)
        } catch {
            throw .numerical("robust variance: \(error)")
        }
    }

    /// The robust score test at β = 0 (R's `rscore`): U₀ᵀ (Σ_c G_cᵀ G_c)⁻¹ U₀ with G from the score residuals at 0.
    static func robustScoreTest(_ sets: CoxRiskSets, clusters: Grouping?) -> Double {
        let ev = sets.evaluate(Array(repeating: 0, count: sets.p))
        guard let factor = try? CholeskyFactorization(clusteredScoreGram(sets, ev, clusters: clusters)),
              let solved = try? factor.solve(ev.score) else { return .nan }
        return zip(solved, ev.score).reduce(0) { $0 + $1.0 * $1.1 }
    }

    /// Σ over clusters of G_cᵀ G_c, where G_c sums w·L (weighted score residuals) over the cluster's rows.
    static func clusteredScoreGram(_ sets: CoxRiskSets, _ ev: CoxRiskSets.Evaluation, clusters: Grouping?) -> Matrix {
        let residuals = scoreResiduals(sets, ev)
        let n = sets.n, p = sets.p
        let clusterCount = clusters?.labels.count ?? n
        var g = Matrix(rows: clusterCount, columns: p)
        for k in 0..<n {
            let c = clusters?.codes[sets.order[k]] ?? k
            let w = sets.weights[k]
            for j in 0..<p { g.storage[c + j * clusterCount] += w * residuals.storage[k + j * n] }
        }
        return g.gram()
    }

    /// Score residuals L (n × p, sorted order), with Efron's k/d discount for tied deaths.
    static func scoreResiduals(_ sets: CoxRiskSets, _ ev: CoxRiskSets.Evaluation) -> Matrix {
        let n = sets.n, p = sets.p, eCount = sets.eventTime.count
        var haz = [Double](repeating: 0, count: eCount), hazFrac = haz
        var xhaz = [Double](repeating: 0, count: eCount * p), xhazFrac = xhaz, abar = xhaz
        var termsAt = [Int](repeating: 0, count: eCount)
        var last = -1, k = 0
        sets.forEachTerm(s0: ev.s0, s1: ev.s1, d0: ev.d0, d1: ev.d1) { e, weight, den, a in
            if e != last { last = e; k = 0 } else { k += 1 }
            let frac = (sets.ties == .efron && sets.deaths[e] > 1) ? Double(k) / Double(sets.deaths[e]) : 0
            haz[e] += weight / den
            hazFrac[e] += weight * frac / den
            for j in 0..<p {
                xhaz[e * p + j] += weight * a[j] / den
                xhazFrac[e * p + j] += weight * frac * a[j] / den
                abar[e * p + j] += a[j]
            }
            termsAt[e] += 1
        }
        for e in 0..<eCount { for j in 0..<p { abar[e * p + j] /= Double(termsAt[e]) } }
        for e in 1..<max(eCount, 1) where sets.eventStratum[e] == sets.eventStratum[e - 1] {
            haz[e] += haz[e - 1]
            for j in 0..<p { xhaz[e * p + j] += xhaz[(e - 1) * p + j] }
        }
        var out = Matrix(rows: n, columns: p)
        for i in 0..<n {
            var h = 0.0
            var xh = [Double](repeating: 0, count: p)
            if sets.lastEventAtExit[i] >= 0 {
                let e = sets.lastEventAtExit[i]
                h += haz[e]
                for j in 0..<p { xh[j] += xhaz[e * p + j] }
            }
            if sets.lastEventAtEntry[i] >= 0 {
                let e = sets.lastEventAtEntry[i]
                h -= haz[e]
                for j in 0..<p { xh[j] -= xhaz[e * p + j] }
            }
            let own = sets.ownEvent[i]
            if own >= 0 {
                h -= hazFrac[own]
                for j in 0..<p { xh[j] -= xhazFrac[own * p + j] }
            }
            let r = exp(ev.eta[i])
            for j in 0..<p {
                let xij = sets.x.storage[j * n + i]
                var value = -r * (xij * h - xh[j])
                if own >= 0 { value += xij - abar[own * p + j] }
                out.storage[j * n + i] = value
            }
        }
        return out
    }
}
