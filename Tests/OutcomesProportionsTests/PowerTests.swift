import Testing
@testable import OutcomesProportions

@Suite struct PowerTests {
    /// Exact power against R's brute-force sum over binom.test rejections: finite sums, 1e-10 relative.
    @Test func exactPowerMatchesR() throws {
        let rows = FixtureCSV("binomial_power").rows
        #expect(rows.count == 54)
        for row in rows {
            let alternative = try #require(Alternative(rawValue: row["alternative"] ?? ""))
            let power = try BinomialTestPower.power(trials: row.count("trials"), claim: row.number("claim"),
                                                    trueRate: row.number("true_rate"), alpha: row.number("alpha"),
                                                    alternative: alternative)
            #expect(relativeError(power, row.number("power")) <= closedFormTolerance, "\(row) got \(power)")
        }
    }

    /// Minimal n: exact integers from R's upward search.
    @Test func minimalTrialsMatchesR() throws {
        let rows = FixtureCSV("binomial_sample_size").rows
        #expect(rows.count == 4)
        for row in rows {
            let alternative = try #require(Alternative(rawValue: row["alternative"] ?? ""))
            let n = try BinomialTestPower.minimalTrials(claim: row.number("claim"), trueRate: row.number("true_rate"),
                                                        targetPower: row.number("target_power"), alpha: row.number("alpha"),
                                                        alternative: alternative)
            #expect(n == row.count("minimal_trials"), "\(row)")
        }
    }

    /// The sawtooth: exact power is not monotone in n (here for p₀ = 0.5, true rate 0.75, two-sided).
    @Test func powerIsNotMonotoneInTrials() throws {
        let powers = try (20...40).map { try BinomialTestPower.power(trials: $0, claim: 0.5, trueRate: 0.75) }
        let drops = zip(powers, powers.dropFirst()).filter { $0.1 < $0.0 }.count
        #expect(drops > 0)
    }

    /// power.prop.test: closed-form power (1e-10); n per group solved by R at tol 1e-12 (1e-8).
    @Test func twoSampleMatchesR() throws {
        let rows = FixtureCSV("two_sample_power").rows
        #expect(rows.count == 8)
        for row in rows {
            let twoSided = row["alternative"] == "two.sided"
            let power = try TwoProportionPower.power(perGroup: row.number("per_group"), rateA: row.number("rate_a"),
                                                     rateB: row.number("rate_b"), alpha: row.number("alpha"), twoSided: twoSided)
            #expect(relativeError(power, row.number("power")) <= closedFormTolerance, "\(row) got \(power)")
            let n = try TwoProportionPower.perGroupSize(rateA: row.number("rate_a"), rateB: row.number("rate_b"),
                                                        targetPower: row.number("target_power"), alpha: row.number("alpha"),
                                                        twoSided: twoSided)
            #expect(relativeError(n, row.number("per_group_for_target")) <= iterativeTolerance, "\(row) got \(n)")
        }
        #expect(throws: ProportionError.powerOutOfRange(1)) {
            try TwoProportionPower.perGroupSize(rateA: 0.5, rateB: 0.6, targetPower: 1)
        }
    }
}

@Suite struct RandomEffectsTests {
    /// metafor::rma(measure = "PLO"): DL is closed form (1e-10); REML is iterative (1e-8), with metafor run
    /// at threshold 1e-14. I² near 0 is compared absolutely by `relativeError`.
    @Test func poolingMatchesMetafor() throws {
        let rows = FixtureCSV("random_effects").rows
        #expect(rows.count == 8)
        for row in rows {
            let successes = (row["successes"] ?? "").split(separator: " ").compactMap { Int($0) }
            let trials = (row["trials"] ?? "").split(separator: " ").compactMap { Int($0) }
            let studies = zip(successes, trials).map { StudyCount(successes: $0.0, trials: $0.1) }
            let estimator = try #require(HeterogeneityEstimator(rawValue: row["method"] ?? ""))
            let fit = try RandomEffectsPooling.pool(studies, estimator: estimator)
            let tolerance = estimator == .derSimonianLaird ? closedFormTolerance : iterativeTolerance
            let pairs: [(Double, String)] = [
                (fit.logit, "estimate"), (fit.standardError, "se"), (fit.logitLower, "lower"), (fit.logitUpper, "upper"),
                (fit.tau2, "tau2"), (fit.i2, "i2"), (fit.q, "q"), (fit.qPValue, "q_p"), (fit.proportion, "proportion"),
                (fit.proportionLower, "proportion_lower"), (fit.proportionUpper, "proportion_upper"),
            ]
            for (value, column) in pairs {
                #expect(relativeError(value, row.number(column)) <= tolerance, "\(row["set"] ?? "") \(estimator) \(column): \(value)")
            }
        }
        #expect(throws: ProportionError.tooFewStudies(count: 1)) {
            try RandomEffectsPooling.pool([StudyCount(successes: 1, trials: 2)])
        }
        #expect(throws: ProportionError.invalidStudy(index: 1, successes: 5, trials: 4)) {
            try RandomEffectsPooling.pool([StudyCount(successes: 1, trials: 2), StudyCount(successes: 5, trials: 4)])
        }
    }
}
