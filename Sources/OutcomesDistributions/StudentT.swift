#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Student's t distribution with ν > 0 degrees of freedom (ν = ∞ is the standard normal).
///
/// P(|T| > t) = I_y(ν/2, ½) with y = ν/(ν + t²), evaluated with both y and 1 − y = t²/(ν + t²) formed
/// directly so neither tail loses digits. Invalid ν gives NaN.
public struct StudentT: Sendable, Hashable {
    /// Degrees of freedom ν.
    public let degreesOfFreedom: Double

    /// A t distribution with `degreesOfFreedom` ν > 0 (∞ allowed).
    public init(degreesOfFreedom: Double) {
        self.degreesOfFreedom = degreesOfFreedom
    }

    private var isValid: Bool { degreesOfFreedom > 0 }

    /// Density f(t).
    public func density(_ t: Double) -> Double {
        guard isValid, !t.isNaN else { return .nan }
        let nu = degreesOfFreedom
        if nu == .infinity { return Normal.density(t) }
        if t == 0 {
            return exp(SpecialFunctions.logGamma((nu + 1) / 2) - SpecialFunctions.logGamma(nu / 2)
                       - 0.5 * log(nu * Double.pi))
        }
        if t.isInfinite { return 0 }
        let (v, y) = split(abs(t))
        return SpecialFunctions.betaKernel(a: 0.5, b: nu / 2, x: v, y: y) / abs(t)
    }

    /// P(T ≤ t).
    public func cdf(_ t: Double) -> Double {
        guard isValid, !t.isNaN else { return .nan }
        if degreesOfFreedom == .infinity { return Normal.cdf(t) }
        return t < 0 ? twoSidedHalf(-t).beyond : twoSidedHalf(t).within
    }

    /// P(T > t), computed directly.
    public func sf(_ t: Double) -> Double {
        guard isValid, !t.isNaN else { return .nan }
        if degreesOfFreedom == .infinity { return Normal.sf(t) }
        return t < 0 ? twoSidedHalf(-t).within : twoSidedHalf(t).beyond
    }

    /// The t with P(T ≤ t) = p (±∞ at 0 and 1, NaN outside [0, 1]); safeguarded Newton iteration in ln|t|
    /// from a Cornish–Fisher start.
    public func quantile(_ p: Double) -> Double {
        guard isValid, p >= 0, p <= 1 else { return .nan }
        if p == 0.5 { return 0 }
        return p < 0.5 ? -positiveQuantile(upperTail: p) : positiveQuantile(upperTail: 1 - p)
    }

    /// The t with P(T > t) = q, accurate for tiny q.
    public func upperQuantile(_ q: Double) -> Double {
        guard isValid, q >= 0, q <= 1 else { return .nan }
        if q == 0.5 { return 0 }
        return q < 0.5 ? positiveQuantile(upperTail: q) : -positiveQuantile(upperTail: 1 - q)
    }

    /// v = t²/(ν + t²) and y = ν/(ν + t²) for t ≥ 0, guarding overflow of t².
    private func split(_ t: Double) -> (v: Double, y: Double) {
        let nu = degreesOfFreedom
        let square = t * t
        if square.isInfinite { return (1, nu / t / t) }
        return (square / (nu + square), nu / (nu + square))
    }

    /// For t ≥ 0: (P(T ≤ t), P(T > t)).
    private func twoSidedHalf(_ t: Double) -> (within: Double, beyond: Double) {
        if t == .infinity { return (1, 0) }
        let (v, y) = split(t)
        let tails = SpecialFunctions.incompleteBetaTails(x: v, y: y, a: 0.5, b: degreesOfFreedom / 2)
        return (0.5 + 0.5 * tails.lower, 0.5 * tails.upper)
    }

    private func positiveQuantile(upperTail q: Double) -> Double {
        if q == 0 { return .infinity }
        if degreesOfFreedom == .infinity { return Normal.upperQuantile(q) }
        let nu = degreesOfFreedom
        let z = Normal.upperQuantile(q)
        var start = z + (z * z * z + z) / (4 * nu)
        if !(start > 0) || !start.isFinite { start = 1 }
        return TailInversion.solve(target: q, tail: .upper, start: start) { t in
            let (v, y) = split(t)
            let tails = SpecialFunctions.incompleteBetaTails(x: v, y: y, a: 0.5, b: nu / 2)
            return (0.5 * tails.upper, SpecialFunctions.betaKernel(a: 0.5, b: nu / 2, x: v, y: y))
        }
    }
}
