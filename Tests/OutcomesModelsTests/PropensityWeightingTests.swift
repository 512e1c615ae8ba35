import Foundation
import Testing
@testable import OutcomesModels

/// Propensity weights, balance and ESS against explicit formulas in R (make_fixtures_models.R; WeightIt and
/// cobalt are not installable here). Tolerances: propensity scores and weights 1e-8 relative (the logistic fit
/// is R's glm step for step), SMDs, variance ratios and ESS 1e-8 relative.
@Suite struct PropensityWeightingTests {
    func run(_ options: WeightingOptions) throws -> (PropensityWeights, DesignMatrix) {
        let t = ModelFixtures.data
        let d = try DesignMatrix(table: t, terms: ModelTerms(parsing: "age, race, exposure"), options: DesignOptions(alsoRequired: ["sex"]))
        let treated = try t.labels("sex", rows: d.rows).map { $0 == "M" }
        let w = try PropensityWeighting.fit(design: d.matrix, names: d.names, treated: treated,
                                            balanceColumns: PropensityWeighting.balanceColumns(of: d), groupLabels: ("F", "M"), options: options)
        return (w, d)
    }

    func check(_ w: PropensityWeights, _ d: DesignMatrix, _ caseName: String) {
        let (_, rows) = ModelFixtures.rows(caseName + "_weights.csv")
        #expect(rows.count == d.rows.count)
        for (k, r) in rows.enumerated() where k < d.rows.count {
            #expect(Int(r[0]) == d.rows[k] + 1)
            #expect(close(w.scores[k], Double(r[1])!, relative: 1e-8), "\(caseName) ps row \(r[0])")
            #expect(close(w.weights[k], Double(r[2])!, relative: 1e-8), "\(caseName) weight row \(r[0]): \(w.weights[k]) vs \(r[2])")
        }
        let (_, balance) = ModelFixtures.rows(caseName + "_balance.csv")
        #expect(w.balance.map(\.covariate) == balance.map { $0[0] })
        for (b, r) in zip(w.balance, balance) {
            #expect(close(b.smdBefore, Double(r[1])!, relative: 1e-8), "\(caseName) \(b.covariate) smd_before")
            #expect(close(b.smdAfter, Double(r[2])!, relative: 1e-8), "\(caseName) \(b.covariate) smd_after")
            #expect(close(b.varianceRatioBefore, Double(r[3]) ?? .nan, relative: 1e-8), "\(caseName) \(b.covariate) vr_before")
            #expect(close(b.varianceRatioAfter, Double(r[4]) ?? .nan, relative: 1e-8), "\(caseName) \(b.covariate) vr_after")
        }
        #expect(w.effectiveSampleSize.map(\.group) == ["F", "M"])
        #expect(close(w.effectiveSampleSize[0].ess, ModelFixtures.model(caseName, "ess_control"), relative: 1e-8))
        #expect(close(w.effectiveSampleSize[1].ess, ModelFixtures.model(caseName, "ess_treated"), relative: 1e-8))
        #expect(Double(w.effectiveSampleSize[0].n) == ModelFixtures.model(caseName, "n_control"))
    }

    @Test func stabilizedTruncatedATE() throws {
        var o = WeightingOptions()
        o.stabilize = true
        o.trimQuantile = 0.95
        let (w, d) = try run(o)
        check(w, d, "weights_ate")
        #expect(w.trimmedCount == 12)
    }

    @Test func att() throws {
        var o = WeightingOptions()
        o.estimand = .att
        let (w, d) = try run(o)
        check(w, d, "weights_att")
    }

    @Test func stabilizedATTIsRefused() throws {
        var o = WeightingOptions()
        o.estimand = .att
        o.stabilize = true
        #expect(throws: ModelError.self) { try run(o) }
    }
}
