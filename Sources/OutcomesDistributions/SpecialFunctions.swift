#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Special functions behind the distributions: log-gamma and the regularized incomplete gamma and beta functions.
///
/// Densities inside the incomplete functions use Loader's saddle-point form (C. Loader, "Fast and accurate
/// computation of binomial probabilities", 2000): the Stirling remainder plus a deviance term, so that
/// `x^a e^-x / Γ(a+1)` and `x^a (1-x)^b / B(a,b)` keep full relative precision for large shape parameters.
public enum SpecialFunctions {
    /// ln Γ(x) for x > 0, from the C library's re-entrant `lgamma_r` (accurate to a few ulps).
    /// Returns NaN for x ≤ 0 or NaN.
    public static func logGamma(_ x: Double) -> Double {
        guard x > 0 else { return .nan }
        return lgamma(x).0
    }

    /// ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b), for a, b > 0.
    public static func logBeta(_ a: Double, _ b: Double) -> Double {
        guard a > 0, b > 0 else { return .nan }
        return logGamma(a) + logGamma(b) - logGamma(a + b)
    }

    /// Regularized lower incomplete gamma P(a, x) = γ(a, x) / Γ(a), for a > 0, x ≥ 0.
    ///
    /// Series expansion for x < a + 1, otherwise the complement of the Legendre continued fraction
    /// evaluated with the modified Lentz method (Numerical Recipes, 3rd ed., §6.2).
    public static func regularizedGammaP(_ a: Double, _ x: Double) -> Double {
        incompleteGammaTails(a, x).lower
    }

    /// Regularized upper incomplete gamma Q(a, x) = 1 − P(a, x), computed directly (not by subtraction)
    /// where it is the smaller tail, so it keeps relative precision far into the tail.
    public static func regularizedGammaQ(_ a: Double, _ x: Double) -> Double {
        incompleteGammaTails(a, x).upper
    }

    /// Regularized incomplete beta I_x(a, b) for a, b > 0 and 0 ≤ x ≤ 1.
    ///
    /// Continued fraction of Didonato–Morris form as in Numerical Recipes §6.4 (modified Lentz), used on
    /// whichever of I_x(a, b) and I_{1−x}(b, a) converges fast; the other tail is its complement.
    public static func regularizedBeta(_ x: Double, a: Double, b: Double) -> Double {
        incompleteBetaTails(x: x, y: 1 - x, a: a, b: b).lower
    }

    /// Complement 1 − I_x(a, b), computed as a tail in its own right rather than by subtraction.
    /// Pass `y = 1 − x` explicitly when it is known more precisely than `1 - x`.
    public static func regularizedBetaComplement(_ x: Double, a: Double, b: Double, y: Double? = nil) -> Double {
        incompleteBetaTails(x: x, y: y ?? (1 - x), a: a, b: b).upper
    }

    /// Inverse of the regularized incomplete beta: the x in [0, 1] with I_x(a, b) = p.
    /// Safeguarded Newton iteration on the log scale (see `Beta.quantile`).
    public static func inverseRegularizedBeta(_ p: Double, a: Double, b: Double) -> Double {
        Beta(alpha: a, beta: b).quantile(p)
    }

    // MARK: - Internals shared by the distributions

    static let logSqrtTwoPi = 0.918938533204672741780329736406
    static let logTwoPi = 1.837877066409345483560659472811

    /// Stirling remainder δ(n) = ln Γ(n+1) − (n + ½) ln n + n − ln √(2π), for n > 0.
    static func stirlingError(_ n: Double) -> Double {
        if n <= 15 {
            return logGamma(n + 1) - (n + 0.5) * log(n) + n - logSqrtTwoPi
        }
        let s0 = 1.0 / 12, s1 = 1.0 / 360, s2 = 1.0 / 1260, s3 = 1.0 / 1680, s4 = 1.0 / 1188
        let nn = n * n
        if n > 500 { return (s0 - s1 / nn) / n }
        if n > 80 { return (s0 - (s1 - s2 / nn) / nn) / n }
        if n > 35 { return (s0 - (s1 - (s2 - s3 / nn) / nn) / nn) / n }
        return (s0 - (s1 - (s2 - (s3 - s4 / nn) / nn) / nn) / nn) / n
    }

