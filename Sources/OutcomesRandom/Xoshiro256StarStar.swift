/// xoshiro256** (Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM TOMS 2021):
/// the generator behind every draw of the synthetic cohort and the benchmarks' simulated data.
///
/// Its 256-bit state is filled from ``SplitMix64`` so that any 64-bit seed, including 0, gives a usable state.
public struct Xoshiro256StarStar: RandomWordSource, RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    /// Creates a generator whose state is the first four outputs of `SplitMix64(seed: seed)`.
    public init(seed: UInt64) {
        var expander = SplitMix64(seed: seed)
        s0 = expander.nextWord()
        s1 = expander.nextWord()
        s2 = expander.nextWord()
        s3 = expander.nextWord()
    }

    @inline(__always)
    private static func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
        (x << k) | (x >> (64 &- k))
    }

    /// Returns the next word (`rotl(s1 * 5, 7) * 9`) and advances the state.
    public mutating func nextWord() -> UInt64 {
        let result = Self.rotateLeft(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = Self.rotateLeft(s3, 45)
        return result
    }

    /// The same word as ``nextWord()``, so that the standard library's `random(in:using:)` can draw from it.
    public mutating func next() -> UInt64 { nextWord() }
}
