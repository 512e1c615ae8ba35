import Foundation
import Testing
@testable import OutcomesModels
import OutcomesLinearAlgebra

/// The absorbed-factor logistic fit against the dense `GeneralizedLinearModel` (itself checked against R's `glm`)
/// on the same model with the factor as treatment-coded columns: the fitted probabilities agree within 1e-9.
/// Both stop at glm.fit's criterion (relative deviance change below 1e-8) after quadratic convergence, so their
/// remaining distance from the maximum is far below that tolerance; the data are fixed, so the test cannot fail
/// by chance.
@Suite struct AbsorbedFactorLogisticTests {
    /// A fixed cohort: two numeric covariates, a 0/1 covariate, a copy of 2·x1 (aliased), a covariate constant
    /// within each level (aliased with the factor), 30 levels of which level 7 has no rows.
    static func cohort(n: Int, levels: Int) -> (dense: Matrix, group: [Int], y: [Bool]) {
        var state: UInt64 = 0x9E3779B97F4A7C15
        func uniform() -> Double {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Double(state >> 11) / Double(1 << 53)
        }
        let effect = (0..<levels).map { _ in uniform() * 2 - 1 }
        var dense = Matrix(rows: n, columns: 5)
        var group: [Int] = [], y: [Bool] = []
        for i in 0..<n {
            var g = Int(uniform() * Double(levels))
            if g == 7 { g = 8 }
            let x1 = uniform() * 4 - 2, x2 = uniform() * 30 + 20, d = uniform() < 0.4 ? 1.0 : 0.0
            dense[i, 0] = x1; dense[i, 1] = x2; dense[i, 2] = d; dense[i, 3] = 2 * x1; dense[i, 4] = Double(g % 5)
            let eta = 0.8 * x1 - 0.04 * (x2 - 35) + 0.5 * d + effect[g]
            group.append(g)
            y.append(uniform() < 1 / (1 + exp(-eta)))
        }
        return (dense, group, y)
    }

    @Test func fittedProbabilitiesAreTheDenseGLMs() throws {
        let levels = 30
        let (dense, group, y) = Self.cohort(n: 1500, levels: levels)
        let absorbed = try AbsorbedFactorLogistic.fit(dense: dense, group: group, levels: levels, y: y)
        #expect(absorbed.converged)
        #expect(absorbed.aliased == [3, 4])

        let n = dense.rows
        var full = Matrix(rows: n, columns: 1 + 5 + (levels - 1), repeating: 1)
        for i in 0..<n {
            for j in 0..<5 { full[i, 1 + j] = dense[i, j] }
            for k in 1..<levels { full[i, 5 + k] = group[i] == k ? 1 : 0 }
        }
        let names = ["(Intercept)", "x1", "x2", "d", "x1x2", "within"] + (1..<levels).map { "g\($0)" }
        let glm = try GeneralizedLinearModel.fit(design: full, names: names, y: y.map { $0 ? 1 : 0 }, options: GLMOptions(family: .binomial))
        let largest = zip(absorbed.fitted, glm.fitted).map { abs($0 - $1) }.max()!
        #expect(largest < 1e-9, "largest difference in fitted probability \(largest)")
        #expect(abs(absorbed.deviance - glm.deviance) < 1e-8 * glm.deviance)
    }

