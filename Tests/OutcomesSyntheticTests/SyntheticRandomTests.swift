import Foundation
import Testing
@testable import OutcomesSynthetic
import OutcomesClinical

@Suite("Synthetic random draws")
struct SyntheticRandomTests {
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
