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

    /// Among patients with PHQ-9 item 9 > 0 at baseline and acute assessments after the first infusion, the
    /// share with item 9 = 0 at the second (about 90-minute) one is within 4 sigma of the truth.
    @Test func suicidalItemResolutionShareIsNearTruth() {
        let cohort = SyntheticFixtureCohort.cohort
        let p = cohort.model.suicidalItemResolutionWithin90MinutesProbability
        var eligible = 0, resolved = 0
        for (index, patient) in cohort.patients.enumerated() {
            let observed = Self.observed[patient.id]!
            guard let first = observed.infusionStarts.first, let baseline = observed.phq9.first, baseline.time <= first, baseline.item9 > 0 else { continue }
            let acute = observed.phq9.filter { $0.time > first && $0.time - first <= 6 * 60 }
            guard acute.count == 3 else { continue }
            eligible += 1
            let isResolved = acute[1].item9 == 0
            resolved += isResolved ? 1 : 0
            #expect(isResolved == cohort.latent[index].suicidalItemResolvesWithin90Minutes, "patient \(patient.id)")
        }
        #expect(eligible > 200, "eligible \(eligible)")
        let sigma = (Double(eligible) * p * (1 - p)).squareRoot()
        #expect(abs(Double(resolved) - Double(eligible) * p) <= 4 * sigma, "resolved \(resolved) of \(eligible)")
    }

    /// Relapse shows in the scores: for each responder, non-acute follow-up PHQ-9 totals are below 10 before
    /// the latent relapse time and the first total of 10 or more comes at or after it.
    @Test func relapseShowsInFollowUpScores() {
        let cohort = SyntheticFixtureCohort.cohort
        var checked = 0
        for (index, patient) in cohort.patients.enumerated() {
            let latent = cohort.latent[index]
            guard latent.isResponder, let days = latent.firstRelapseDays,
                  let scores = Self.inductionScores(Self.observed[patient.id]!) else { continue }
            let observed = Self.observed[patient.id]!
            let relapseMinute = Double(scores.endTime) + days * 1440
            let followUps = observed.phq9.filter { assessment in
                assessment.time > scores.endTime
                    && !observed.infusionStarts.contains { assessment.time > $0 && assessment.time - $0 <= 6 * 60 }
            }
            if let firstHigh = followUps.first(where: { $0.total >= 10 }) {
                #expect(Double(firstHigh.time) >= relapseMinute - 1, "patient \(patient.id) high before relapse")
            }
            for assessment in followUps where Double(assessment.time) < relapseMinute - 1 {
                #expect(assessment.total < 10, "patient \(patient.id)")
            }
            checked += 1
        }
        #expect(checked > 600)
    }

    /// The latent relapse times recover the hazard by strategy: the exponential rate estimate n / Σt is within
    /// 4 standard errors (rate/√n) of the truth.
    @Test func latentRelapseTimesRecoverHazards() {
        let cohort = SyntheticFixtureCohort.cohort
        for strategy in TreatmentStrategy.allCases {
            let times = cohort.latent.filter { $0.trueStrategy == strategy }.compactMap(\.firstRelapseDays)
            let rate = cohort.model.relapseHazardPerDay(strategy)
            let estimate = Double(times.count) / times.reduce(0, +)
            #expect(times.count > 300)
            #expect(abs(estimate - rate) <= 4 * rate / Double(times.count).squareRoot(), "\(strategy): \(estimate) vs \(rate)")
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
