/// Correctly rounded decimal-to-double conversion from bytes, without `strtod` on the usual path.
///
/// A field of the form `[+-]digits[.digits][(e|E)[+-]digits]` (or `.5`, `5.`) with at most 19 significant
/// digits is converted exactly: by Clinger's fast path when the mantissa fits in 53 bits and the power of ten
/// is exact (|q| <= 22), otherwise by the Eisel–Lemire algorithm (Lemire, "Number parsing at a gigabyte per
/// second", 2021), which multiplies the mantissa by a 128-bit approximation of 5^q and proves the rounding
/// from the product. Everything else (more than 19 significant digits, the rare products Eisel–Lemire cannot
/// decide, `inf`, `nan`, leading blanks, …) returns nil and goes to the caller's `strtod` path, so the
/// result is always the correctly rounded double that `strtod` gives.
enum DecimalNumbers {
    /// Exact powers of ten 10^0 ... 10^22 (each representable exactly as a Double).
    static let exactPowersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18,
        1e19, 1e20, 1e21, 1e22,
    ]

    /// The double written in `count` bytes at `p`, or nil when the fast paths cannot decide (the caller then
    /// uses `strtod`). An infinite result (overflow, as in `1e400`) is returned as ±infinity.
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>, _ count: Int) -> Double? {
        var index = 0
        var negative = false
        if count > 0 && (p[0] == 0x2D || p[0] == 0x2B) { negative = p[0] == 0x2D; index = 1 }
        var mantissa: UInt64 = 0
        var significant = 0          // significant digits taken into `mantissa` (leading zeros not counted)
        var digits = 0               // all mantissa digits seen
        var exponent = 0             // decimal exponent adjustment from the fraction
        // Integer part.
        while index < count {
            let digit = p[index] &- 0x30
            if digit > 9 { break }
            if significant > 0 || digit != 0 {
                mantissa = mantissa &* 10 &+ UInt64(digit)
                significant += 1
            }
            digits += 1
            index += 1
        }
        // Fraction.
        if index < count && p[index] == 0x2E {
            index += 1
            while index < count {
                let digit = p[index] &- 0x30
                if digit > 9 { break }
                if significant > 0 || digit != 0 {
                    mantissa = mantissa &* 10 &+ UInt64(digit)
                    significant += 1
                }
                exponent -= 1
                digits += 1
                index += 1
            }
        }
        guard digits > 0 else { return nil }
        // Exponent.
        if index < count && (p[index] == 0x65 || p[index] == 0x45) {
            index += 1
            var exponentNegative = false
            if index < count && (p[index] == 0x2D || p[index] == 0x2B) { exponentNegative = p[index] == 0x2D; index += 1 }
            let start = index
            var value = 0
            while index < count {
                let digit = p[index] &- 0x30
                if digit > 9 { break }
                if value < 100_000 { value = value * 10 + Int(digit) }
                index += 1
            }
            guard index > start else { return nil }
            exponent += exponentNegative ? -value : value
        }
        guard index == count, significant <= 19 else { return nil }
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        let magnitude: Double
        if mantissa <= 1 << 53 && exponent >= -22 && exponent <= 22 {
            // Clinger: both operands exact, so one correctly rounded operation gives the correctly rounded result.
            let m = Double(mantissa)
            magnitude = exponent < 0 ? m / exactPowersOfTen[-exponent] : m * exactPowersOfTen[exponent]
        } else {
            guard let value = eiselLemire(mantissa, exponent) else { return nil }
            magnitude = value
        }
        return negative ? -magnitude : magnitude
    }

    /// w × 10^q correctly rounded to a double (w > 0, w < 10^19), or nil when the approximation cannot decide.
    @inline(__always)
    static func eiselLemire(_ w: UInt64, _ q: Int) -> Double? {
        if q < PowersOfFive.smallestExponent { return 0 }
        if q > PowersOfFive.largestExponent { return .infinity }
        let leadingZeros = w.leadingZeroBitCount
        let normalized = w << UInt64(leadingZeros)
        let index = 2 * (q - PowersOfFive.smallestExponent)
        let (high, low) = PowersOfFive.table.withUnsafeBufferPointer { table -> (UInt64, UInt64) in
            var product = normalized.multipliedFullWidth(by: table[index])
            // 55 bits of precision are needed (52 stored + hidden + rounding + one more); when the bits below
            // them are all ones the truncated power may matter, so add the second word's contribution.
            let precisionMask: UInt64 = 0xFFFF_FFFF_FFFF_FFFF >> 55
            if product.high & precisionMask == precisionMask {
                let second = normalized.multipliedFullWidth(by: table[index + 1])
                let (sum, overflow) = product.low.addingReportingOverflow(second.high)
                product.low = sum
                if overflow { product.high &+= 1 }
            }
            return (product.high, product.low)
        }
        // Still ambiguous after 128 bits (cannot happen for 19 digits by Lemire's proof; kept as a guard).
        if low == UInt64.max && high & (0xFFFF_FFFF_FFFF_FFFF >> 55) == 0xFFFF_FFFF_FFFF_FFFF >> 55 { return nil }
        let upperBit = Int(high >> 63)
        let shift = UInt64(upperBit + 64 - 52 - 3)
        var mantissa = high >> shift
        // power(q) = floor(q * log2(10)) + 63, minus the minimum exponent -1023.
        var power2 = (((152_170 + 65_536) * q) >> 16) + 63 + upperBit - leadingZeros + 1023
        if power2 <= 0 {
            // Subnormal (or zero).
            if -power2 + 1 >= 64 { return 0 }
            mantissa >>= UInt64(-power2 + 1)
            mantissa += mantissa & 1
            mantissa >>= 1
            power2 = mantissa < (1 << 52) ? 0 : 1
            return Double(bitPattern: UInt64(power2) << 52 | (mantissa & ((1 << 52) - 1)))
        }
        // Exactly halfway between two doubles: round to even (only possible for small |q|).
        if low <= 1 && q >= -4 && q <= 23 && mantissa & 3 == 1 && (mantissa << shift) == high {
            mantissa &= ~1
        }
        mantissa += mantissa & 1
        mantissa >>= 1
        if mantissa >= (2 << 52) {
            mantissa = 1 << 52
            power2 += 1
        }
        mantissa &= ~(1 << 52)
        if power2 >= 0x7FF { return .infinity }
        return Double(bitPattern: UInt64(power2) << 52 | mantissa)
    }
}
