#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fisher's F distribution with d₁ (numerator) and d₂ (denominator) degrees of freedom.
///
/// P(X ≤ x) = I_t(d₁/2, d₂/2) with t = d₁x/(d₁x + d₂); t and 1 − t = d₂/(d₁x + d₂) are both formed directly.
/// Invalid degrees of freedom give NaN.
public struct FDistribution: Sendable, Hashable {
    /// Numerator degrees of freedom d₁.
    public let numeratorDegreesOfFreedom: Double
    /// Denominator degrees of freedom d₂.
    public let denominatorDegreesOfFreedom: Double

    /// An F distribution with d₁ = `numeratorDegreesOfFreedom` > 0 and d₂ = `denominatorDegreesOfFreedom` > 0.
    public init(numeratorDegreesOfFreedom: Double, denominatorDegreesOfFreedom: Double) {
        self.numeratorDegreesOfFreedom = numeratorDegreesOfFreedom
        self.denominatorDegreesOfFreedom = denominatorDegreesOfFreedom
    }

    private var isValid: Bool {
        numeratorDegreesOfFreedom > 0 && denominatorDegreesOfFreedom > 0
            && numeratorDegreesOfFreedom.isFinite && denominatorDegreesOfFreedom.isFinite
    }
    private var a: Double { numeratorDegreesOfFreedom / 2 }
    private var b: Double { denominatorDegreesOfFreedom / 2 }

    /// Density f(x).
    public func density(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x < 0 || x.isInfinite { return 0 }
        if x == 0 { return a < 1 ? .infinity : (a == 1 ? 1 : 0) }
        let (t, y) = split(x)
        return SpecialFunctions.betaKernel(a: a, b: b, x: t, y: y) / x
    }

    /// P(X ≤ x).
    public func cdf(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x <= 0 { return 0 }
        if x == .infinity { return 1 }
        let (t, y) = split(x)
        return SpecialFunctions.incompleteBetaTails(x: t, y: y, a: a, b: b).lower
    }

    /// P(X > x), computed directly.
    public func sf(_ x: Double) -> Double {
        guard isValid, !x.isNaN else { return .nan }
        if x <= 0 { return 1 }
        if x == .infinity { return 0 }
        let (t, y) = split(x)
        return SpecialFunctions.incompleteBetaTails(x: t, y: y, a: a, b: b).upper
    }

    /// The x with P(X ≤ x) = p; safeguarded Newton iteration in ln x.
    public func quantile(_ p: Double) -> Double {
        guard isValid, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return 0 }
        if p == 1 { return .infinity }
        return p <= 0.5 ? invert(p, tail: .lower) : invert(1 - p, tail: .upper)
    }

    /// The x with P(X > x) = q, accurate for tiny q.
    public func upperQuantile(_ q: Double) -> Double {
        guard isValid, q >= 0, q <= 1 else { return .nan }
        if q == 0 { return .infinity }
        if q == 1 { return 0 }
        return q <= 0.5 ? invert(q, tail: .upper) : invert(1 - q, tail: .lower)
    }

    /// t = d₁x/(d₁x + d₂) and 1 − t = d₂/(d₁x + d₂).
    private func split(_ x: Double) -> (t: Double, y: Double) {
        let d1x = numeratorDegreesOfFreedom * x
        let sum = d1x + denominatorDegreesOfFreedom
        if sum.isInfinite { return (1, denominatorDegreesOfFreedom / numeratorDegreesOfFreedom / x) }
        return (d1x / sum, denominatorDegreesOfFreedom / sum)
    }

    private func invert(_ probability: Double, tail: Tail) -> Double {
        // Start from the beta quantile mapped to the F scale; 1 is a safe fallback.
        let beta = Beta(alpha: a, beta: b)
        let t = tail == .lower ? beta.quantile(probability) : beta.upperQuantile(probability)
        var start = denominatorDegreesOfFreedom * t / (numeratorDegreesOfFreedom * (1 - t))
        if !(start > 0) || !start.isFinite { start = 1 }
        let (shapeA, shapeB) = (a, b)
        return TailInversion.solve(target: probability, tail: tail, start: start) { x in
            let (t, y) = split(x)
            let tails = SpecialFunctions.incompleteBetaTails(x: t, y: y, a: shapeA, b: shapeB)
            return (tail == .lower ? tails.lower : tails.upper,
                    SpecialFunctions.betaKernel(a: shapeA, b: shapeB, x: t, y: y))
        }
    }
}
