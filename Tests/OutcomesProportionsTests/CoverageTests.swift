import OutcomesDistributions
import Testing
@testable import OutcomesProportions

/// Coverage of 95% intervals at n = 50, p = 0.85, computed exactly (not simulated): the sum over k = 0…50 of
/// P(X = k) for the k whose interval contains p. Deterministic, so no random draws are needed.
/// (R gives 0.95575 for Wilson and 0.97265 for Clopper–Pearson by the same sum.)
@Suite struct CoverageTests {
    static func exactCoverage(_ method: ProportionIntervalMethod, trials n: Int, rate p: Double) throws -> Double {
        let distribution = Binomial(trials: n, probability: p)
        var coverage = 0.0
        for k in 0...n {
            let interval = try OneProportion.interval(successes: k, trials: n, level: 0.95, method: method)
            if interval.lower <= p && p <= interval.upper { coverage += distribution.pmf(k) }
        }
        return coverage
    }

    @Test func wilsonCoverageIsNearNominal() throws {
        let coverage = try Self.exactCoverage(.wilson, trials: 50, rate: 0.85)
        #expect(coverage >= 0.94 && coverage <= 0.96, "Wilson coverage \(coverage)")
    }

    @Test func exactIntervalCoversAtLeastNominal() throws {
        let coverage = try Self.exactCoverage(.clopperPearson, trials: 50, rate: 0.85)
        #expect(coverage >= 0.95, "Clopper-Pearson coverage \(coverage)")
    }
}
