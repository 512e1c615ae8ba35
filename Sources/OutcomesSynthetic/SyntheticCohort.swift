import OutcomesClinical
/// A seeded synthetic cohort of ketamine-practice patients in the project's dataset schema.
///
/// The model, per patient (all parameters in ``SyntheticCohortModel`` and `truth.json`; datasets/sample/README.md
/// describes it in full, "Model 2"):
/// 1. Diagnosis, sex, age, prior failed treatments and site are drawn; sites hold a few hundred patients each.
/// 2. Latent PHQ-9 response (by diagnosis) and remission; MADRS response and remission drawn given them, so the
///    scales agree imperfectly. Baseline PHQ-9 is 10–27 and MADRS 22–60 (correlated).
/// 3. A true strategy (maintenance or as-needed): at random, or chosen by baseline severity and remission when
///    ``SyntheticCohortModel/strategyAssignment`` is `.confounded`. Its column is blank for some patients.
/// 4. Induction: 4–8 (mostly 6) IV infusions over 12–21 days. The end-of-induction visit, 1–7 days after the
///    last infusion, shows each scale's response and remission exactly; the MADRS follows the PHQ-9 by minutes.
///    Dropout during induction is independent of response.
/// 5. Acute assessments about 40, 90 and 240 minutes after some infusions show a transient drop. After the
///    first infusion a positive suicidal item resolves by a drawn mark (40, 90, 240 minutes), per scale.
/// 6. Responders relapse after an exponential time from the last induction infusion's start (hazard by
///    strategy, severity and remission). Non-acute scores are the latent level plus noise, with transient
///    excursions while responding, so thresholds are crossed by chance. At the second consecutive relapsed
///    visit a re-induction series is decided once, with a probability by strategy.
/// 7. Responders on maintenance get an infusion every 28–42 days. Follow-up visits every 14–42 days continue
///    to one year after the first infusion; visits are missed at random and patients drop out.
/// 8. Each infusion may bring adverse events with severities; some stop treatment; 1.5 % of IV infusions are
///    interrupted for other reasons.
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
