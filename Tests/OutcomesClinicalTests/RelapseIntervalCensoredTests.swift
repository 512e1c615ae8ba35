import Foundation
import Testing
@testable import OutcomesClinical

/// The interval-censored relapse analysis on the committed sample cohort (default plan) against R
/// (Fixtures/relapse/make_fixtures_relapse_interval.R: survfit and survreg on `Surv(left, right, type =
/// "interval2")` read from relapse.csv of `outcomes derive datasets/sample`). Tolerance 1e-3 relative: R reads the interval ends
/// rounded to 4 decimals in relapse.csv.
@Suite struct RelapseIntervalCensoredTests {
    let tables: DerivedTables
    let reference: [String: Double]

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        tables = ClinicalDerivation.derive(try ClinicDataset.load(at: root.appendingPathComponent("datasets/sample").path).dataset.timelines())
        let url = Bundle.module.url(forResource: "interval_censored", withExtension: "csv", subdirectory: "Fixtures/relapse")!
        var values: [String: Double] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst() {
            let f = line.split(separator: ",")
            values[String(f[0])] = Double(f[1])!
        }
        reference = values
    }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-3 * abs(b) }

    @Test func turnbullAndWeibullMediansMatchR() throws {
        let all = try #require(try RelapseIntervalCensored.estimates(tables.relapse, scale: .phq9).first)
        let turnbull = try #require(all.turnbull.median)
        #expect(close(turnbull, reference["turnbull_median_all"]!), "\(turnbull)")
        let weibull = try #require(all.weibullMedian)
        #expect(close(weibull.time, reference["weibull_median_all"]!), "\(weibull.time)")
        #expect(weibull.lower < weibull.time && weibull.time < weibull.upper)
    }

    @Test func weibullHazardRatioMatchesR() throws {
        let fit = try RelapseIntervalCensored.strategyHazardRatio(tables.relapse, scale: .phq9)
        #expect(close(fit.hazardRatio.logHazardRatio, reference["weibull_log_hr"]!), "\(fit.hazardRatio.logHazardRatio)")
        #expect(fit.patients == Int(reference["n_strategy"]!))
    }

    /// The sample's follow-up scores are about three weeks apart, more than the 15-day window: the
    /// interval-censored estimate leads under `auto`; forcing either analysis overrides the data.
    @Test func sparseVisitsMakeTheIntervalCensoredEstimateLead() {
        var plan = AnalysisPlan()
        let spacing = RelapseIntervalCensored.spacing(tables.relapse, scale: .phq9, plan: plan)
        #expect(spacing.medianGapDays! > 15 && spacing.intervalCensoredLeads)
        plan.relapsePrimaryAnalysis = "event_time"
        #expect(!RelapseIntervalCensored.spacing(tables.relapse, scale: .phq9, plan: plan).intervalCensoredLeads)
        plan.relapsePrimaryAnalysis = "auto"
        plan.relapseMaxDaysApart = 60
        #expect(!RelapseIntervalCensored.spacing(tables.relapse, scale: .phq9, plan: plan).intervalCensoredLeads)
    }
}
