import Testing
@testable import OutcomesProportions

@Suite struct OneProportionTests {
    static let table = FixtureCSV("one_proportion")

    /// Wilson and Agresti–Coull are closed forms (1e-10 relative); exact, Jeffreys and mid-p come from
    /// quantiles or root-finding (1e-8 relative).
    @Test(arguments: ProportionIntervalMethod.allCases)
    func intervalsMatchR(method: ProportionIntervalMethod) throws {
        let rows = Self.table.rows.filter { $0["method"] == method.rawValue }
        #expect(rows.count == 72)
        let tolerance = (method == .wilson || method == .agrestiCoull) ? closedFormTolerance : iterativeTolerance
        for row in rows {
            let interval = try OneProportion.interval(successes: row.count("successes"), trials: row.count("trials"),
                                                      level: row.number("level"), method: method)
            #expect(relativeError(interval.lower, row.number("lower")) <= tolerance, "\(row) got \(interval)")
            #expect(relativeError(interval.upper, row.number("upper")) <= tolerance, "\(row) got \(interval)")
            #expect(interval.lower >= 0 && interval.upper <= 1 && interval.lower <= interval.upper)
        }
    }

    @Test func inputErrorsAreTyped() {
        #expect(throws: ProportionError.successesOutOfRange(successes: 6, trials: 5)) {
            try OneProportion.interval(successes: 6, trials: 5)
        }
        #expect(throws: ProportionError.noTrials(trials: 0)) {
            try OneProportion.interval(successes: 0, trials: 0)
        }
        #expect(throws: ProportionError.levelOutOfRange(1)) {
            try OneProportion.interval(successes: 1, trials: 5, level: 1)
        }
        #expect(throws: ProportionError.probabilityOutOfRange(name: "claim", value: 1.2)) {
            try ExactBinomialTest.pValue(successes: 1, trials: 5, claim: 1.2)
        }
    }
}

@Suite struct ExactBinomialTestTests {
    /// binom.test p-values: sums of binomial probabilities, 1e-10 relative; where R's value is below 1e-300
    /// (the true value underflows; R returns the smallest subnormal) ours must be below 1e-300 too.
    @Test func pValuesMatchR() throws {
        let rows = FixtureCSV("binomial_test").rows
        #expect(rows.count == 904)
        for row in rows {
            let alternative = try #require(Alternative(rawValue: row["alternative"] ?? ""))
            let p = try ExactBinomialTest.pValue(successes: row.count("successes"), trials: row.count("trials"),
                                                 claim: row.number("claim"), alternative: alternative)
            let reference = row.number("p_value")
            if reference < 1e-300 {
                #expect(p < 1e-300, "\(row) got \(p)")
            } else {
                #expect(relativeError(p, reference) <= closedFormTolerance, "\(row) got \(p)")
            }
        }
    }
}
