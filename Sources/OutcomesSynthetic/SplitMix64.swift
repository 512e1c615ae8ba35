import OutcomesClinical
/// A source of 64-bit pseudo-random words that the synthetic generator draws everything from.
///
/// The generator uses its own generators rather than the standard library's so that the same seed gives the
/// same words, and therefore the same bytes, on every platform and every Swift release.
public protocol SyntheticRandomSource {
    /// Returns the next 64-bit word of the stream and advances the state.
    mutating func nextWord() -> UInt64
}

/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014):
/// a 64-bit counter advanced by the golden-ratio increment and passed through a mixing function.
///
/// Used to expand one seed into the state of ``Xoshiro256StarStar`` and to derive per-patient seeds,
/// as the xoshiro authors recommend.
public struct SplitMix64: SyntheticRandomSource, Sendable {
    /// The counter; the next output mixes `state + 0x9E3779B97F4A7C15`.
    public private(set) var state: UInt64

    /// Creates a generator whose counter starts at `seed`.
    public init(seed: UInt64) {
        state = seed
    }

    /// Advances the counter and returns the mixed value.
    public mutating func nextWord() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
