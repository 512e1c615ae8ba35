#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which tail of a distribution a probability refers to.
enum Tail: Sendable {
    case lower
    case upper
}

/// Inverts a tail probability of a continuous distribution on (0, ∞) by safeguarded Newton iteration on
/// u = ln x against ln(tail): ln(tail) is nearly linear in ln x in both tails, so Newton converges in a few
/// steps even for probabilities like 1e-300, and a bracket with bisection guarantees convergence elsewhere.
enum TailInversion {
    /// - Parameters:
    ///   - target: the tail probability to match, in (0, 1).
    ///   - tail: whether `target` is a lower-tail (increasing in x) or upper-tail probability.
    ///   - start: a positive starting value.
    ///   - upperLimit: the supremum of the support (for example 1 for a beta variable), or ∞.
    ///   - evaluate: for x > 0, the chosen tail probability and x·f(x) (the derivative of the lower tail in ln x).
    static func solve(target: Double, tail: Tail, start: Double, upperLimit: Double = .infinity,
                      evaluate: (Double) -> (tail: Double, xDensity: Double)) -> Double {
        let logTarget = log(target)
        let sign: Double = tail == .lower ? 1 : -1
        var lo = -Double.infinity
        var hi = upperLimit.isFinite ? log(upperLimit) : 709.0
        var u = min(max(log(start), -744), hi)
        if !u.isFinite { u = 0 }
        var outwardStep = 1.0
        for _ in 0..<500 {
            let x = exp(u)
            let (probability, xDensity) = evaluate(x)
            let logTail = log(probability)
            // H is increasing in u and vanishes at the solution.
            let h = sign * (logTail - logTarget)
            if h == 0 { return x }
            if h > 0 { hi = u } else { lo = u }
            let slope = xDensity / probability  // d ln(tail) / du up to sign, positive
            var next = u - h / slope
            let isNewton = next.isFinite && next > lo && next < hi
            if !isNewton {
                if lo.isFinite && hi.isFinite {
                    next = 0.5 * (lo + hi)
                } else if lo.isFinite {
                    next = u + outwardStep
                    outwardStep *= 2
                } else {
                    next = max(u - outwardStep, -745)
                    outwardStep *= 2
                    if next == u { return exp(u) }
                }
            }
            if abs(next - u) <= 1e-15 * max(1, abs(u)) || (hi - lo) <= 4e-16 * max(1, abs(u)) {
                return exp(next)
            }
            if isNewton && abs(next - u) <= 1e-10 * max(1, abs(u)) {
                // Quadratic convergence: one more step would change x by less than an ulp.
                return exp(next)
            }
            u = next
        }
        return exp(u)
    }
}
