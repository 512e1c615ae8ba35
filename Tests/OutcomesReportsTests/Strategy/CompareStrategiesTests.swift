import Foundation
import Testing
@testable import OutcomesReports
@testable import OutcomesClinical

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
private let sample = root.appendingPathComponent("datasets/sample").path

/// `outcomes compare-strategies --format json` on datasets/sample: the issue's pinned keys, one estimate per
/// analysis and measure, E-values on hazard-ratio rows only, and the same bytes on a second run.
@Suite struct CompareStrategiesTests {
    static let json: Result<String, any Error> = Result {
        try Reports.compareStrategies(datasetAt: sample, planPath: nil, allowRejected: false, estimand: nil, format: .json, outputPath: nil).text
    }

    func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(Self.json.get().utf8)) as? [String: Any])
    }

    @Test func pinnedKeys() throws {
        let o = try object()
        let proto = try #require(o["protocol"] as? [String: Any])
        for key in ["eligibility", "time_zero", "grace_period_days", "counts"] { #expect(proto[key] != nil, "\(key)") }
        #expect(proto["grace_period_days"] as? Double == 42)
        let balance = try #require(o["balance"] as? [[String: Any]])
        #expect(!balance.isEmpty)
        for b in balance {
            #expect(Set(b.keys) == ["covariate", "smd_before", "smd_after", "variance_ratio_before", "variance_ratio_after"])
        }
        // One object per level of a categorical covariate, its reference included.
        #expect(balance.contains { $0["covariate"] as? String == "diagnosis_MDD" } && balance.contains { $0["covariate"] as? String == "diagnosis_other" })
        let ess = try #require(o["effective_sample_size"] as? [[String: Any]])
        #expect(ess.map { $0["group"] as? String } == ["as_needed", "maintenance"])
        for e in ess { #expect(Set(e.keys) == ["group", "n", "ess"]) }
        let estimates = try #require(o["estimates"] as? [[String: Any]])
        let keys: Set<String> = ["analysis", "measure", "estimate", "lower", "upper", "p", "n", "events", "warnings", "e_value", "e_value_limit"]
        for e in estimates { #expect(Set(e.keys) == keys) }
        let pairs = estimates.map { "\($0["analysis"] as? String ?? "") \($0["measure"] as? String ?? "")" }
        #expect(pairs == ["unadjusted hazard_ratio", "unadjusted rmst_difference_26w", "unadjusted relapse_free_12w", "unadjusted rate_ratio_infusions",
                          "iptw hazard_ratio", "iptw rmst_difference_26w", "iptw relapse_free_12w", "iptw rate_ratio_infusions",
                          "per_protocol hazard_ratio", "landmark hazard_ratio", "interval_censored hazard_ratio"])
        for e in estimates {
            let hr = e["measure"] as? String == "hazard_ratio"
            #expect((e["e_value"] is Double) == hr && (e["e_value_limit"] is Double) == hr, "\(e["analysis"] ?? "") \(e["measure"] ?? "")")
            #expect(e["warnings"] is [Any])
        }
    }

    /// The E-value of each hazard-ratio row is VanderWeele & Ding's: the ratio converted by
    /// (1 − 0.5^√HR)/(1 − 0.5^√(1/HR)) (relapse is common here), then RR + √(RR(RR − 1)) after inverting a ratio below 1.
    /// Tolerance 1e-12 relative.
    @Test func eValuesFollowThePublishedFormula() throws {
        for e in try #require(try object()["estimates"] as? [[String: Any]]) where e["measure"] as? String == "hazard_ratio" {
            let hr = try #require(e["estimate"] as? Double), upper = try #require(e["upper"] as? Double), lower = try #require(e["lower"] as? Double)
            func evalue(_ h: Double) -> Double {
                let rr = (1 - pow(0.5, h.squareRoot())) / (1 - pow(0.5, (1 / h).squareRoot()))
                let r = rr < 1 ? 1 / rr : rr
                return r + (r * (r - 1)).squareRoot()
            }
            let expected = evalue(hr)
            #expect(abs((e["e_value"] as? Double ?? 0) - expected) <= 1e-12 * expected)
            let limit = lower <= 1 && upper >= 1 ? 1 : evalue(hr < 1 ? upper : lower)
            #expect(abs((e["e_value_limit"] as? Double ?? 0) - limit) <= 1e-12 * limit)
        }
    }

    @Test func sameBytesTwice() throws {
        let again = try Reports.compareStrategies(datasetAt: sample, planPath: nil, allowRejected: false, estimand: nil, format: .json, outputPath: nil).text
        #expect(again == (try Self.json.get()))
    }

    @Test func sectionForTheReport() throws {
        let tables = try AnalysedDataset.load(datasetAt: sample, planPath: nil, allowRejected: false).tables
        var plan = tables.plan
        plan.strategyBootstrapReplicates = 20
        let c = StrategyComparison.run(ClinicalDerivation.derive(tables.patients, plan: plan), estimand: "att")
        let s = StrategyReport.section(c, headingLevel: 2)
        #expect(s.markdownLines.first == "## Maintenance vs re-induction as needed: a target-trial emulation")
        #expect(s.markdownLines.contains("### Balance"))
        #expect(s.forestRows.count == 5)
        #expect(s.overlapGroups.map(\.label) == ["as_needed", "maintenance"])
        #expect(s.tables.map(\.name) == ["strategy_balance.csv", "strategy_effective_sample_size.csv", "strategy_estimates.csv", "strategy_relapse_free.csv"])
        // ATT: the maintenance patients keep weight 1.
        let w = try #require(c.weighting)
        #expect(w.estimand == .att)
        #expect(c.participants.indices.filter { c.participants[$0].recorded == .maintenance }.allSatisfy { w.fit.weights[$0] == 1 })
    }
}
