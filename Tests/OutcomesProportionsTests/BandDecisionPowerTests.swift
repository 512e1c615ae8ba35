import Testing
@testable import OutcomesProportions

// Against R (Fixtures/band_decision*.csv from make_fixtures.R): exact probabilities to 1e-8 relative (they sum
// binomial terms selected through iterative beta quantiles), minimal n exactly.
@Test func bandDecisionProbabilityMatchesR() throws {
    let rows = FixtureCSV("band_decision").rows
    #expect(rows.count == 7)
    for row in rows {
        let p = try BandDecisionPower.probability(trials: row.count("trials"), trueRate: row.number("rate"),
                                                  low: row.number("low"), high: row.number("high"))
        let reference = row.number("probability")
        #expect(reference == 0 ? p == 0 : relativeError(p, reference) <= 1e-8, "\(row) got \(p)")
    }
}

@Test func bandDecisionSampleSizeMatchesR() throws {
    for row in FixtureCSV("band_decision_sample_size").rows {
        let n = try BandDecisionPower.minimalTrials(trueRate: row.number("rate"), low: row.number("low"), high: row.number("high"))
        #expect(n == row.count("minimal_trials"), "\(row) got \(String(describing: n))")
    }
}