    /// Started from another fit's linear predictor (R's `etastart`, as a bootstrap replicate starts from the full
    /// sample), the fit reaches the same maximum: fitted probabilities within 1e-7 of the default start's, in fewer
    /// iterations. The tolerance is glm.fit's own: it stops once a step changes the deviance by less than 1e-8 of
    /// it, so a start that close stops after one Newton step, whose error is the square of the start's (7.4e-9
    /// measured here), where the default start's last step was far smaller. The start here is the fit to the first 1,200 rows, extended to all 1,500 by its coefficients'
    /// fitted values (the fit to other data, as in a replicate). Fixed data: cannot fail by chance.
    @Test func aStartingLinearPredictorReachesTheSameFit() throws {
        let levels = 30
        let (dense, group, y) = Self.cohort(n: 1500, levels: levels)
        let cold = try AbsorbedFactorLogistic.fit(dense: dense, group: group, levels: levels, y: y)
        var head = Matrix(rows: 1200, columns: dense.columns)
        for i in 0..<1200 { for j in 0..<dense.columns { head[i, j] = dense[i, j] } }
        let part = try AbsorbedFactorLogistic.fit(dense: head, group: Array(group[0..<1200]), levels: levels,
                                                  y: Array(y[0..<1200]))
        // The part's linear predictor, and for the last 300 rows the cold fit's (close to, not at, the optimum).
        let logit = { (p: Double) in log(p / (1 - p)) }
        let start = part.fitted.map(logit) + cold.fitted[1200...].map { logit($0) + 0.05 }
        let warm = try AbsorbedFactorLogistic.fit(dense: dense, group: group, levels: levels, y: y, etaStart: start)
        #expect(warm.converged)
        let largest = zip(warm.fitted, cold.fitted).map { abs($0 - $1) }.max()!
        #expect(largest < 1e-7, "largest difference in fitted probability \(largest)")
        #expect(warm.iterations < cold.iterations, "\(warm.iterations) iterations warm, \(cold.iterations) cold")
        #expect(throws: ModelError.self) { try AbsorbedFactorLogistic.fit(dense: dense, group: group, levels: levels, y: y, etaStart: [0]) }
    }