    /// Deviance term x ln(x/m) + m − x, by a series when x is close to m (Loader 2000).
    static func devianceTerm(_ x: Double, _ m: Double) -> Double {
        if abs(x - m) < 0.1 * (x + m) {
            var v = (x - m) / (x + m)
            var s = (x - m) * v
            var ej = 2 * x * v
            v *= v
            var j = 1.0
            while j < 1000 {
                ej *= v
                let next = s + ej / (2 * j + 1)
                if next == s { return next }
                s = next
                j += 1
            }
            return s
        }
        let ratio = x / m
        let logRatio = ratio.isFinite && ratio > 0 ? log(ratio) : log(x) - log(m)
        return x * logRatio + m - x
    }

    /// Poisson-type kernel λ^x e^{−λ} / Γ(x+1) for real x ≥ 0, λ ≥ 0.
    static func poissonKernel(_ x: Double, _ lambda: Double) -> Double {
        if lambda == 0 { return x == 0 ? 1 : 0 }
        if x == 0 { return exp(-lambda) }
        return exp(-stirlingError(x) - devianceTerm(x, lambda)) / (2 * Double.pi * x).squareRoot()
    }

    /// Binomial-type kernel Γ(n+1) / (Γ(a+1) Γ(b+1)) · x^a · y^b with n = a + b, for a, b > 0 and y = 1 − x.
    static func binomialKernel(a: Double, b: Double, x: Double, y: Double) -> Double {
        let n = a + b
        if x == 0 || y == 0 { return 0 }
        let lc = stirlingError(n) - stirlingError(a) - stirlingError(b)
            - devianceTerm(a, n * x) - devianceTerm(b, n * y)
        let lf = logTwoPi + log(a) + log(b) - log(n)
        return exp(lc - 0.5 * lf)
    }

    /// x^a y^b / B(a, b) with y = 1 − x, the factor in front of the beta continued fraction.
    static func betaKernel(a: Double, b: Double, x: Double, y: Double) -> Double {
        binomialKernel(a: a, b: b, x: x, y: y) * (a * b / (a + b))
    }

    /// Both tails of the regularized incomplete gamma; the smaller one is computed directly.
    static func incompleteGammaTails(_ a: Double, _ x: Double) -> (lower: Double, upper: Double) {
        guard a > 0, x >= 0, !a.isNaN, !x.isNaN else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if x == .infinity { return (1, 0) }
        // x^a e^-x / Γ(a) = a · λ^a e^-λ / Γ(a+1) with λ = x.
        let kernel = poissonKernel(a, x)
        if x < a + 1 {
            let lower = kernel * gammaSeries(a, x)
            return (lower, 1 - lower)
        }
        let upper = a * kernel * gammaContinuedFraction(a, x)
        return (1 - upper, upper)
    }

    /// ln P(a, x) or ln Q(a, x), kept finite where the tail itself underflows: in the far tail the logarithm
    /// is assembled from ln of the kernel and of the series or continued fraction.
    static func logIncompleteGamma(_ a: Double, _ x: Double, upper: Bool) -> Double {
        let tails = incompleteGammaTails(a, x)
        let tail = upper ? tails.upper : tails.lower
        let complement = upper ? tails.lower : tails.upper
        if tail > 0.5 { return log1p(-complement) }
        if tail.isNaN || tail > 1e-280 || x == 0 || x == .infinity { return log(tail) }
        let logKernel = -stirlingError(a) - devianceTerm(a, x) - 0.5 * log(2 * Double.pi * a)
        if x < a + 1 { return logKernel + log(gammaSeries(a, x)) }
        return log(a) + logKernel + log(gammaContinuedFraction(a, x))
    }

