import OutcomesLinearAlgebra

/// BFGS with numerical gradients and a backtracking line search, then Newton steps with a numerical Hessian,
/// for the few covariance parameters of a marginal model. Returns whether the gradient vanished and the
/// Hessian is positive definite at the end (the convergence test of the fallback chain). The tolerances are absolute:
/// scale the objective so that its curvature is of order one (a deviance per observation, not a total).
enum QuasiNewton {
    struct Result {
        var x: [Double]
        var value: Double
        var converged: Bool
        var iterations: Int
        var hessian: [[Double]]?
        var reason: String
    }

    /// - Parameter gradientTolerance: the largest gradient component at which the minimum counts as found.
    static func minimize(_ f: ([Double]) -> Double, start: [Double], maxIterations: Int = 500, gradientTolerance: Double = 1e-3) -> Result {
        let k = start.count
        var x = start, fx = f(x)
        guard fx.isFinite else { return Result(x: x, value: fx, converged: false, iterations: 0, hessian: nil, reason: "the objective is not finite at the start") }
        var g = NumericDerivatives.gradient(f, at: x, step: 1e-5)
        var h = (0..<k).map { i in (0..<k).map { $0 == i ? 1.0 : 0.0 } }   // inverse Hessian approximation
        var iterations = 0
        for _ in 0..<maxIterations {
            iterations += 1
            if g.map(abs).max()! < 1e-7 { break }
            let direction = (0..<k).map { i in -(0..<k).reduce(0) { $0 + h[i][$1] * g[$1] } }
            var slope = zip(direction, g).map(*).reduce(0, +)
            var d = direction
            if !(slope < 0) { d = g.map { -$0 }; slope = -g.reduce(0) { $0 + $1 * $1 }; h = (0..<k).map { i in (0..<k).map { $0 == i ? 1.0 : 0.0 } } }
            var t = 1.0, accepted = false, xn = x, fn = fx
            while t > 1e-12 {
                xn = zip(x, d).map { $0 + t * $1 }
                fn = f(xn)
                if fn.isFinite && fn <= fx + 1e-4 * t * slope { accepted = true; break }
                t /= 2
            }
            if !accepted { break }
            let gn = NumericDerivatives.gradient(f, at: xn, step: 1e-5)
            let s = zip(xn, x).map(-), yv = zip(gn, g).map(-)
            let sy = zip(s, yv).map(*).reduce(0, +)
            if sy > 1e-12 {
                let hy = (0..<k).map { i in (0..<k).reduce(0) { $0 + h[i][$1] * yv[$1] } }
                let yhy = zip(yv, hy).map(*).reduce(0, +)
                for i in 0..<k { for j in 0..<k {
                    h[i][j] += (sy + yhy) * s[i] * s[j] / (sy * sy) - (hy[i] * s[j] + s[i] * hy[j]) / sy
                } }
            }
            let change = abs(fx - fn)
            x = xn; fx = fn; g = gn
            if change < 1e-12 * (abs(fx) + 1) && g.map(abs).max()! < 1e-4 { break }
        }
        // Newton polish: the quasi-Newton iterate is close; a few exact-Hessian steps make it precise.
        var hessian: [[Double]]? = nil
        for _ in 0..<10 {
            let hs = NumericDerivatives.hessian(f, at: x, step: 1e-3)
            hessian = hs
            let gr = NumericDerivatives.gradient(f, at: x, step: 1e-4)
            guard let m = try? Matrix(hs), let chol = try? CholeskyFactorization(m), let step = try? chol.solve(gr) else { break }
            var t = 1.0, moved = false
            while t > 1e-6 {
                let xn = zip(x, step).map { $0 - t * $1 }
                let fn = f(xn)
                if fn.isFinite && fn <= fx { moved = fn < fx || t == 1; x = xn; fx = fn; break }
                t /= 2
            }
            iterations += 1
            if !moved || step.map(abs).max()! < 1e-9 { break }
        }
        let finalGradient = NumericDerivatives.gradient(f, at: x, step: 1e-4)
        hessian = NumericDerivatives.hessian(f, at: x, step: 1e-3)
        let positive = (try? Matrix(hessian!)).flatMap { try? CholeskyFactorization($0) } != nil
        let small = finalGradient.map(abs).max()! < gradientTolerance
        let reason = !small ? "the gradient did not vanish (largest component \(finalGradient.map(abs).max()!))"
            : (!positive ? "the Hessian of the likelihood is not positive definite at the optimum" : "")
        return Result(x: x, value: fx, converged: small && positive, iterations: iterations, hessian: hessian, reason: reason)
    }
}
