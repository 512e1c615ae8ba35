import Testing
import OutcomesLinearAlgebra
@testable import OutcomesModels

/// Pooled logistic inverse-probability-of-censoring weights against R (make_fixtures_censoring.R: two glm fits and
/// the cumulative product per subject). Tolerance 1e-8 relative (the logistic fits are R's glm step for step).
@Suite struct CensoringWeightingTests {
    @Test func stabilizedWeightsMatchR() throws {
        let (_, rows) = ModelFixtures.rows("censoring_weights.csv")
        let n = rows.count
        var den = Matrix(rows: n, columns: 4), num = Matrix(rows: n, columns: 3)
        for (i, r) in rows.enumerated() {
            let x = Double(r[1])!, k = Double(r[2])!
            den[i, 0] = 1; den[i, 1] = x; den[i, 2] = k; den[i, 3] = k * k
            num[i, 0] = 1; num[i, 1] = k; num[i, 2] = k * k
        }
        let w = try CensoringWeighting.fit(design: den, names: ["(Intercept)", "x", "period", "period^2"],
                                           numerator: (num, ["(Intercept)", "period", "period^2"]),
                                           censored: rows.map { $0[3] == "1" }, subjects: rows.map { Int($0[0])! })
        for (i, r) in rows.enumerated() {
            #expect(close(w.weights[i], Double(r[4])!, relative: 1e-8), "row \(i + 1): \(w.weights[i]) vs R \(r[4])")
        }
    }

    @Test func noCensoringGivesWeightOne() throws {
        let m = Matrix(rows: 3, columns: 1, repeating: 1)
        let w = try CensoringWeighting.fit(design: m, names: ["(Intercept)"], numerator: nil, censored: [false, false, false], subjects: [1, 1, 2])
        #expect(w.weights == [1, 1, 1] && w.model == nil)
    }

    /// The same seed gives the same resamples; percentile limits are R's type-7 quantiles of the replicate values.
    @Test func bootstrapIsReproducible() {
        let data = (0..<50).map { Double($0 % 7) }
        let boot = Bootstrap(replicates: 100, seed: 42)
        let mean: @Sendable ([Int]) -> [Double?] = { idx in [idx.map { data[$0] }.reduce(0, +) / Double(idx.count)] }
        let a = boot.run(n: data.count, measures: 1, level: 0.95, statistic: mean)
        let b = boot.run(n: data.count, measures: 1, level: 0.95, statistic: mean)
        #expect(a == b)
        // Replicates evaluated in parallel land in their own places: the same intervals, to the bit.
        #expect(boot.run(n: data.count, measures: 1, level: 0.95, threads: 3, statistic: mean) == a)
        #expect(Bootstrap.quantile([1, 2, 3, 4], 0.25) == 1.75)
        let ci = a[0]!
        #expect(ci.used == 100 && ci.lower < 2.94 && ci.upper > 2.94)
    }
}
