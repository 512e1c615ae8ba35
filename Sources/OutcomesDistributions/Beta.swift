#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The beta distribution with shapes α > 0 and β > 0 on [0, 1].
///
/// Tails come from the regularized incomplete beta (`SpecialFunctions.regularizedBeta`); parameters that are
/// not positive give NaN.
public struct Beta: Sendable, Hashable {
    /// First shape α.
    public let alpha: Double
    /// Second shape β.
    public let beta: Double

    /// A beta distribution with shapes `alpha` and `beta`, both > 0.
    public init(alpha: Double, beta: Double) {
        self.alpha = alpha
        self.beta = beta
    }

    private var isValid: Bool { alpha > 0 && beta > 0 && alpha.isFinite && beta.isFinite }

    /// Density f(x) = x^(α−1) (1−x)^(β−1) / B(α, β).
    public func density(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x < 0 || x > 1 { return 0 }
        if x == 0 { return alpha < 1 ? .infinity : (alpha == 1 ? beta : 0) }
        if x == 1 { return beta < 1 ? .infinity : (beta == 1 ? alpha : 0) }
        return SpecialFunctions.betaKernel(a: alpha, b: beta, x: x, y: 1 - x) / (x * (1 - x))
    }

    /// P(X ≤ x) = I_x(α, β).
    public func cdf(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        return SpecialFunctions.incompleteBetaTails(x: x, y: 1 - x, a: alpha, b: beta).lower
    }

    /// P(X > x) = 1 − I_x(α, β), computed directly.
    public func sf(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        if x >= 1 { return 0 }
        return SpecialFunctions.incompleteBetaTails(x: x, y: 1 - x, a: alpha, b: beta).upper
    }

    /// The x with P(X ≤ x) = p (NaN outside [0, 1]).
    ///
    /// Safeguarded Newton iteration in ln x (`TailInversion`) started from the small-x expansion
    /// I_x ≈ x^α / (α B(α, β)). Quantiles above ½ are found as 1 − y with Y = 1 − X ~ Beta(β, α), so that
    /// both ends keep relative precision.
    public func quantile(_ p: Double) -> Double {
        guard isValid, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return 1 }
        return invert(lowerProbability: p, upperProbability: 1 - p, preferUpper: p > 0.5)
    }

    /// The x with P(X > x) = q, accurate for tiny q.
    public func upperQuantile(_ q: Double) -> Double {
        guard isValid, q >= 0, q <= 1 else { return .nan }
        if q == 0 { return 1 }
        if q == 1 { return 0 }
        return invert(lowerProbability: 1 - q, upperProbability: q, preferUpper: q <= 0.5)
    }

    /// `preferUpper` says which of the two probabilities is known exactly (the other is its complement).
    private func invert(lowerProbability p: Double, upperProbability q: Double, preferUpper: Bool) -> Double {
        let atHalf = SpecialFunctions.incompleteBetaTails(x: 0.5, y: 0.5, a: alpha, b: beta)
        let belowHalf = preferUpper ? q >= atHalf.upper : p <= atHalf.lower
        if belowHalf {
            return Beta.solveSmall(a: alpha, b: beta, tail: preferUpper ? .upper : .lower,
                                   probability: preferUpper ? q : p)
        }
        // X > ½: solve for Y = 1 − X ~ Beta(β, α), whose tails are swapped.
        let y = Beta.solveSmall(a: beta, b: alpha, tail: preferUpper ? .lower : .upper,
                                probability: preferUpper ? q : p)
        return 1 - y
    }

    /// Solves a tail equation of Beta(a, b) for a root known to lie in (0, ½].
    private static func solveSmall(a: Double, b: Double, tail: Tail, probability: Double) -> Double {
        let logBeta = SpecialFunctions.logBeta(a, b)
        let lowerTarget = tail == .lower ? probability : 1 - probability
        var start = exp((log(lowerTarget) + log(a) + logBeta) / a)
        if !(start > 0) || start > 0.5 || !start.isFinite { start = 0.25 }
        return TailInversion.solve(target: probability, tail: tail, start: start, upperLimit: 0.5) { x in
            let tails = SpecialFunctions.incompleteBetaTails(x: x, y: 1 - x, a: a, b: b)
            let xDensity = SpecialFunctions.betaKernel(a: a, b: b, x: x, y: 1 - x) / (1 - x)
            return (tail == .lower ? tails.lower : tails.upper, xDensity)
        }
    }
}
