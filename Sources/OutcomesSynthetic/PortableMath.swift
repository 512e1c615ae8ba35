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
}
