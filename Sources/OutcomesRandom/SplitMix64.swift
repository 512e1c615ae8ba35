/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014):
/// a 64-bit counter advanced by the golden-ratio increment and passed through a mixing function.
///
/// Used on its own where a small fast stream is enough (bootstrap resamples, test inputs), to expand one seed
/// into the state of ``Xoshiro256StarStar``, and to derive per-patient seeds, as the xoshiro authors recommend.
public struct SplitMix64: RandomWordSource, RandomNumberGenerator, Sendable {
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

    /// The same word as ``nextWord()``, so that the standard library's `random(in:using:)` can draw from it.
    public mutating func next() -> UInt64 { nextWord() }
}
