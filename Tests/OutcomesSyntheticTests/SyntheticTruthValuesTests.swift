import Foundation
import Testing
@testable import OutcomesSynthetic
import OutcomesClinical

/// The true values written to `truth.json` against an independent derivation in R
/// (Fixtures/make_fixtures_generator_truth.R: `integrate`, `uniroot`, `pnorm` on the same model).
/// Tolerance 1e-6 absolute (the Swift side uses Simpson's rule on 20 000 steps and bisection).
@Suite struct SyntheticTruthValuesTests {
    static let reference: [String: Double] = {
        let url = Bundle.module.url(forResource: "generator_truth", withExtension: "csv", subdirectory: "Fixtures")!
        let text = try! String(contentsOf: url, encoding: .utf8)
        var values: [String: Double] = [:]
        for line in text.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",")
            values[String(fields[0])] = Double(fields[1])!
        }
        return values
    }()

    func truth(_ assignment: SyntheticStrategyAssignment) -> SyntheticTruthValues {
        var model = SyntheticCohortModel()
        model.strategyAssignment = assignment
        return SyntheticTruthValues(model: model)
    }

    @Test func marginalHazardRatioMatchesR() {
        let value = truth(.random).relapseMarginalHazardRatio
        #expect(abs(value - Self.reference["relapse_marginal_hazard_ratio"]!) < 1e-6, "\(value)")
        #expect(truth(.confounded).relapseMarginalHazardRatio == value)
        #expect(truth(.random).relapseConditionalHazardRatio == 0.4)
    }

    @Test(arguments: SyntheticStrategyAssignment.allCases)
    func relapseByStrategyMatchesR(_ assignment: SyntheticStrategyAssignment) {
        let t = truth(assignment)
        for strategy in TreatmentStrategy.allCases {
            let key = "\(assignment.rawValue)/\(strategy.rawValue)/"
            #expect(abs(t.relapseMedianDays(strategy) - Self.reference[key + "median"]!) < 1e-6, "\(key)median")
            for day in [28, 56, 84, 112] {
                #expect(abs(t.relapseFree(strategy, days: Double(day)) - Self.reference[key + "relapse_free_\(day)"]!) < 1e-9)
            }
            #expect(abs(t.relapseRestrictedMean(strategy, horizon: 182) - Self.reference[key + "rmst_182"]!) < 1e-6)
        }
    }

    @Test func confoundingMakesTheGroupsDiffer() {
        let t = truth(.confounded)
        // Sicker and non-remitted responders are steered to maintenance and relapse sooner, so the
        // maintenance group's median is below the counterfactual one and the as-needed group's above.
        #expect(t.relapseMedianDays(.maintenance) < t.relapseMedianDays(.maintenance, counterfactual: true) - 5)
        #expect(t.relapseMedianDays(.asNeeded) > t.relapseMedianDays(.asNeeded, counterfactual: true) + 2)
    }

    @Test func tolerabilityMatchesR() {
        let t = truth(.random)
        #expect(abs(t.tolerated(alsoInterruptions: false) - Self.reference["tolerated_ae_only"]!) < 1e-9)
        #expect(abs(t.tolerated(alsoInterruptions: true) - Self.reference["tolerated_also_interruptions"]!) < 1e-9)
    }

    @Test func portableExpAndNormalTail() {
        for x in [-700.0, -30, -1, -1e-3, 0, 0.5, 1, 10, 300] {
            #expect(abs(PortableMath.exp(x) / Foundation.exp(x) - 1) < 1e-14, "\(x)")
        }
        #expect(PortableMath.exp(-800) == 0)
        #expect(abs(PortableMath.standardNormalUpperTail(0.375) - 0.35383023332) < 1e-10)
        #expect(abs(PortableMath.standardNormalUpperTail(-1.96) - 0.97500210485) < 1e-10)
    }
}
