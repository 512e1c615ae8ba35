import OutcomesClinical
/// Elementary functions computed with IEEE-754 addition, multiplication, division and square root only.
///
/// Platform `log` implementations (glibc, Apple's libm, musl) may differ in the last bit; a one-bit
/// difference can flip a rounded score or a threshold and break byte-identical output across machines.
/// These functions use operations that IEEE-754 requires to be correctly rounded, so every conforming
/// machine returns the same bits.
public enum PortableMath {
    /// ln 2 split into a high part with trailing zero bits (so `e * ln2High` is exact) and a low remainder.
    private static let ln2High = 6.93147180369123816490e-01
    private static let ln2Low = 1.90821492927058770002e-10

    /// The natural logarithm of a positive finite `x`, accurate to a few units in the last place.
    ///
    /// Writes `x = m · 2^e` with `m` in [√½, √2), then uses `ln m = 2 atanh(s)` with `s = (m − 1)/(m + 1)`,
    /// `|s| ≤ 0.172`, summing the odd power series to s^25 (truncation below 1e-19 relative).
    /// Returns `-infinity` for 0 and `nan` for negative or non-finite input.
    public static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return .infinity }
        var value = x
        var exponent = 0
        if value < 2.2250738585072014e-308 {  // subnormal: scale into the normal range exactly
            value *= 18014398509481984.0  // 2^54
            exponent -= 54
        }
        let bits = value.bitPattern
        exponent += Int((bits >> 52) & 0x7FF) - 1023
        var mantissa = Double(bitPattern: (bits & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000)
        if mantissa > 1.4142135623730951 {
            mantissa *= 0.5
            exponent += 1
        }
        let s = (mantissa - 1) / (mantissa + 1)
        let s2 = s * s
        // Horner form of 1 + s²/3 + s⁴/5 + … + s²⁴/25.
        var series = 1.0 / 25.0
        var denominator = 23.0
        while denominator >= 1 {
            series = series * s2 + 1.0 / denominator
            denominator -= 2
        }
        let e = Double(exponent)
        return e * ln2High + (2 * s * series + e * ln2Low)
    }

    /// ln 2 to double precision.
    public static let ln2 = 0.6931471805599453

    /// e^x for finite `x` below 700, accurate to a few units in the last place; 0 below −708 (where the
    /// result would be subnormal).
    ///
    /// Writes `x = k ln 2 + r` with |r| ≤ ½ ln 2 (k ln 2 subtracted in two parts, as in ``log(_:)``), sums the
    /// Taylor series of e^r to r^22 (truncation below 1e-21 relative), and scales by 2^k through the exponent bits.
    public static func exp(_ x: Double) -> Double {
        precondition(!x.isNaN && x < 700, "PortableMath.exp needs x < 700")
        if x < -708 { return 0 }
        let k = (x / ln2).rounded()
        let r = (x - k * ln2High) - k * ln2Low
        var series = 1.0
        var term = 22.0
        while term >= 1 {
            series = 1 + series * r / term
            term -= 1
        }
        let scale = Double(bitPattern: UInt64(Int(k) + 1023) << 52)
        return series * scale
    }

    /// P(Z ≥ z) for a standard normal Z and |z| ≤ 3, from the Taylor series of erf (terms to below 1e-17).
    ///
    /// Used only for the truth of the generator's own discrete draws, where z is moderate.
    public static func standardNormalUpperTail(_ z: Double) -> Double {
        precondition(abs(z) <= 3, "standardNormalUpperTail supports |z| <= 3")
        let x = z / 2.0.squareRoot()
        // erf(x) = 2/√π Σ (−1)^n x^(2n+1) / (n! (2n+1))
        var power = x
        var sum = 0.0
        var n = 0.0
        while true {
            let term = power / (2 * n + 1)
            sum += term
            if abs(term) < 1e-18 { break }
            n += 1
            power *= -x * x / n
        }
        let erf = 2 / 3.14159265358979323846.squareRoot() * sum
        return 0.5 * (1 - erf)
    }
}
