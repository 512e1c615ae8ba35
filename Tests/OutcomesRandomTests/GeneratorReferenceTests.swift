import Testing
import OutcomesRandom

// Reference words computed independently in Python 3 with arbitrary-precision integers masked to 64 bits:
//   s = (s + 0x9E3779B97F4A7C15) & M; z = s; z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M;
//   z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M; z ^ (z >> 31)
// (the first value, 0xe220a8397b1dcdaf, is the widely quoted SplitMix64 output for seed 0), and
// xoshiro256** as `rotl(s1 * 5, 7) * 9` on a state filled with the first four SplitMix64 words.

@Suite("Random word generators")
struct GeneratorReferenceTests {
    @Test func splitMix64MatchesReferenceForSeedZero() {
        var generator = SplitMix64(seed: 0)
        let expected: [UInt64] = [
            0xE220_A839_7B1D_CDAF, 0x6E78_9E6A_A1B9_65F4, 0x06C4_5D18_8009_454F,
            0xF88B_B8A8_724C_81EC, 0x1B39_896A_51A8_749B, 0x53CB_9F0C_747E_A2EA,
        ]
        #expect((0..<6).map { _ in generator.nextWord() } == expected)
    }

    @Test func xoshiroMatchesReference() {
        var zero = Xoshiro256StarStar(seed: 0)
        #expect((0..<5).map { _ in zero.nextWord() } ==
            [0x99EC_5F36_CB75_F2B4, 0xBF6E_1F78_4956_452A, 0x1A5F_849D_4933_E6E0, 0x6AA5_94F1_262D_2D2C, 0xBBA5_AD4A_1F84_2E59])
        var sample = Xoshiro256StarStar(seed: 20_260_101)
        #expect((0..<5).map { _ in sample.nextWord() } ==
            [0x57E2_8E04_07EB_6ADE, 0xAE12_AADC_7D20_56A3, 0x007B_5189_06D1_DF4F, 0x9834_2917_C27B_3AEB, 0xF45E_8BE7_AE5C_CF84])
    }

    @Test func standardLibraryDrawsUseTheSameWords() {
        var a = SplitMix64(seed: 7), b = SplitMix64(seed: 7)
        #expect(a.next() == b.nextWord())
    }

    /// The three uniforms are affine maps of the top 53 bits of one word, so each is checked exactly on words
    /// at the ends of the range: 0 and all ones.
    @Test func uniformsStayInTheirIntervals() {
        struct Fixed: RandomWordSource { var word: UInt64; mutating func nextWord() -> UInt64 { word } }
        var low = Fixed(word: 0), high = Fixed(word: .max)
        #expect(low.uniform() == 0 && high.uniform() == 1 - 0x1.0p-53)
        #expect(low.uniformPositive() == 0x1.0p-53 && high.uniformPositive() == 1)
        #expect(low.uniformOpen() == 0x1.0p-54 && high.uniformOpen() == 1 - 0x1.0p-54)
    }

    /// Lemire's bounded draw: each of 7 values is binomial(70 000, 1/7), mean 10 000, SD ≈ 92.6; the bound of
    /// 4 SD (370) gives a false-failure chance below 1e-3 for the seven counts together, and the seed is fixed.
    @Test func boundedIntegersAreUniform() {
        var generator = Xoshiro256StarStar(seed: 12_345)
        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[generator.integer(in: -3...3) + 3] += 1 }
        #expect(counts.allSatisfy { abs($0 - 10_000) < 370 })
        #expect((0..<1000).allSatisfy { _ in generator.integer(in: 5...5) == 5 })
    }
}
