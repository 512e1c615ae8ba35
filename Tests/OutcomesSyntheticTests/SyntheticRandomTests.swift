import Foundation
import Testing
@testable import OutcomesSynthetic
import OutcomesClinical

// Reference words computed independently in Python 3 with arbitrary-precision integers masked to 64 bits:
//   s = (s + 0x9E3779B97F4A7C15) & M; z = s; z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M;
//   z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M; z ^ (z >> 31)
// (the first value, 0xe220a8397b1dcdaf, is the widely quoted SplitMix64 output for seed 0), and
// xoshiro256** as `rotl(s1 * 5, 7) * 9` on a state filled with the first four SplitMix64 words.

@Suite("Synthetic random draws")
struct SyntheticRandomTests {
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

    /// Tolerance: 4 units in the last place relative to the platform logarithm, over 12 orders of magnitude,
    /// subnormals and both sides of √2 (the reduction boundary).
    @Test func portableLogAgreesWithPlatformLog() {
        var generator = Xoshiro256StarStar(seed: 99)
        var inputs: [Double] = [1, 2, 0.5, 1.4142135623730951, 1.4142135623730954, 10, 1e-300, Double.leastNormalMagnitude / 3, 1e300, Double.leastNonzeroMagnitude]
        for _ in 0..<20_000 { inputs.append(generator.uniformPositive() * pow(10, Double(generator.integer(in: -6...6)))) }
        for x in inputs {
            let reference = Foundation.log(x)
            let error = abs(PortableMath.log(x) - reference)
            #expect(error <= 4 * reference.ulp + Double.leastNormalMagnitude, "log(\(x))")
        }
        #expect(PortableMath.log(0) == -.infinity)
        #expect(PortableMath.log(-1).isNaN)
    }

    /// Tolerance: sample moments within 4 standard errors (n = 200 000).
    @Test func drawsHaveTheirDistributionsMoments() {
        var generator = Xoshiro256StarStar(seed: 12_345)
        let n = 200_000
        let normals = (0..<n).map { _ in generator.normal(mean: 3, standardDeviation: 2) }
        let normalMean = normals.reduce(0, +) / Double(n)
        let normalVariance = normals.reduce(0) { $0 + ($1 - normalMean) * ($1 - normalMean) } / Double(n - 1)
        #expect(abs(normalMean - 3) < 4 * 2 / Double(n).squareRoot())
        #expect(abs(normalVariance - 4) < 4 * 4 * (2 / Double(n)).squareRoot())  // SE of s² is σ²√(2/n)

        let rate = 0.25
        let exponentials = (0..<n).map { _ in generator.exponential(rate: rate) }
        #expect(exponentials.allSatisfy { $0 >= 0 })
        #expect(abs(exponentials.reduce(0, +) / Double(n) - 4) < 4 * 4 / Double(n).squareRoot())  // SD = mean = 4

        let shape = 2.5, scale = 1.5
        let gammas = (0..<n).map { _ in generator.gamma(shape: shape, scale: scale) }
        let gammaSD = (shape * scale * scale).squareRoot()
        #expect(abs(gammas.reduce(0, +) / Double(n) - shape * scale) < 4 * gammaSD / Double(n).squareRoot())

        var counts = [Int](repeating: 0, count: 7)
        for _ in 0..<70_000 { counts[generator.integer(in: -3...3) + 3] += 1 }
        // Each count is binomial(70 000, 1/7): mean 10 000, SD ≈ 92.6; 4 SD ≈ 370.
        #expect(counts.allSatisfy { abs($0 - 10_000) < 370 })
        let uniforms = (0..<n).map { _ in generator.uniform() }
        #expect(uniforms.allSatisfy { $0 >= 0 && $0 < 1 })
    }

    @Test func clockMatchesFoundationCalendar() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var generator = Xoshiro256StarStar(seed: 5)
        for _ in 0..<500 {
            let day = generator.integer(in: 0...40_000)
            let date = Date(timeIntervalSince1970: Double(day) * 86_400)
            let parts = calendar.dateComponents([.year, .month, .day], from: date)
            let civil = SyntheticClock.civil(daysSinceEpoch: day)
            #expect(civil.year == parts.year && civil.month == parts.month && civil.day == parts.day)
            #expect(SyntheticClock.daysSinceEpoch(year: civil.year, month: civil.month, day: civil.day) == day)
        }
        #expect(SyntheticClock.daysSinceEpoch(year: 2024, month: 1, day: 8) == 19_730)
    }

    @Test func fixedDecimalRoundsHalfAwayFromZero() {
        #expect(FixedDecimal.format(0.5, decimals: 2) == "0.50")
        #expect(FixedDecimal.format(0.004620981203732969, decimals: 8) == "0.00462098")
        #expect(FixedDecimal.format(-1.25, decimals: 1) == "-1.3")
        #expect(FixedDecimal.format(150, decimals: 1) == "150.0")
        #expect(FixedDecimal.format(7, decimals: 0) == "7")
    }
}
