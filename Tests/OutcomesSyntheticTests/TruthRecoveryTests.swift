import Foundation
import Testing
import OutcomesProportions
@testable import OutcomesSynthetic
@testable import OutcomesClinical

/// The issue-12 check: on a generated cohort of 3,000 patients (fixed seed) analysed under the default plan,
/// every rate and every leading relapse estimate the report prints has its true value (truth.json, derived
/// exactly from the model) inside its interval.
///
/// Which quantities: PHQ-9 and MADRS response and remission by diagnosis and overall (among patients with an
/// end-of-series score), the suicidal item at 40, 90, 240 minutes and 1 day on both scales, tolerability under
/// both definitions by diagnosis and overall, and for PHQ-9 the interval-censored estimates that lead the
/// relapse section (the sample's visits are sparser than the confirmation window): Weibull medians by strategy
/// and the Weibull hazard ratio against the marginal ratio. Not checked, for want of an exact truth: partial
/// response, intention-to-treat rates (they depend on dropout and visit timing), MADRS relapse (a MADRS-only
/// response does not last in the model), Turnbull landmarks (no interval), and the Kaplan–Meier and Cox
/// estimates of the confirmed rule, which are biased by design on sparse visits (the point of issue 12).
///
/// False failures: 41 intervals. At the report's 95 % one would expect 2 misses, and "none" would fail about
/// 88 % of correct runs, so two checks are made: (1) every truth inside its 99.9 % interval (Bonferroni: at
/// most 41 × 0.001 ≈ 4 % false failures for a correct implementation, less since the Clopper–Pearson intervals
/// are conservative); (2) at most 6 misses at 95 % (binomial(41, 0.05) exceeds 6 with probability 0.4 %).
/// The seed is fixed, so the outcome only changes when the generator's draws or an estimator change.
@Suite struct TruthRecoveryTests {
    static let cohort = SyntheticCohort.generate(patients: 3000, seed: 20_261_204)
    static let truth = SyntheticTruthValues(model: cohort.model)
    static let loaded: Result<[PatientTimeline], any Error> = Result {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("truth3000-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        try cohort.write(to: dir)
        return try ClinicDataset.load(at: dir.path).dataset.timelines()
    }

    /// One comparison: the estimate's interval at a level, and the truth.
    struct Check: CustomStringConvertible {
        let name: String
        let truth: Double
        let interval: (Double) throws -> (lower: Double, upper: Double)
        var description: String { name }
    }

    static func proportion(_ name: String, _ k: Int, _ n: Int, truth: Double) -> Check {
        Check(name: "\(name) \(k)/\(n) vs \(truth)", truth: truth) { level in
            let ci = try OneProportion.interval(successes: k, trials: n, level: level, method: .clopperPearson)
            return (ci.lower, ci.upper)
        }
    }

    static func checks(_ patients: [PatientTimeline]) -> [Check] {
        let plan = AnalysisPlan()
        var alternative = plan
        alternative.tolerabilityCountsOtherInterruptions = true
        let t = ClinicalDerivation.derive(patients, plan: plan)
        let strict = ClinicalDerivation.derive(patients, plan: alternative)
        var checks: [Check] = []
        let groups: [(String, Diagnosis?)] = [("all", nil)] + Diagnosis.allCases.map { ($0.rawValue, $0) }
        for scale in Scale.all {
            let rows = t.endpoints.filter { $0.series.label == "induction" && $0.scale == scale && $0.response != nil }
            for (name, diagnosis) in groups {
                let g = rows.filter { diagnosis == nil || $0.diagnosis == diagnosis! }
                let responses = g.filter { $0.response == true }.count, remissions = g.filter { $0.remission == true }.count
                let (response, remission): (Double, Double)
                if scale == .phq9 {
                    response = diagnosis.map(truth.phq9Response) ?? truth.overall(truth.phq9Response)
                    remission = diagnosis.map(truth.phq9Remission) ?? truth.overall(truth.phq9Remission)
                } else {
                    response = diagnosis.map(truth.madrsResponse) ?? truth.overall(truth.madrsResponse)
                    remission = diagnosis.map(truth.madrsRemission) ?? truth.overall(truth.madrsRemission)
                }
                checks.append(proportion("\(scale.id) response \(name)", responses, g.count, truth: response))
                checks.append(proportion("\(scale.id) remission \(name)", remissions, g.count, truth: remission))
            }
            for window in [40, 90, 240, 1440] {
                let outcomes = t.suicidal.filter { $0.scale == scale }.compactMap { $0.outcome(windowMinutes: Double(window))?.resolved }
                checks.append(proportion("\(scale.id) suicidal item \(window) min", outcomes.filter { $0 }.count, outcomes.count,
                                         truth: truth.suicidalResolution(scale == .phq9 ? .phq9 : .madrs, windowMinutes: window)))
            }
        }
        for (tables, alsoInterruptions) in [(t, false), (strict, true)] {
            for (name, diagnosis) in groups {
                let g = tables.tolerability.filter { diagnosis == nil || $0.diagnosis == diagnosis! }
                checks.append(proportion("tolerated (also interruptions: \(alsoInterruptions)) \(name)", g.filter(\.tolerated).count, g.count,
                                         truth: truth.tolerated(alsoInterruptions: alsoInterruptions)))
            }
        }
        for strategy in TreatmentStrategy.allCases {
            checks.append(Check(name: "PHQ-9 Weibull median relapse days \(strategy.rawValue)", truth: truth.relapseMedianDays(strategy)) { level in
                let estimates = try RelapseIntervalCensored.estimates(t.relapse, scale: .phq9, level: level) { $0.strategy?.rawValue }
                guard let m = estimates.first(where: { $0.group == strategy.rawValue })?.weibullMedian else { throw CocoaError(.featureUnsupported) }
                return (m.lower, m.upper)
            })
        }
        checks.append(Check(name: "PHQ-9 Weibull hazard ratio maintenance vs as_needed", truth: truth.relapseMarginalHazardRatio) { level in
            let hr = try RelapseIntervalCensored.strategyHazardRatio(t.relapse, scale: .phq9, level: level).hazardRatio
            return (hr.lower, hr.upper)
        })
        return checks
    }

    @Test func everyPrintedEstimateCoversItsTruth() throws {
        let patients = try Self.loaded.get()
        let checks = Self.checks(patients)
        #expect(checks.count == 41)
        var missesAt95 = 0
        var report: [String] = []
        for check in checks {
            let wide = try check.interval(0.999)
            #expect(wide.lower <= check.truth && check.truth <= wide.upper, "\(check): 99.9 % interval \(wide)")
            let usual = try check.interval(0.95)
            if !(usual.lower <= check.truth && check.truth <= usual.upper) { missesAt95 += 1; report.append("\(check) \(usual)") }
        }
        print("TruthRecoveryTests: \(missesAt95) of \(checks.count) outside 95 %: \(report)")
        #expect(missesAt95 <= 6, "\(missesAt95) of \(checks.count) truths outside their 95 % intervals")
    }

    /// Relapse is counted from the analysis' time zero: the generator's latent times and the report's
    /// interval-censored estimates share it (else the medians would differ by the visit delay).
    @Test func theLeadingRelapseAnalysisIsTheIntervalCensoredOne() throws {
        let t = ClinicalDerivation.derive(try Self.loaded.get())
        #expect(RelapseIntervalCensored.spacing(t.relapse, scale: .phq9, plan: t.plan).intervalCensoredLeads)
    }
}
