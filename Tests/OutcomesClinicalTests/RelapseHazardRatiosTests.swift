import Foundation
import Testing
@testable import OutcomesClinical

/// Cox models behind the report's maintenance comparison, on the committed sample cohort, against R's coxph
/// (Fixtures/relapse/hazard_ratios.R, run on `outcomes derive datasets/sample` output made with
/// `windows.end_of_series_min_hours_after: 0`, the default when the fixture was made; the plan is pinned so
/// the fixture stays valid). Tolerance: 1e-6 relative.
@Suite struct RelapseHazardRatiosTests {
    let tables: DerivedTables
    let patients: [PatientTimeline]

    init() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        patients = try ClinicDataset.load(at: root.appendingPathComponent("datasets/sample").path).dataset.timelines()
        var plan = AnalysisPlan()
        plan.endOfSeriesMinimumHours = 0
        tables = ClinicalDerivation.derive(patients, plan: plan)
    }

    func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-6 * abs(b) }

    @Test func unadjustedStrategy() throws {
        let r = try RelapseHazardRatios.strategy(tables.relapse, scale: .phq9, patients: patients, adjusted: false)
        #expect(close(r.term.coefficient, -0.14986123897616144) && close(r.term.standardError, 0.16725836326530155))
        #expect(r.n == 237 && r.events == 145)
    }

    @Test func adjustedForDiagnosisAndPriorFailures() throws {
        let r = try RelapseHazardRatios.strategy(tables.relapse, scale: .phq9, patients: patients, adjusted: true)
        #expect(close(r.term.coefficient, -0.17186179439941016) && close(r.term.standardError, 0.17085312620328602))
        #expect(r.adjustment.hasPrefix("diagnosis (reference MDD)"))
    }

    @Test func timeVaryingMaintenanceExposure() throws {
        let r = try RelapseHazardRatios.exposure(tables.relapseIntervals, scale: .phq9)
        #expect(close(r.term.coefficient, -0.15854196220435476) && close(r.term.standardError, 0.16104921593551405))
    }
}
