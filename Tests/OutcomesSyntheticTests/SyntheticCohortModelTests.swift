import Foundation
import Testing
@testable import OutcomesSynthetic
import OutcomesClinical

/// Checks that the truth is recoverable from the files: quantities are derived from the CSV text (as an
/// analysis would) and compared with the parameters in the model and with each patient's latent state.
@Suite("Synthetic cohort: truth is recoverable")
struct SyntheticCohortModelTests {
    /// Per patient, parsed from the files.
    struct ObservedPatient {
        var diagnosis = ""
        var infusionStarts: [Int] = []
        var inductionLike: [Bool] = []  // phase induction or blank
        var phq9: [(time: Int, total: Int, item9: Int)] = []
    }

    static let observed: [String: ObservedPatient] = {
        let files = SyntheticFixtureCohort.files
        var result = [String: ObservedPatient]()
        for (_, fields) in SyntheticCSVTable(files["patients.csv"]!).rows { result[fields[0]] = ObservedPatient(diagnosis: fields[1]) }
        for (_, fields) in SyntheticCSVTable(files["infusions.csv"]!).rows {
            result[fields[0]]!.infusionStarts.append(syntheticParseTimestamp(fields[1])!)
            result[fields[0]]!.inductionLike.append(fields[5] == "induction" || fields[5].isEmpty)
        }
        for (_, fields) in SyntheticCSVTable(files["assessments.csv"]!).rows where fields[2] == "PHQ-9" {
            let total = (4...12).reduce(0) { $0 + Int(fields[$1])! }
            result[fields[0]]!.phq9.append((syntheticParseTimestamp(fields[1])!, total, Int(fields[12])!))
        }
        return result
    }()

    /// Baseline (first PHQ-9, before the first infusion) and end-of-induction PHQ-9 (first one 12 hours to
    /// 10 days after the last induction-or-blank infusion within 28 days of the first), when both exist.
    static func inductionScores(_ patient: ObservedPatient) -> (baseline: Int, end: Int, endTime: Int)? {
        guard let first = patient.infusionStarts.first, let baseline = patient.phq9.first, baseline.time <= first else { return nil }
        let series = zip(patient.infusionStarts, patient.inductionLike).filter { $0.0 - first <= 28 * 1440 && $0.1 }.map(\.0)
        let last = series.last!
        guard let end = patient.phq9.first(where: { $0.time - last >= 12 * 60 && $0.time - last <= 10 * 1440 }) else { return nil }
        return (baseline.total, end.total, end.time)
    }

