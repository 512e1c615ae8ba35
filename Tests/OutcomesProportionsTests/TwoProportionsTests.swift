import Testing
@testable import OutcomesProportions

@Suite struct TwoProportionsTests {
    static let rows = FixtureCSV("two_proportions").rows

    @Test func newcombeAndPearsonMatchR() throws {
        #expect(Self.rows.count == 22)
        for row in Self.rows {
            let (kA, nA, kB, nB) = (row.count("successes_a"), row.count("trials_a"), row.count("successes_b"), row.count("trials_b"))
            let interval = try NewcombeInterval.interval(successesA: kA, trialsA: nA, successesB: kB, trialsB: nB,
                                                         level: row.number("level"))
            // Closed form built on Wilson limits: 1e-10 relative.
            #expect(relativeError(interval.lower, row.number("newcombe_lower")) <= closedFormTolerance, "\(row)")
            #expect(relativeError(interval.upper, row.number("newcombe_upper")) <= closedFormTolerance, "\(row)")
            let pearson = try PearsonChiSquareTest.test(successesA: kA, trialsA: nA, successesB: kB, trialsB: nB)
            if row.number("pearson_statistic").isNaN {
                #expect(pearson == nil)
            } else {
                let test = try #require(pearson)
                #expect(relativeError(test.statistic, row.number("pearson_statistic")) <= closedFormTolerance)
                #expect(relativeError(test.pValue, row.number("pearson_p")) <= closedFormTolerance)
            }
        }
    }

    /// Fisher: the p-value is a finite sum (1e-10); the odds ratio and limits are roots (1e-8 against the
    /// same equations solved in R at tol 1e-13; 1e-3 against fisher.test's own, solved at uniroot's default
    /// tolerance, which differ from the tight roots by up to about 4e-3 relative).
    @Test func fisherMatchesR() throws {
        for row in Self.rows {
            let test = try FisherExactTest.test(successesA: row.count("successes_a"), trialsA: row.count("trials_a"),
                                                successesB: row.count("successes_b"), trialsB: row.count("trials_b"),
                                                level: row.number("level"))
            #expect(relativeError(test.pValue, row.number("fisher_p")) <= closedFormTolerance, "\(row)")
            #expect(relativeError(test.oddsRatio, row.number("fisher_or")) <= iterativeTolerance, "\(row) \(test)")
            #expect(relativeError(test.lower, row.number("fisher_lower")) <= iterativeTolerance, "\(row) \(test)")
            #expect(relativeError(test.upper, row.number("fisher_upper")) <= iterativeTolerance, "\(row) \(test)")
            #expect(relativeError(test.oddsRatio, row.number("r_fisher_or")) <= 1e-2)
            #expect(relativeError(test.lower, row.number("r_fisher_lower")) <= 1e-2)
            #expect(relativeError(test.upper, row.number("r_fisher_upper")) <= 1e-2)
        }
    }

    /// Fisher p-values on a random grid of tables: 1e-10 relative.
    @Test func fisherPValuesOnRandomTables() throws {
        let rows = FixtureCSV("fisher_random").rows
        #expect(rows.count == 300)
        for row in rows {
            let test = try FisherExactTest.test(successesA: row.count("successes_a"), trialsA: row.count("trials_a"),
                                                successesB: row.count("successes_b"), trialsB: row.count("trials_b"))
            #expect(relativeError(test.pValue, row.number("fisher_p")) <= closedFormTolerance, "\(row) got \(test.pValue)")
        }
    }

    /// The TOST decision agrees with the (1 − 2α) Newcombe interval lying inside ±margin, and at level
    /// 1 − 2p the interval's limit sits on the margin (1e-9 absolute).
    @Test func equivalenceAgreesWithInterval() throws {
        let cases = [(42, 50, 40, 50), (340, 400, 332, 400), (8500, 10000, 8410, 10000), (3, 5, 1, 5), (50, 50, 49, 50),
                     (0, 50, 1, 50), (120, 200, 100, 200)]
        for (kA, nA, kB, nB) in cases {
            for margin in [0.05, 0.10, 0.20] {
                let test = try EquivalenceTest.test(successesA: kA, trialsA: nA, successesB: kB, trialsB: nB, margin: margin)
                let inside = test.interval.lower > -margin && test.interval.upper < margin
                #expect(test.isEquivalent == inside, "\(kA)/\(nA) vs \(kB)/\(nB) margin \(margin): \(test)")
                #expect(test.isNonInferior == (test.interval.lower > -margin))
                if test.pValueLower > 1e-12 && test.pValueLower < 0.5 {
                    let atBoundary = try NewcombeInterval.interval(successesA: kA, trialsA: nA, successesB: kB,
                                                                   trialsB: nB, level: 1 - 2 * test.pValueLower)
                    #expect(abs(atBoundary.lower + margin) <= 1e-9, "\(kA)/\(nA) vs \(kB)/\(nB) margin \(margin): \(test) \(atBoundary)")
                }
            }
        }
        #expect(throws: ProportionError.marginOutOfRange(0)) {
            try EquivalenceTest.test(successesA: 1, trialsA: 2, successesB: 1, trialsB: 2, margin: 0)
        }
    }
}
