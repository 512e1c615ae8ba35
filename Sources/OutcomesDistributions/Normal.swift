#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The standard normal distribution N(0, 1).
public enum Normal {
    /// Density φ(x) = exp(−x²/2) / √(2π).
    public static func density(_ x: Double) -> Double {
        exp(-0.5 * x * x - SpecialFunctions.logSqrtTwoPi)
    }

    /// Lower tail Φ(x) = P(Z ≤ x), as ½·erfc(−x/√2) with the C library's `erfc`;
    /// relative error below 1e-13 down to x = −37.
    public static func cdf(_ x: Double) -> Double {
        0.5 * erfc(-x * 0.707106781186547524400844362105)
    }

    /// Upper tail 1 − Φ(x) = P(Z > x), computed directly (no subtraction).
    public static func sf(_ x: Double) -> Double {
        0.5 * erfc(x * 0.707106781186547524400844362105)
    }

    /// ln Φ(x). Beyond x < −20, where Φ underflows soon, uses the asymptotic (Mills ratio) series
    /// ln φ(x) − ln(−x) + ln(1 − 1/x² + 3/x⁴ − …), summed until its terms stop shrinking.
    public static func logCDF(_ x: Double) -> Double {
        if x.isNaN { return .nan }
        if x > 0 { return log1p(-sf(x)) }
        if x > -20 { return log(cdf(x)) }
        if x == -.infinity { return -.infinity }
        let inverseSquare = 1 / (x * x)
        var term = 1.0
        var sum = 1.0
        var k = 1.0
        while k < 200 {
            let next = -term * (2 * k - 1) * inverseSquare
            if abs(next) >= abs(term) || abs(next) < 1e-18 { break }
            term = next
            sum += term
            k += 1
        }
        return -0.5 * x * x - SpecialFunctions.logSqrtTwoPi - log(-x) + log(sum)
    }

    /// ln(1 − Φ(x)), by symmetry with `logCDF`.
    public static func logSF(_ x: Double) -> Double { logCDF(-x) }

    /// Quantile Φ⁻¹(p) for 0 ≤ p ≤ 1 (±∞ at 0 and 1, NaN outside), by Wichura's algorithm AS 241 (PPND16),
    /// Applied Statistics 37 (1988) 477–484: rational approximations accurate to about 1e-16.
    public static func quantile(_ p: Double) -> Double {
        guard p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            return q * central(0.180625 - q * q)
        }
        let tail = wichuraTail(logTail: log(q < 0 ? p : 1 - p))
        return q < 0 ? -tail : tail
    }

    /// Upper quantile: the x with 1 − Φ(x) = q, accurate for tiny q (where 1 − q would lose digits).
    public static func upperQuantile(_ q: Double) -> Double {
        guard q >= 0, q <= 1 else { return .nan }
        if q >= 0.075 { return -quantile(q) }
        if q == 0 { return .infinity }
        return wichuraTail(logTail: log(q))
    }

    /// AS 241 central region, |p − ½| ≤ 0.425, as a function of r = 0.180625 − (p − ½)².
    private static func central(_ r: Double) -> Double {
        let numerator = (((((((2.5090809287301226727e3 * r + 3.3430575583588128105e4) * r
            + 6.7265770927008700853e4) * r + 4.5921953931549871457e4) * r
            + 1.3731693765509461125e4) * r + 1.9715909503065514427e3) * r
            + 1.3314166789178437745e2) * r + 3.3871328727963666080e0)
        let denominator = (((((((5.2264952788528545610e3 * r + 2.8729085735721942674e4) * r
            + 3.9307895800092710610e4) * r + 2.1213794301586595867e4) * r
            + 5.3941960214247511077e3) * r + 6.8718700749205790830e2) * r
            + 4.2313330701600911252e1) * r + 1)
        return numerator / denominator
    }

    /// AS 241 tail regions, returning the positive deviate whose tail area has logarithm `logTail`.
    private static func wichuraTail(logTail: Double) -> Double {
        var r = (-logTail).squareRoot()
        if r <= 5 {
            r -= 1.6
            let numerator = (((((((7.74545014278341407640e-4 * r + 2.27238449892691845833e-2) * r
                + 2.41780725177450611770e-1) * r + 1.27045825245236838258e0) * r
                + 3.64784832476320460504e0) * r + 5.76949722146069140550e0) * r
                + 4.63033784615654529590e0) * r + 1.42343711074968357734e0)
            let denominator = (((((((1.05075007164441684324e-9 * r + 5.47593808499534494600e-4) * r
                + 1.51986665636164571966e-2) * r + 1.48103976427480074590e-1) * r
                + 6.89767334985100004550e-1) * r + 1.67638483018380384940e0) * r
                + 2.05319162663775882187e0) * r + 1)
            return numerator / denominator
        }
        r -= 5
        let numerator = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r
            + 1.24266094738807843860e-3) * r + 2.65321895265761230930e-2) * r
            + 2.96560571828504891230e-1) * r + 1.78482653991729133580e0) * r
            + 5.46378491116411436990e0) * r + 6.65790464350110377720e0)
        let denominator = (((((((2.04426310338993978564e-15 * r + 1.42151175831644588870e-7) * r
            + 1.84631831751005468180e-5) * r + 7.86869131145613259100e-4) * r
            + 1.48753612908506148525e-2) * r + 1.36929880922735805310e-1) * r
            + 5.99832206555887937690e-1) * r + 1)
        return numerator / denominator
    }
}