    /// The observed response share is within a binomial 4-sigma band of the truth, and every observed
    /// response and remission (end-of-induction PHQ-9 < 5) matches the patient's latent flags.
    @Test func observedResponseShareIsNearTruth() {
        let cohort = SyntheticFixtureCohort.cohort
        let probability = cohort.model.responseProbability
        var evaluable = 0, responders = 0
        var expected = 0.0, variance = 0.0
        for (index, patient) in cohort.patients.enumerated() {
            guard let scores = Self.inductionScores(Self.observed[patient.id]!) else { continue }
            let responded = 2 * scores.end <= scores.baseline
            #expect(responded == cohort.latent[index].isResponder, "patient \(patient.id)")
            #expect((scores.end < 5) == cohort.latent[index].isRemitter, "remission of patient \(patient.id)")
            let p = probability[patient.diagnosis]!
            evaluable += 1
            responders += responded ? 1 : 0
            expected += p
            variance += p * (1 - p)
        }
        #expect(evaluable > 1400, "evaluable \(evaluable) of 2000")
        #expect(abs(Double(responders) - expected) <= 4 * variance.squareRoot(),
                "observed \(responders) responders of \(evaluable), expected \(expected) ± \(4 * variance.squareRoot())")
    }

    /// Suicidal item after the first infusion, per scale: every score up to a day after the start shows the
    /// drawn resolution state of the mark its elapsed time reaches (≤ 40, ≤ 90, else 240 minutes), and the
    /// share resolved at the latest score within 90 minutes is within 4 binomial sigma of the truth
    /// (false failure about 1 in 16 000 per scale).
    @Test func suicidalItemResolutionFollowsTheDrawnMarks() {
        let cohort = SyntheticFixtureCohort.cohort
        var firstStart: [Int: Int] = [:]
        for infusion in cohort.infusions where firstStart[infusion.patientIndex] == nil { firstStart[infusion.patientIndex] = infusion.startMinute }
        for instrument in Instrument.allCases {
            let positive = instrument == .phq9 ? 1 : 2
            var latestWithin90: [Int: (minute: Int, resolved: Bool)] = [:]
            var checked = 0
            for assessment in cohort.assessments where assessment.instrument == instrument {
                guard let mark = cohort.latent[assessment.patientIndex].suicidalItemResolvedMark[instrument],
                      let first = firstStart[assessment.patientIndex] else { continue }
                let elapsed = assessment.minute - first
                guard elapsed > 0 && elapsed <= 1440 else { continue }
                let reached = elapsed <= 40 ? 0 : (elapsed <= 90 ? 1 : 2)
                let resolved = Int(assessment.items[instrument.suicidalItemIndex]) < positive
                #expect(resolved == (mark <= reached), "\(instrument) patient \(assessment.patientIndex) at \(elapsed) min")
                checked += 1
                if elapsed <= 90 { latestWithin90[assessment.patientIndex] = (assessment.minute, resolved) }
            }
            let p = cohort.model.suicidalItemResolvedByMinutes[instrument]![1]
            let n = latestWithin90.count
            let resolved = latestWithin90.values.filter(\.resolved).count
            #expect(n > 200 && checked > n, "\(instrument): \(n) assessed within 90 minutes")
            #expect(abs(Double(resolved) - Double(n) * p) <= 4 * (Double(n) * p * (1 - p)).squareRoot(), "\(instrument): \(resolved) of \(n) vs \(p)")
        }
    }

    /// Relapse shows in the follow-up scores with measurement noise: among responders' non-acute PHQ-9
    /// totals before the latent relapse, a few (transient excursions and noise) reach 10 — the model's rate
    /// is about 5 % — and after it nearly all do. Bands are wide (1–12 % and ≥ 95 %) so the test fails only
    /// when the measurement model changes, not by chance (each share rests on thousands of scores).
    @Test func relapseShowsInFollowUpScoresWithTransientExcursions() {
        let cohort = SyntheticFixtureCohort.cohort
        var before = 0, highBefore = 0, after = 0, highAfter = 0
        for (index, patient) in cohort.patients.enumerated() {
            let latent = cohort.latent[index]
            guard latent.isResponder, let days = latent.firstRelapseDays,
                  let scores = Self.inductionScores(Self.observed[patient.id]!) else { continue }
            let observed = Self.observed[patient.id]!
            let lastInduction = observed.infusionStarts.filter { $0 < scores.endTime }.last!
            let relapseMinute = Double(lastInduction) + days * 1440
            // Before the first re-induction: later episodes restart the clock.
            let firstLater = observed.infusionStarts.first { $0 > scores.endTime } ?? Int.max
            for assessment in observed.phq9 where assessment.time > scores.endTime
                && !observed.infusionStarts.contains(where: { assessment.time > $0 && assessment.time - $0 <= 6 * 60 }) {
                if Double(assessment.time) < relapseMinute - 1 {
                    before += 1
                    highBefore += assessment.total >= 10 ? 1 : 0
                } else if latent.trueStrategy == .asNeeded && assessment.time < firstLater {
                    after += 1
                    highAfter += assessment.total >= 10 ? 1 : 0
                }
            }
        }
        let shareBefore = Double(highBefore) / Double(before)
        let shareAfter = Double(highAfter) / Double(after)
        #expect(before > 2000 && after > 500, "\(before) scores before relapse, \(after) after")
        #expect(shareBefore > 0.01 && shareBefore < 0.12, "share >= 10 before relapse \(shareBefore)")
        #expect(shareAfter >= 0.95, "share >= 10 after relapse \(shareAfter)")
    }

    /// The latent relapse times recover the hazards: each responder's time times its kind's multipliers is
    /// exponential with the reference hazard of its strategy; the rate estimate n / Σ(c·t) is within 4
    /// standard errors (rate/√n) of the truth (false failure about 1 in 16 000 per strategy).
    @Test func latentRelapseTimesRecoverHazards() {
        let model = SyntheticFixtureCohort.cohort.model
        for strategy in TreatmentStrategy.allCases {
            let scaled = SyntheticFixtureCohort.cohort.latent.filter { $0.trueStrategy == strategy }.compactMap { latent in
                latent.firstRelapseDays.map {
                    $0 * model.relapseHazardPerDay(strategy, severe: latent.isSevere, remitter: latent.isRemitter) / model.relapseHazardPerDay(strategy)
                }
            }
            let rate = model.relapseHazardPerDay(strategy)
            let estimate = Double(scaled.count) / scaled.reduce(0, +)
            #expect(scaled.count > 300)
            #expect(abs(estimate - rate) <= 4 * rate / Double(scaled.count).squareRoot(), "\(strategy): \(estimate) vs \(rate)")
        }
    }

    /// Recorded strategy equals the true one whenever it is not blank, and maintenance infusions occur only for
    /// patients whose true strategy is maintenance.
    @Test func strategyColumnMatchesBehaviour() {
        let cohort = SyntheticFixtureCohort.cohort
        for (index, patient) in cohort.patients.enumerated() where patient.strategy != nil {
            #expect(patient.strategy == cohort.latent[index].trueStrategy)
        }
        for infusion in cohort.infusions where infusion.phase == .maintenance {
            #expect(cohort.latent[infusion.patientIndex].trueStrategy == .maintenance)
        }
    }
}
