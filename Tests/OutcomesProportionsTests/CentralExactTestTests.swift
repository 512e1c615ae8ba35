import Testing
@testable import OutcomesProportions

// The central (equal-tailed) exact test, against R (Fixtures/central_binomial_test.csv), 1e-10 relative.
@Test func centralPValueAndPowerMatchR() throws {
    let rows = FixtureCSV("central_binomial_test").rows
    #expect(rows.count == 50)
    for row in rows {
        let k = row.count("successes"), n = row.count("trials"), claim = row.number("claim")
        let p = try ExactBinomialTest.pValue(successes: k, trials: n, claim: claim, twoSidedMethod: .central)
        #expect(relativeError(p, row.number("p_value")) <= 1e-10, "\(row) got \(p)")
        let power = try BinomialTestPower.power(trials: n, claim: claim, trueRate: 0.7, twoSidedMethod: .central)
        let reference = row.number("power_at_0.7")
        #expect(reference < 1e-300 ? power < 1e-300 : relativeError(power, reference) <= 1e-10, "\(row) power \(power)")
    }
}

// Duality: at every k of these n, the central test rejects p0 at α = 0.05 exactly when p0 lies outside the
// 95 % Clopper–Pearson interval (p0 on a grid that avoids the interval's own limits).
@Test(arguments: [1, 5, 17, 50, 400])
func centralTestInvertsClopperPearson(n: Int) throws {
    for k in 0...n {
        let ci = try OneProportion.interval(successes: k, trials: n, level: 0.95, method: .clopperPearson)
        for step in 1..<100 {
            let p0 = Double(step) / 100
            if abs(p0 - ci.lower) < 1e-9 || abs(p0 - ci.upper) < 1e-9 { continue }
            let p = try ExactBinomialTest.pValue(successes: k, trials: n, claim: p0, twoSidedMethod: .central)
            #expect((p <= 0.05) == (p0 < ci.lower || p0 > ci.upper), "k=\(k) n=\(n) p0=\(p0) p=\(p)")
        }
    }
}
