import Testing
import OutcomesRandom
@testable import OutcomesSurvival

/// The reweighted curves against ``KaplanMeier`` and ``RestrictedMeanSurvival`` (checked against R's `survfit`)
/// fitted to the resampled rows themselves: 100 bootstrap resamples of 400 rows with many tied times (whole days
/// 1–60) and weights, two groups. Survival at day 20 and the RMST to day 45 agree within 1e-12 relative (only the
/// order of additions differs); the last time is the same. Fixed seed: the test cannot fail by chance.
@Suite struct ReweightedKaplanMeierTests {
    @Test func summariesAreThoseOfTheResampledRows() throws {
        var random = SplitMix64(seed: 45)
        let n = 400
        let time = (0..<n).map { _ in Double(1 + random.next() % 60) }
        let event = (0..<n).map { _ in random.next() % 3 != 0 }
        let group = (0..<n).map { _ in Int(random.next() % 2) }
        let weight = (0..<n).map { _ in 0.5 + Double(random.next() % 1000) / 400 }
        let curves = try ReweightedKaplanMeier(exit: time, event: event, group: group, groups: 2)
        for _ in 0..<100 {
            let sample = (0..<n).map { _ in Int(random.next() % UInt64(n)) }
            var count = [Int](repeating: 0, count: n)
            for i in sample { count[i] += 1 }
            let summaries = curves.summaries(count: count, weight: weight, at: 20, tau: 45)
            for g in 0..<2 {
                let rows = sample.filter { group[$0] == g }
                let data = try SurvivalData(exit: rows.map { time[$0] }, event: rows.map { event[$0] }, weights: rows.map { weight[$0] })
                let fit = try #require(try KaplanMeier.fit(data).first)
                let expected = (survival: fit.riskTable(at: [20])[0].survival,
                                rmst: try RestrictedMeanSurvival.estimate(fit, tau: 45).estimate, last: rows.map { time[$0] }.max()!)
                let got = try #require(summaries[g])
                #expect(abs(got.survival - expected.survival) <= 1e-12 * expected.survival)
                #expect(abs(got.restrictedMean - expected.rmst) <= 1e-12 * expected.rmst)
                #expect(got.lastTime == expected.last)
            }
        }
    }

    /// A group none of whose rows was drawn has no curve; a curve whose rows all end before `tau` closes at `tau`
    /// with its last height, as ``RestrictedMeanSurvival`` does.
    @Test func absentGroupsAndShortFollowUp() throws {
        let curves = try ReweightedKaplanMeier(exit: [1, 2, 3, 4], event: [true, false, true, false], group: [0, 0, 1, 1], groups: 2)
        let s = curves.summaries(count: [1, 1, 0, 0], weight: [1, 1, 1, 1], at: 1.5, tau: 10)
        #expect(s[1] == nil)
        // S = 1/2 after day 1; area 1·1 + (10 − 1)·0.5.
        #expect(s[0] == .init(lastTime: 2, survival: 0.5, restrictedMean: 5.5))
    }
}