    /// Σ_{n≥0} x^n / ((a+1)…(a+n)), so that P(a, x) = [x^a e^-x / Γ(a+1)] · sum (for x < a + 1).
    static func gammaSeries(_ a: Double, _ x: Double) -> Double {
        var term = 1.0
        var sum = 1.0
        var ap = a
        for _ in 0..<100_000 {
            ap += 1
            term *= x / ap
            sum += term
            if term < sum * 1e-17 { break }
        }
        return sum
    }

    /// Legendre continued fraction with Q(a, x) = [x^a e^-x / Γ(a)] · fraction (for x ≥ a + 1), modified Lentz.
    static func gammaContinuedFraction(_ a: Double, _ x: Double) -> Double {
        let tiny = 1e-300
        var bb = x + 1 - a
        var c = 1 / tiny
        var d = 1 / bb
        var h = d
        var i = 1.0
        while i < 100_000 {
            let an = -i * (i - a)
            bb += 2
            d = an * d + bb
            if abs(d) < tiny { d = tiny }
            c = bb + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 3e-16 { break }
            i += 1
        }
        return h
    }

    /// Both tails of the regularized incomplete beta at x (with y = 1 − x given separately).
    static func incompleteBetaTails(x: Double, y: Double, a: Double, b: Double) -> (lower: Double, upper: Double) {
        guard a > 0, b > 0, x >= 0, y >= 0, !x.isNaN, !y.isNaN, !a.isNaN, !b.isNaN else { return (.nan, .nan) }
        if x == 0 { return (0, 1) }
        if y == 0 { return (1, 0) }
        if x < (a + 1) / (a + b + 2) {
            let lower = betaKernel(a: a, b: b, x: x, y: y) * betaContinuedFraction(x: x, a: a, b: b) / a
            return (lower, 1 - lower)
        }
        // Here the fraction's argument y is the larger one, often close to 1; its rounding alone can move the
        // fraction by (shape)·ε, so it runs in double-double with the argument formed exactly as 1 − x.
        let fraction = y > 0.5 ? betaContinuedFractionExtended(oneMinusX: x, a: b, b: a)
                               : betaContinuedFraction(x: y, a: b, b: a)
        let upper = betaKernel(a: b, b: a, x: y, y: x) * fraction / b
        return (1 - upper, upper)
    }

    /// `betaContinuedFraction` at the argument 1 − `oneMinusX`, evaluated in double-double arithmetic.
    static func betaContinuedFractionExtended(oneMinusX: Double, a: Double, b: Double) -> Double {
        typealias DD = DoubleDouble
        let x = DD.oneMinus(oneMinusX)
        let one = DD(1)
        let tiny = 1e-300
        let aa0 = DD(a), bb0 = DD(b)
        let qab = aa0 + bb0, qap = aa0 + one, qam = aa0 - one
        var c = one
        var d = one - qab * x / qap
        if abs(d.hi) < tiny { d = DD(tiny) }
        d = one / d
        var h = d
        var m = 1.0
        while m < 1_000_000 {
            let mm = DD(m), m2 = DD(2 * m)
            var coefficient = mm * (bb0 - mm) * x / ((qam + m2) * (aa0 + m2))
            d = one + coefficient * d
            if abs(d.hi) < tiny { d = DD(tiny) }
            c = one + coefficient / c
            if abs(c.hi) < tiny { c = DD(tiny) }
            d = one / d
            h = h * d * c
            coefficient = -((aa0 + mm) * (qab + mm) * x) / ((aa0 + m2) * (qap + m2))
            d = one + coefficient * d
            if abs(d.hi) < tiny { d = DD(tiny) }
            c = one + coefficient / c
            if abs(c.hi) < tiny { c = DD(tiny) }
            d = one / d
            let delta = d * c
            h = h * delta
            if abs(delta.hi - 1) + abs(delta.lo) < 1e-17 { break }
            m += 1
        }
        return h.value
    }

    /// Continued fraction for I_x(a, b) (Numerical Recipes `betacf`), modified Lentz evaluation.
    static func betaContinuedFraction(x: Double, a: Double, b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        var m = 1.0
        while m < 1_000_000 {
            let m2 = 2 * m
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 3e-16 { break }
            m += 1
        }
        return h
    }
}
