import Foundation
import Testing
@testable import OutcomesClinical

/// End to end: a generated cohort is written, read back through validation, and derived; the estimates must
/// land near the generator's true parameters. Bands are 4 binomial standard errors of the estimate
/// (a false failure about 1 time in 16 000 per comparison for a correct implementation).
@Suite struct DerivationTruthTests {
    static let cohort = SyntheticCohort.generate(patients: 2500, seed: 4242)
    /// Derived once for the suite; a cohort that fails validation fails every test here with the reason.
    static let derived: Result<DerivedTables, any Error> = Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("truth-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try cohort.write(to: dir)
        let loaded = try ClinicDataset.load(at: dir.path)
        guard !loaded.report.hasRejectedRows else { throw CocoaError(.fileReadCorruptFile) }
        return ClinicalDerivation.derive(loaded.dataset.timelines())
    }
    let tables: DerivedTables

    init() throws { tables = try Self.derived.get() }

    func withinFourSigma(_ k: Int, _ n: Int, truth p: Double) -> Bool {
        guard n > 0 else { return false }
        return abs(Double(k) / Double(n) - p) <= 4 * (p * (1 - p) / Double(n)).squareRoot()
    }

    @Test func responseByDiagnosisRecoversTruth() {
        for d in SyntheticDiagnosis.allCases {
            let flags = tables.endpoints.filter { $0.series.label == "induction" && $0.scale == .phq9 && $0.diagnosis == d.rawValue }
                .compactMap(\.response)
            let truth = Self.cohort.model.responseProbability[d]!
            #expect(flags.count > 100, "\(d)")
            #expect(withinFourSigma(flags.filter { $0 }.count, flags.count, truth: truth), "\(d): \(flags.filter { $0 }.count)/\(flags.count) vs \(truth)")
        }
    }

    @Test func suicidalResolutionWithinNinetyMinutesRecoversTruth() {
        let outcomes = tables.suicidal.filter { $0.scale == .phq9 }.compactMap { $0.outcome(windowMinutes: 90)?.resolved ?? nil }
        let truth = Self.cohort.model.suicidalItemResolutionWithin90MinutesProbability
        #expect(outcomes.count > 100)
        #expect(withinFourSigma(outcomes.filter { $0 }.count, outcomes.count, truth: truth), "\(outcomes.filter { $0 }.count)/\(outcomes.count) vs \(truth)")
    }

    @Test func relapseIsFasterWithoutMaintenance() throws {
        // The generator's relapse hazard is higher for as-needed patients; the observed relapse share among
        // followed responders must order the same way (a direction check; the Cox comparison is in the reports tests).
        func share(_ s: String) -> Double {
            let r = tables.relapse.filter { $0.scale == .phq9 && $0.strategy == s }
            return Double(r.filter { $0.event == 1 }.count) / Double(max(r.count, 1))
        }
        #expect(share("as_needed") > share("maintenance"))
    }
}
