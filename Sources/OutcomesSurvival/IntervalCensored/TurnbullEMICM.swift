import Foundation

/// The NPMLE of an interval-censored distribution on fixed support points by the EM–ICM hybrid
/// (Wellner & Zhan 1996): each iteration is one EM (self-consistency) step followed by one step of the
/// iterative convex minorant algorithm (Groeneboom & Wellner 1992) with Jongbloed's (1998) line search.
/// EM alone, which R's `survfit` runs, can need tens of thousands of iterations on a few thousand rows.
enum TurnbullEMICM {
    struct Solution {
        /// The mass of each support point.
        var masses: [Double]
        /// The log-likelihood Σ log P(row's range).
        var logLikelihood: Double
        var iterations: Int
        var converged: Bool
    }

    /// Maximizes Σᵢ wᵢ log(F[hiᵢ] − F[loᵢ − 1]) over distribution functions F on `pointCount` support points
    /// (F[−1] = 0, F[last] = 1). `ranges` are inclusive index ranges, one per distinct row pattern with its
    /// number of rows. Stops when no value of F moves by more than `tolerance` in an iteration.
    static func solve(ranges: [(lo: Int, hi: Int, rows: Double)], pointCount m: Int, tolerance: Double,
                      maxIterations: Int) -> Solution {
        let total = ranges.reduce(0) { $0 + $1.rows }
        var f = (0..<m).map { Double($0 + 1) / Double(m) }
        f[m - 1] = 1
        var logLik = logLikelihood(ranges, f)
        var iteration = 0, converged = false
        var coverage = [Double](repeating: 0, count: m + 1)
        var gradient = [Double](repeating: 0, count: m), curvature = [Double](repeating: 0, count: m)
        while iteration < maxIterations {
            iteration += 1
            let before = f
            // EM: p_j ← p_j · Σ_{rows covering j} (w / P) / Σ w.
            for j in 0...m { coverage[j] = 0 }
            for r in ranges {
                let c = r.rows / probability(r, f)
                coverage[r.lo] += c
                coverage[r.hi + 1] -= c
            }
            var running = 0.0, previousF = 0.0, cumulative = 0.0
            var emF = f
            for j in 0..<m {
                running += coverage[j]
                let p = (f[j] - previousF) * running / total
                previousF = f[j]
                cumulative += p
                emF[j] = cumulative
            }
            // Rescale so the last value is exactly 1 (the EM masses sum to 1 up to rounding).
            let last = emF[m - 1]
            if last > 0 { for j in 0..<m { emF[j] /= last } }
            emF[m - 1] = 1
            let emLik = logLikelihood(ranges, emF)
            if emLik >= logLik { f = emF; logLik = emLik }

            // ICM: weighted isotonic regression of F + G/W (diagonal of the negative Hessian W) on the free
            // values F[0..<m−1], clipped to [0, 1], then a halving line search towards it.
            if m > 1 {
                for k in 0..<m { gradient[k] = 0; curvature[k] = 0 }
                for r in ranges {
                    let p = probability(r, f)
                    let c = r.rows / p, c2 = r.rows / (p * p)
                    if r.hi < m - 1 { gradient[r.hi] += c; curvature[r.hi] += c2 }
                    if r.lo > 0 { gradient[r.lo - 1] -= c; curvature[r.lo - 1] += c2 }
                }
                let free = m - 1
                var target = [Double](repeating: 0, count: free), weight = [Double](repeating: 0, count: free)
                for k in 0..<free {
                    let w = max(curvature[k], 1e-12)
                    target[k] = f[k] + gradient[k] / w
                    weight[k] = w
                }
                var proposal = isotonic(target, weight).map { min(1, max(0, $0)) }
                var step = 1.0
                for _ in 0..<40 {
                    var candidate = f
                    for k in 0..<free { candidate[k] = f[k] + step * (proposal[k] - f[k]) }
                    let l = logLikelihood(ranges, candidate)
                    if l > logLik { f = candidate; logLik = l; break }
                    step /= 2
                }
                proposal.removeAll()
            }
            var change = 0.0
            for j in 0..<m { change = max(change, abs(f[j] - before[j])) }
            if change <= tolerance { converged = true; break }
        }
        var masses = [Double](repeating: 0, count: m)
        var previous = 0.0
        for j in 0..<m { masses[j] = max(0, f[j] - previous); previous = f[j] }
        return Solution(masses: masses, logLikelihood: logLik, iterations: iteration, converged: converged)
    }

    /// Σ rows · log(mass in the range) for masses given point by point.
    static func logLikelihoodOfMasses(_ ranges: [(lo: Int, hi: Int, rows: Double)], _ masses: [Double]) -> Double {
        var f = masses
        var cumulative = 0.0
        for j in masses.indices { cumulative += masses[j]; f[j] = cumulative }
        return logLikelihood(ranges, f)
    }

    /// The NPMLE's optimality check (Gentleman & Geyer 1994): with d_j = Σ rows covering j of w / P,
    /// the masses are the NPMLE exactly when d_j ≤ Σ w for every point, with equality where the mass is
    /// positive. Returns max_j d_j / Σ w, which is 1 at the NPMLE and above 1 anywhere else.
    static func optimalityRatio(_ ranges: [(lo: Int, hi: Int, rows: Double)], _ masses: [Double]) -> Double {
        let m = masses.count
        var f = masses
        var cumulative = 0.0
        for j in 0..<m { cumulative += masses[j]; f[j] = cumulative }
        var coverage = [Double](repeating: 0, count: m + 1)
        var total = 0.0
        for r in ranges {
            let c = r.rows / probability(r, f)
            coverage[r.lo] += c
            coverage[r.hi + 1] -= c
            total += r.rows
        }
        var running = 0.0, worst = 0.0
        for j in 0..<m { running += coverage[j]; worst = max(worst, running) }
        return worst / total
    }

    static func probability(_ r: (lo: Int, hi: Int, rows: Double), _ f: [Double]) -> Double {
        f[r.hi] - (r.lo > 0 ? f[r.lo - 1] : 0)
    }

    static func logLikelihood(_ ranges: [(lo: Int, hi: Int, rows: Double)], _ f: [Double]) -> Double {
        var total = 0.0
        for r in ranges {
            let p = probability(r, f)
            if !(p > 0) { return -.infinity }
            total += r.rows * log(p)
        }
        return total
    }

    /// Weighted least-squares non-decreasing fit (pool adjacent violators).
    static func isotonic(_ y: [Double], _ w: [Double]) -> [Double] {
        var values: [Double] = [], weights: [Double] = [], sizes: [Int] = []
        for k in y.indices {
            values.append(y[k]); weights.append(w[k]); sizes.append(1)
            while values.count > 1 && values[values.count - 2] > values[values.count - 1] {
                let v2 = values.removeLast(), w2 = weights.removeLast(), s2 = sizes.removeLast()
                let v1 = values.removeLast(), w1 = weights.removeLast(), s1 = sizes.removeLast()
                let wt = w1 + w2
                values.append((v1 * w1 + v2 * w2) / wt); weights.append(wt); sizes.append(s1 + s2)
            }
        }
        var out: [Double] = []
        out.reserveCapacity(y.count)
        for (v, s) in zip(values, sizes) { out.append(contentsOf: repeatElement(v, count: s)) }
        return out
    }
}
