import OutcomesClinical
/// A seeded synthetic cohort of ketamine-practice patients in the project's dataset schema.
///
/// The model, per patient (all parameters in ``SyntheticCohortModel`` and `truth.json`):
/// 1. Diagnosis, sex, age, prior failed treatments and site are drawn; sites hold a few hundred patients each.
///    A true strategy (maintenance or as-needed) is drawn; its column is blank for some patients.
/// 2. A latent responder flag is drawn with probability by diagnosis, and responders remit with a fixed
///    probability. Baseline PHQ-9 is 10–27 and MADRS 22–60 (correlated).
/// 3. Induction: 4–8 (mostly 6) IV infusions over 12–21 days (0.5 mg/kg over 40 minutes typical, some
///    longer). Scores before each infusion move linearly from baseline toward the end-of-induction totals.
///    The end-of-induction visit, 1–7 days after the last infusion, shows response exactly as drawn: a
///    responder's PHQ-9 is ≤ half of baseline and < 10 (< 5 when remitting), MADRS ≤ half and ≤ 21
///    (≤ 10 when remitting); a non-responder's totals are above half of baseline. Dropout during induction
///    (per infusion, and adverse events) is independent of the responder flag, so the response share among
///    patients with an end-of-induction visit estimates the response probability.
/// 4. Acute assessments about 40, 90 and 240 minutes after some infusions show a transient drop. Patients whose
///    baseline PHQ-9 item 9 is above 0 were drawn to have it reach 0 (MADRS item 10 ≤ 1) by 90 minutes after
///    the first infusion, or not.
/// 5. Responders relapse after an exponential time (hazard ln 2 / median, by true strategy) counted from the
///    end-of-induction visit. Before relapse every follow-up PHQ-9 is < 10 and MADRS < 22; from relapse on
///    they are ≥ 10 and ≥ 22, so relapse shows as two consecutive high follow-ups. At that second high visit a
///    re-induction series is decided once, with a probability by strategy; it restores response with a fixed
///    probability and restarts the relapse clock (a series without response starts a new episode).
/// 6. Responders on maintenance get an infusion every 28–42 days (a few IM, IN or oral). Follow-up visits
///    every 14–42 days continue to one year after the first infusion; visits are missed at random and patients
///    drop out with a per-visit probability that is higher when not responding.
/// 7. Each infusion may bring adverse events (nausea, dizziness, dissociation, elevated blood pressure,
///    headache) with severities; a few are serious and some stop treatment.
/// Some infusion phases and assessment totals are left blank; items are always present and sum to the total.
///
/// Every draw comes from ``Xoshiro256StarStar`` streams, one per patient, derived from the seed, so the
/// same seed gives the same bytes on any machine.
public struct SyntheticCohort: Sendable {
    /// The seed the cohort was generated from.
    public let seed: UInt64
    /// The model whose parameters were used.
    public let model: SyntheticCohortModel
    /// Patients in identifier order.
    public let patients: [SyntheticPatient]
    /// Hidden state per patient, parallel to ``patients``.
    public let latent: [SyntheticLatentState]
    /// Infusions, grouped by patient in patient order and sorted by start within each patient.
    public let infusions: [SyntheticInfusion]
    /// Assessments, grouped by patient and sorted by time (PHQ-9 before MADRS at equal times).
    public let assessments: [SyntheticAssessment]
    /// Adverse events, grouped by patient and sorted by onset.
    public let adverseEvents: [SyntheticAdverseEvent]
    /// Site identifiers, in order.
    public let sites: [String]

    /// Day number (since 1970-01-01) of the study origin, minute 0 of every record time.
    public var originDay: Int {
        SyntheticClock.daysSinceEpoch(year: model.studyStart.year, month: model.studyStart.month, day: model.studyStart.day)
    }

    /// Generates a cohort of `patients` patients from `seed`.
    ///
    /// Patient *k* draws from its own stream seeded from the seed and *k*, so a patient's record does not
    /// depend on how many draws another patient needed.
    public static func generate(patients count: Int, seed: UInt64, model: SyntheticCohortModel = SyntheticCohortModel()) -> SyntheticCohort {
        precondition(count >= 0, "SyntheticCohort.generate needs a non-negative patient count")
        var master = SplitMix64(seed: seed)
        let patientSeedBase = master.nextWord()
        var siteStream = Xoshiro256StarStar(seed: master.nextWord())
        let siteCount = max(1, Int((Double(count) / Double(model.patientsPerSite)).rounded()))
        let siteWidth = max(2, String(siteCount).count)
        let sites = (1...siteCount).map { "site-" + syntheticZeroPadded($0, width: siteWidth) }
        let siteWeights = (0..<siteCount).map { _ in siteStream.gamma(shape: model.siteWeightGammaShape, scale: 1) }
        let idWidth = max(5, String(count).count)

        var patients: [SyntheticPatient] = []
        var latent: [SyntheticLatentState] = []
        var infusions: [SyntheticInfusion] = []
        var assessments: [SyntheticAssessment] = []
        var adverseEvents: [SyntheticAdverseEvent] = []
        patients.reserveCapacity(count)
        latent.reserveCapacity(count)
        assessments.reserveCapacity(count * 60)
        infusions.reserveCapacity(count * 12)
        for index in 0..<count {
            let patientSeed = patientSeedBase &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03
            var simulation = PatientSimulation(model: model, patientIndex: index, seed: patientSeed)
            let (patient, state) = simulation.run(siteWeights: siteWeights, siteNames: sites, idWidth: idWidth)
            patients.append(patient)
            latent.append(state)
            infusions.append(contentsOf: simulation.infusions)
            assessments.append(contentsOf: simulation.assessments)
            adverseEvents.append(contentsOf: simulation.adverseEvents)
        }
        return SyntheticCohort(
            seed: seed, model: model, patients: patients, latent: latent, infusions: infusions,
            assessments: assessments, adverseEvents: adverseEvents, sites: sites)
    }
}
