/// Derivative-free minimization (Nelder–Mead simplex) for the few variance parameters of a mixed model,
/// followed in the callers by a Newton polish; deterministic for a given start.
enum NelderMead {
    static func minimize(_ f: ([Double]) -> Double, start: [Double], step: Double = 0.25,
                         tolerance: Double = 1e-12, maxEvaluations: Int = 20_000) -> (x: [Double], value: Double, evaluations: Int) {
        let k = start.count
        var simplex = [start]
        for i in 0..<k {
            var v = start
            v[i] += v[i] == 0 ? step : step * max(abs(v[i]), 1)
            simplex.append(v)
        }
        var values = simplex.map(f)
        var evaluations = k + 1
        while evaluations < maxEvaluations {
            let order = values.indices.sorted { values[$0] < values[$1] }
            simplex = order.map { simplex[$0] }
            values = order.map { values[$0] }
            let spread = abs(values[k] - values[0])
            let size = (1...k).map { j in zip(simplex[j], simplex[0]).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
            if spread <= tolerance * (abs(values[0]) + tolerance) && size < 1e-9 { break }
            var centroid = [Double](repeating: 0, count: k)
            for j in 0..<k { for i in 0..<k { centroid[i] += simplex[j][i] / Double(k) } }
            func along(_ t: Double) -> [Double] { (0..<k).map { centroid[$0] + t * (simplex[k][$0] - centroid[$0]) } }
            let reflected = along(-1), fr = f(reflected); evaluations += 1
            if fr < values[0] {
                let expanded = along(-2), fe = f(expanded); evaluations += 1
                if fe < fr { simplex[k] = expanded; values[k] = fe } else { simplex[k] = reflected; values[k] = fr }
            } else if fr < values[k - 1] {
                simplex[k] = reflected; values[k] = fr
            } else {
                let contracted = fr < values[k] ? along(-0.5) : along(0.5)
                let fc = f(contracted); evaluations += 1
                if fc < min(fr, values[k]) {
                    simplex[k] = contracted; values[k] = fc
                } else {
                    for j in 1...k {
                        simplex[j] = (0..<k).map { simplex[0][$0] + 0.5 * (simplex[j][$0] - simplex[0][$0]) }
                        values[j] = f(simplex[j])
                    }
                    evaluations += k
                }
            }
        }
        let best = values.indices.min { values[$0] < values[$1] }!
        return (simplex[best], values[best], evaluations)
    }
}

/// Central-difference derivatives with one Richardson extrapolation step (as numDeriv's default, in spirit).
enum NumericDerivatives {
    static func gradient(_ f: ([Double]) -> Double, at x: [Double], step h0: Double = 1e-3) -> [Double] {
        (0..<x.count).map { i in
            func d(_ h: Double) -> Double {
                var a = x, b = x
                a[i] += h; b[i] -= h
                return (f(a) - f(b)) / (2 * h)
            }
            let h = h0 * max(abs(x[i]), 1e-2)
            return (4 * d(h / 2) - d(h)) / 3
        }
    }

    /// Second differences (four evaluations per pair) at steps h and h/2, combined by Richardson extrapolation.
    static func hessian(_ f: ([Double]) -> Double, at x: [Double], step h0: Double = 1e-3) -> [[Double]] {
        let k = x.count
        let scale = x.map { h0 * max(abs($0), 1e-2) }
        func second(_ factor: Double) -> [[Double]] {
            var out = [[Double]](repeating: [Double](repeating: 0, count: k), count: k)
            let f0 = f(x)
            for i in 0..<k {
                let hi = scale[i] * factor
                var a = x, b = x
                a[i] += hi; b[i] -= hi
                out[i][i] = (f(a) - 2 * f0 + f(b)) / (hi * hi)
                for j in 0..<i {
                    let hj = scale[j] * factor
                    func at(_ si: Double, _ sj: Double) -> Double { var y = x; y[i] += si * hi; y[j] += sj * hj; return f(y) }
                    let v = (at(1, 1) - at(1, -1) - at(-1, 1) + at(-1, -1)) / (4 * hi * hj)
                    out[i][j] = v; out[j][i] = v
                }
            }
            return out
        }
        let coarse = second(1), fine = second(0.5)
        return (0..<k).map { i in (0..<k).map { j in (4 * fine[i][j] - coarse[i][j]) / 3 } }
    }
}