    /// Integer prior weights are copies of rows (R's glm with `weights =`): a bootstrap-like draw of 1,500 rows
    /// fitted on the resampled rows and on its distinct rows weighted by their copies gives the same fitted
    /// probabilities within 1e-8 (each stops at glm.fit's criterion, the two after different last steps: 1.0e-9
    /// measured), the same aliased columns
    /// and deviance within 1e-8 relative. Propensity weights from the distinct rows (stabilized and truncated at
    /// the 95th percentile, the options a replicate uses) equal those from the resampled rows within 1e-7 relative.
    /// Fixed data and draw: cannot fail by chance.
    @Test func priorWeightsAreCopiesOfRows() throws {
        let levels = 30
        let (dense, group, y) = Self.cohort(n: 1500, levels: levels)
        var state: UInt64 = 7
        let sample = (0..<1500).map { _ -> Int in
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return Int(state >> 33) % 1500
        }
        let expanded = try AbsorbedFactorLogistic.fit(dense: dense.selecting(rows: sample), group: sample.map { group[$0] }, levels: levels,
                                                      y: sample.map { y[$0] })
        var copies = [Int](repeating: 0, count: 1500)
        for i in sample { copies[i] += 1 }
        let distinct = copies.indices.filter { copies[$0] > 0 }
        let weighted = try AbsorbedFactorLogistic.fit(dense: dense.selecting(rows: distinct), group: distinct.map { group[$0] }, levels: levels,
                                                      y: distinct.map { y[$0] }, weights: distinct.map { Double(copies[$0]) })
        #expect(distinct.count < 1000)
        #expect(weighted.aliased == expanded.aliased)
        #expect(abs(weighted.deviance - expanded.deviance) < 1e-8 * expanded.deviance)
        let position = Dictionary(uniqueKeysWithValues: distinct.enumerated().map { ($1, $0) })
        let largest = sample.indices.map { abs(expanded.fitted[$0] - weighted.fitted[position[sample[$0]]!]) }.max()!
        #expect(largest < 1e-8, "largest difference in fitted probability \(largest)")

        var options = WeightingOptions()
        options.stabilize = true
        options.trimQuantile = 0.95
        let direct = try PropensityWeighting.fit(dense: dense.selecting(rows: sample), denseNames: ["x1", "x2", "d", "x1x2", "within"], group: sample.map { group[$0] },
                                                 groupLevels: levels, treated: sample.map { y[$0] }, balance: [], options: options).weights
        let resampled = try PropensityWeighting.resampledWeights(dense: dense, group: group, groupLevels: levels, treated: y, sample: sample,
                                                                 options: options)
        let worst = zip(direct, resampled).map { abs($0 - $1) / $0 }.max()!
        #expect(worst < 1e-7, "largest relative difference in weight \(worst)")
        #expect(throws: ModelError.self) {
            try AbsorbedFactorLogistic.fit(dense: dense, group: group, levels: levels, y: y, weights: [Double](repeating: 0, count: 1500))
        }
    }

    /// Bad prior weights, starting values or draws are errors naming the row and the value.
    @Test func badWeightsStartsAndDrawsNameTheRow() throws {
        let (dense, group, y) = Self.cohort(n: 50, levels: 30)
        var weights = [Double](repeating: 1, count: 50)
        weights[6] = -2
        #expect(throws: ModelError("row 7 has prior weight -2.0; prior weights must be positive and finite")) {
            try AbsorbedFactorLogistic.fit(dense: dense, group: group, levels: 30, y: y, weights: weights)
        }
        var start = [Double](repeating: 0, count: 50)
        start[2] = .nan
        #expect(throws: ModelError("row 3 has starting linear predictor nan; it must be finite")) {
            try AbsorbedFactorLogistic.fit(dense: dense, group: group, levels: 30, y: y, etaStart: start)
        }
        #expect(throws: ModelError("sample position 2 draws row 50, outside 0..<50")) {
            try PropensityWeighting.resampledWeights(dense: dense, group: group, groupLevels: 30, treated: y, sample: [0, 50])
        }
    }

    /// Without dense columns the fit is the level proportions (the saturated one-way model).
    @Test func factorAloneGivesLevelProportions() throws {
        let group = [0, 0, 0, 1, 1, 2, 2, 2, 2]
        let y = [true, false, false, true, false, true, true, true, false]
        let fit = try AbsorbedFactorLogistic.fit(dense: Matrix(rows: 9, columns: 0), group: group, levels: 3, y: y)
        let expected = [1.0 / 3, 1.0 / 3, 1.0 / 3, 0.5, 0.5, 0.75, 0.75, 0.75, 0.75]
        #expect(zip(fit.fitted, expected).allSatisfy { abs($0 - $1) < 1e-10 })
    }

    /// A categorical covariate's balance rows from level codes equal the rows of its indicator columns, to the bit.
    @Test func levelBalanceRowsAreTheIndicatorRows() {
        let (_, group, y) = Self.cohort(n: 800, levels: 12)
        let weights = group.indices.map { 0.5 + Double(($0 * 7919) % 13) / 5 }
        let levels = (0..<12).map { "L\($0)" }
        let fromCodes = PropensityWeighting.levelBalanceRows("site", levels: levels, codes: group, treated: y, weights: weights)
        for (k, row) in fromCodes.enumerated() {
            let indicator = PropensityWeighting.balanceRow("site_L\(k)", group.map { $0 == k ? 1 : 0 }, treated: y, weights: weights)
            #expect(row.covariate == indicator.covariate && row.binary == indicator.binary)
            #expect(row.smdBefore.bitPattern == indicator.smdBefore.bitPattern && row.smdAfter.bitPattern == indicator.smdAfter.bitPattern)
        }
    }

    /// Censoring weights with the factor absorbed are those of the dense censoring model (within 1e-9 relative).
    @Test func absorbedCensoringWeightsAreTheDenseOnes() throws {
        let levels = 15
        let (dense, group, y) = Self.cohort(n: 900, levels: levels)
        let kept = dense.selecting(columns: [0, 1, 2])
        let subjects = (0..<900).map { $0 / 3 }
        let absorbed = try CensoringWeighting.fit(dense: kept, denseNames: ["x1", "x2", "d"], group: group, groupLevels: levels,
                                                  numerator: nil, censored: y, subjects: subjects)
        var full = Matrix(rows: 900, columns: 4 + levels - 1, repeating: 1)
        for i in 0..<900 {
            for j in 0..<3 { full[i, 1 + j] = kept[i, j] }
            for k in 1..<levels { full[i, 3 + k] = group[i] == k ? 1 : 0 }
        }
        let names = ["(Intercept)", "x1", "x2", "d"] + (1..<levels).map { "g\($0)" }
        let reference = try CensoringWeighting.fit(design: full, names: names, numerator: nil, censored: y, subjects: subjects)
        #expect(absorbed.modelled && reference.modelled)
        let largest = zip(absorbed.weights, reference.weights).map { abs($0 / $1 - 1) }.max()!
        #expect(largest < 1e-9, "largest relative difference \(largest)")
    }
}
