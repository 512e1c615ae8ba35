// TEMPORARY: replace with OutcomesDistributions
// The shared distributions module is being written on another branch; these few functions keep the
// survival module unblocked until the merge. They are internal on purpose.
import Foundation

/// Standard normal distribution function Φ(x), through `erfc` so the tails keep full relative precision.
func normalCDF(_ x: Double) -> Double {
    0.5 * erfc(-x / 2.0.squareRoot())
}

/// Upper tail 1 − Φ(x).
func normalUpperTail(_ x: Double) -> Double {
    0.5 * erfc(x / 2.0.squareRoot())
}

/// Standard normal quantile Φ⁻¹(p): a rational starting value refined by Halley steps on the `erfc`-based
/// distribution function, which reaches the accuracy of Wichura's AS 241 (about 1e-16 relative).
func normalQuantile(_ p: Double) -> Double {
    if p.isNaN || p < 0 || p > 1 { return .nan }
    if p == 0 { return -.infinity }
    if p == 1 { return .infinity }
    if p == 0.5 { return 0 }
    // Work in the lower tail for accuracy; reflect at the end.
    let lower = p < 0.5
    let q = lower ? p : 1 - p
    // Starting value: Abramowitz & Stegun 26.2.23 (absolute error < 4.5e-4).
    let t = (-2 * log(q)).squareRoot()
    var x = -(t - (2.515517 + 0.802853 * t + 0.010328 * t * t) / (1 + 1.432788 * t + 0.189269 * t * t + 0.001308 * t * t * t))
    // Near the centre Φ(x) − q cancels; there use Φ(x) − ½ = ½·erf(x/√2) against q − ½, which is exact for
    // q in [¼, ½] (Sterbenz), so tiny quantiles keep their relative precision.
    let central = q > 0.25
    for _ in 0..<4 {
        let f = central ? 0.5 * erf(x / 2.0.squareRoot()) - (q - 0.5) : normalCDF(x) - q
        let density = exp(-0.5 * x * x) / (2 * Double.pi).squareRoot()
        if density == 0 { break }
        let u = f / density
        x -= u / (1 + 0.5 * x * u)
    }
    return lower ? x : -x
}

/// Regularized upper incomplete gamma function Q(a, x) = Γ(a, x) / Γ(a).
func regularizedUpperGamma(_ a: Double, _ x: Double) -> Double {
    if x.isNaN || a.isNaN { return .nan }
    if x <= 0 { return 1 }
    if x.isInfinite { return 0 }
    let logPrefix = a * log(x) - x - lgamma(a)
    if x < a + 1 {
        // Series for the lower function P(a, x), then Q = 1 − P.
        var term = 1 / a
        var sum = term
        var n = a
        for _ in 0..<10_000 {
            n += 1
            term *= x / n
            sum += term
            if abs(term) < abs(sum) * 1e-17 { break }
        }
        return max(0, 1 - sum * exp(logPrefix))
    }
    // Continued fraction for Q(a, x) (modified Lentz).
    let tiny = 1e-300
    var b = x + 1 - a
    var c = 1 / tiny
    var d = 1 / b
    var h = d
    for i in 1..<10_000 {
        let an = -Double(i) * (Double(i) - a)
        b += 2
        d = an * d + b
        if abs(d) < tiny { d = tiny }
        c = b + an / c
        if abs(c) < tiny { c = tiny }
        d = 1 / d
        let delta = d * c
        h *= delta
        if abs(delta - 1) < 1e-16 { break }
    }
    return exp(logPrefix) * h
}

/// Upper tail of the chi-square distribution with `df` degrees of freedom, P(X > x).
func chiSquareUpperTail(_ x: Double, degreesOfFreedom df: Double) -> Double {
    if x.isNaN { return .nan }
    if df <= 0 { return .nan }
    return regularizedUpperGamma(df / 2, x / 2)
}
