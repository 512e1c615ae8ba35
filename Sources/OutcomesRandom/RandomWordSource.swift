/// A source of 64-bit pseudo-random words.
///
/// The project's generators are its own rather than the standard library's so that the same seed gives the
/// same words, and therefore the same bytes in every output built on them (bootstrap intervals, synthetic
/// cohorts, benchmark files), on every platform and every Swift release.
public protocol RandomWordSource {
    /// Returns the next 64-bit word of the stream and advances the state.
    mutating func nextWord() -> UInt64
}

extension RandomWordSource {
    /// A uniform double in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(nextWord() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1], safe to pass to a logarithm.
    @inline(__always)
    public mutating func uniformPositive() -> Double {
        Double((nextWord() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform double strictly inside (0, 1): the midpoint of one of 2⁵³ equal cells, so that both
    /// `log(u)` and `log(1 - u)` are finite.
    @inline(__always)
    public mutating func uniformOpen() -> Double {
        (Double(nextWord() >> 11) + 0.5) * 0x1.0p-53
    }

    /// A uniform double in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    /// A uniform integer in the closed range, by Lemire's multiply-and-reject method (no modulo bias).
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(bitPattern: UInt(nextWord())) }  // the full 64-bit range
        var product = nextWord().multipliedFullWidth(by: span)
        if product.low < span {
            let threshold = (0 &- span) % span
            while product.low < threshold {
                product = nextWord().multipliedFullWidth(by: span)
            }
        }
        return range.lowerBound + Int(product.high)
    }

    /// `true` with the given probability.
    @inline(__always)
    public mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }
}
