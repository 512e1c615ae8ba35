#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The chi-squared distribution with k > 0 degrees of freedom (a gamma distribution with shape k/2, scale 2).
///
/// Tails come from the regularized incomplete gamma (`SpecialFunctions.regularizedGammaP`/`Q`), each
/// computed directly where it is the smaller one; parameters that are not positive give NaN.
public struct ChiSquared: Sendable, Hashable {
    /// Degrees of freedom k.
    public let degreesOfFreedom: Double

    /// A chi-squared distribution with `degreesOfFreedom` k > 0.
    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    private var shape: Double { degreesOfFreedom / 2 }
    private var isValid: Bool { degreesOfFreedom > 0 && degreesOfFreedom.isFinite }

    /// Density f(x).
    public func density(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x < 0 { return 0 }
        if x == 0 { return shape < 1 ? .infinity : (shape == 1 ? 0.5 : 0) }
        return shape * SpecialFunctions.poissonKernel(shape, x / 2) / x
    }

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.incompleteGammaTails(shape, x / 2).lower
    }

    /// P(X > x), computed directly for accuracy far into the upper tail.
    public func sf(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        return SpecialFunctions.incompleteGammaTails(shape, x / 2).upper
    }

    /// ln P(X ≤ x), finite even where P(X ≤ x) underflows.
    public func logCDF(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x <= 0 { return -.infinity }
        return SpecialFunctions.logIncompleteGamma(shape, x / 2, upper: false)
    }

    /// ln P(X > x), finite even where P(X > x) underflows (for example a statistic of 5000 on 1 df).
    public func logSF(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        return SpecialFunctions.logIncompleteGamma(shape, x / 2, upper: true)
    }

    /// The x with P(X ≤ x) = p (0 at p = 0, ∞ at p = 1, NaN outside [0, 1]).
    /// Safeguarded Newton iteration in ln x from a Wilson–Hilferty start.
    public func quantile(_ p: Double) -> Double {
        guard isValid, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        return invert(p, tail: p <= 0.5 ? .lower : .upper, probability: p <= 0.5 ? p : 1 - p)
    }

    /// The x with P(X > x) = q, accurate for tiny q.
    public func upperQuantile(_ q: Double) -> Double {
        guard isValid, q >= 0, q <= 1 else { return .nan }
        if q == 0 { return .infinity }
        if q == 1 { return 0 }
        return invert(q, tail: q <= 0.5 ? .upper : .lower, probability: q <= 0.5 ? q : 1 - q)
    }

    private func invert(_ original: Double, tail: Tail, probability: Double) -> Double {
        let a = shape
        let k = degreesOfFreedom
        // Wilson–Hilferty start; small-x expansion P ≈ (x/2)^a / Γ(a+1) when that start is not positive.
        let z = tail == .lower ? Normal.quantile(probability) : Normal.upperQuantile(probability)
        let c = 2 / (9 * k)
        var start = k * pow(1 - c + z * c.squareRoot(), 3)
        if tail == .lower {
            let smallX = 2 * exp((log(probability) + SpecialFunctions.logGamma(a + 1)) / a)
            if !(start > 0) || smallX < start { start = smallX }
        }
        if !(start > 0) || !start.isFinite { start = k }
        return TailInversion.solve(target: probability, tail: tail, start: start) { x in
            let tails = SpecialFunctions.incompleteGammaTails(a, x / 2)
            return (tail == .lower ? tails.lower : tails.upper, a * SpecialFunctions.poissonKernel(a, x / 2))
        }
    }
}
