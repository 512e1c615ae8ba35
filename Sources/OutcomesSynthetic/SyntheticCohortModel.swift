import OutcomesClinical
/// The true parameters of the synthetic cohort: every probability, rate and schedule the generator draws from.
///
/// The defaults are plausible for a community ketamine practice and sit near published anchors
/// (response 45–60 % as in Murrough 2013, Phillips 2019, ELEKT-D and McInnes 2022; per-event discontinuation
/// chosen so that roughly a tenth of patients stop for an adverse event over a year, against 7 % in the
/// four-week TRANSFORM-2 trial). They are *not* estimates of any real practice, and the seed
/// guide's "85 %" and "88 % within 90 minutes" figures, for which no source was found, are deliberately not used.
/// `truth.json` records all of them so that analyses of the generated files can be checked against the truth.
public struct SyntheticCohortModel: Sendable {
    /// Target number of patients per site; the number of sites is `max(1, round(N / patientsPerSite))`.
    public var patientsPerSite = 300
    /// Sites get gamma(shape, 1) weights, so their sizes vary around the target (coefficient of variation 1/√shape).
    public var siteWeightGammaShape = 16.0
    /// First calendar day of the study (time origin of all records), as year, month, day.
    public var studyStart = (year: 2023, month: 1, day: 9)
    /// Days over which first infusions are spread.
    public var enrollmentWindowDays = 730

    /// Share of each diagnosis.
    public var diagnosisShares: [Diagnosis: Double] = [.mdd: 0.60, .bipolar: 0.15, .ptsd: 0.15, .other: 0.10]
    /// Share of each recorded sex; the remainder (`sexBlankProbability`) is left blank.
    public var sexShares: [Sex: Double] = [.female: 0.57, .male: 0.39, .other: 0.02]
    /// Probability that sex is left blank.
    public var sexBlankProbability = 0.02
    /// Age: normal with this mean and standard deviation, rounded and clamped to `ageRange`.
    public var ageMean = 42.0
    /// Standard deviation of age.
    public var ageStandardDeviation = 13.0
    /// Allowed ages.
    public var ageRange = 18...80
    /// Prior failed treatments: floor of a gamma(shape, scale) draw, capped at 15.
    public var priorTreatmentsGammaShape = 2.0
    /// Scale of that gamma draw.
    public var priorTreatmentsGammaScale = 1.5

    /// How the true strategy is assigned: at random with ``strategyShares``, or by indication (see
    /// ``confoundedMaintenanceLogit``).
    public var strategyAssignment = SyntheticStrategyAssignment.random
    /// Share of each true strategy under random assignment.
    public var strategyShares: [TreatmentStrategy: Double] = [.maintenance: 0.45, .asNeeded: 0.55]
    /// Confounded assignment: log-odds of maintenance = intercept + severe × (baseline PHQ-9 ≥
    /// ``severeBaselinePHQ9AtLeast``) + notRemitted × (not a remitter at the end of induction). Sicker and
    /// non-remitted patients are steered to maintenance, and they also relapse sooner (confounding by indication).
    public var confoundedMaintenanceLogit = (intercept: -1.0, severe: 1.2, notRemitted: 1.0)
    /// Baseline PHQ-9 total at or above which a patient counts as severe (for assignment and relapse hazard).
    public var severeBaselinePHQ9AtLeast = 20
    /// Probability that the strategy column is blank (the patient still follows a true strategy).
    public var strategyBlankProbability = 0.12

    /// Probability that a patient responds to induction, by diagnosis (latent flag).
    public var responseProbability: [Diagnosis: Double] = [.mdd: 0.60, .bipolar: 0.55, .ptsd: 0.50, .other: 0.45]
    /// Probability that a responder also remits.
    public var remissionProbabilityGivenResponse = 0.50
    /// Baseline PHQ-9 total: normal with this mean and standard deviation, rounded, clamped to 10…27.
    public var baselinePHQ9Mean = 18.0
    /// Standard deviation of the baseline PHQ-9 total.
    public var baselinePHQ9StandardDeviation = 4.0
    /// Probability that baseline PHQ-9 item 9 is above 0.
    public var baselineSuicidalItemPositiveProbability = 0.35
    /// Among patients whose suicidal item is positive before the first infusion (PHQ-9 item 9 ≥ 1; MADRS item
    /// 10 ≥ 2): cumulative probability that it is resolved (PHQ-9 item 9 = 0; MADRS item 10 ≤ 1) in every
    /// score taken up to 40, 90 and 240 minutes after the infusion's start and until one day after it. A score
    /// taken at elapsed time e shows the state of the first of these marks that is ≥ e (e ≤ 40 → the 40-minute
    /// state, 40 < e ≤ 90 → the 90-minute state, 90 < e ≤ 1440 → the 240-minute state).
    public var suicidalItemResolvedByMinutes: [Instrument: [Double]] = [.phq9: [0.25, 0.45, 0.55], .madrs: [0.30, 0.50, 0.65]]
    /// Probability that the MADRS resolution draw reuses the PHQ-9 one (the same uniform), so the scales agree
    /// often but not always; otherwise MADRS draws afresh. Each scale keeps its own marginal probabilities.
    public var suicidalItemScaleAgreement = 0.70
    /// Minutes after the infusion's start of the resolution marks (the report's windows up to one day).
    public static let suicidalItemMarkMinutes = [40, 90, 240]

    /// PHQ-9 resolution by 90 minutes (the plan's primary window).
    public var suicidalItemResolutionWithin90MinutesProbability: Double { suicidalItemResolvedByMinutes[.phq9]![1] }

    /// MADRS response at the end of induction given PHQ-9 response and given PHQ-9 non-response: the scales
    /// agree imperfectly and MADRS responds more often (SUSTAIN-3 subgroup, CNS Drugs 2023;37:715-723).
    public var madrsResponseProbability = (givenPHQ9Response: 0.92, givenPHQ9NonResponse: 0.30)
    /// MADRS remission (≤ 10) among MADRS responders, given PHQ-9 remission and given no PHQ-9 remission.
    public var madrsRemissionProbability = (givenPHQ9Remission: 0.80, otherwise: 0.20)
    /// Minutes after a visit's PHQ-9 at which the clinician's MADRS is taken.
    public var madrsDelayMinutes = 10...45

    /// Follow-up measurement model. While responding, a score is the patient's level (the end-of-induction
    /// total, capped at these values) plus normal noise, and with ``transientExcursionProbability`` a
    /// transient "bad week" adds points; nothing is clamped below the relapse threshold.
    public var respondingLevelCap: [Instrument: Double] = [.phq9: 7, .madrs: 17]
    /// Standard deviation of the measurement noise around the latent level, while responding and after relapse.
    public var measurementNoiseSD: [Instrument: Double] = [.phq9: 1.0, .madrs: 2.0]
    /// Probability that a PHQ-9 taken while responding carries a transient excursion.
    public var transientExcursionProbability = 0.06
    /// Probability of a MADRS excursion at the same visit given a PHQ-9 excursion, and without one.
    public var madrsExcursionProbability = (givenPHQ9Excursion: 0.50, otherwise: 0.03)
    /// Points a transient excursion adds.
    public var transientExcursionPoints: [Instrument: ClosedRange<Int>] = [.phq9: 4...8, .madrs: 8...16]
    /// After relapse, the latent level is at least this (else baseline × uniform(0.65, 1)).
    public var relapsedLevelFloor: [Instrument: Double] = [.phq9: 13, .madrs: 28]

    /// Median days from the last induction infusion's start to relapse for a reference responder (not severe,
    /// not remitted), by true strategy: exponential with hazard ln 2 / median, times the multipliers below.
    public var medianRelapseDays: [TreatmentStrategy: Double] = [.maintenance: 150, .asNeeded: 60]
    /// Relapse hazard multiplier for a severe baseline (PHQ-9 ≥ ``severeBaselinePHQ9AtLeast``).
    public var relapseHazardMultiplierSevere = 1.3
    /// Relapse hazard multiplier for a remitter.
    public var relapseHazardMultiplierRemitter = 0.75
    /// Probability of a re-induction series after a confirmed relapse (second consecutive relapsed follow-up
    /// visit), by true strategy; drawn once per episode. A re-induction without response starts a new episode.
    public var reinductionProbability: [TreatmentStrategy: Double] = [.maintenance: 0.50, .asNeeded: 0.70]
    /// Probability that a re-induction series restores response.
    public var reinductionResponseProbability = 0.65
    /// Most re-induction series per patient.
    public var maximumReinductions = 3

    /// Number of induction infusions and their shares.
    public var inductionInfusionCountShares: [(count: Int, share: Double)] =
        [(4, 0.05), (5, 0.10), (6, 0.70), (7, 0.08), (8, 0.07)]
    /// Days from first to last induction infusion.
    public var inductionSpanDays = 12...21
    /// Number of infusions in a re-induction series.
    public var reinductionInfusionCount = 4...6
    /// Days from first to last infusion of a re-induction series.
    public var reinductionSpanDays = 10...18
    /// Days from the last induction infusion to the end-of-induction visit.
    public var endOfInductionVisitDelayDays = 1...7
    /// Days between follow-up visits.
    public var followUpIntervalDays = 14...42
    /// Days between maintenance infusions.
    public var maintenanceIntervalDays = 28...42
    /// Days of follow-up after the first infusion.
    public var followUpDays = 365
    /// Days from confirmed relapse to the first re-induction infusion.
    public var reinductionDelayDays = 2...10

    /// Nominal minutes after infusion start of the acute assessments (0–4 minutes are added; an assessment
    /// nominally before the end of a longer infusion is taken at its end plus five minutes per earlier slot).
    public var acuteAssessmentMinutes = [40, 90, 240]
    /// Probability of acute assessments after the first infusion.
    public var acuteAssessmentProbabilityFirstInfusion = 0.50
    /// Probability of acute assessments after any later infusion.
    public var acuteAssessmentProbabilityLaterInfusion = 0.15
    /// Probability of a pre-infusion PHQ-9 before an infusion other than the first (the first always has one).
    public var preInfusionPHQ9Probability = 0.60
    /// Probability of a pre-infusion MADRS before an infusion other than the first.
    public var preInfusionMADRSProbability = 0.40
    /// Probability of a MADRS at the end-of-induction visit.
    public var endOfInductionMADRSProbability = 0.90
    /// Probability of a MADRS at a follow-up visit (a PHQ-9 is always taken).
    public var followUpMADRSProbability = 0.60
    /// Probability that the end-of-induction visit is missed (independent of everything else).
    public var endOfInductionVisitMissedProbability = 0.05
    /// Probability that a follow-up visit is missed.
    public var followUpVisitMissedProbability = 0.10

    /// Probability of dropping out after each induction infusion (independent of response).
    public var dropoutProbabilityPerInductionInfusion = 0.02
    /// Probability of dropping out after a follow-up visit while responding.
    public var dropoutProbabilityPerVisitResponding = 0.015
    /// Probability of dropping out after a follow-up visit while not responding or relapsed.
    public var dropoutProbabilityPerVisitNotResponding = 0.05

    /// Probability per infusion of each adverse-event term.
    public var adverseEventProbability: [SyntheticAdverseEventTerm: Double] =
        [.nausea: 0.12, .dizziness: 0.10, .dissociation: 0.25, .elevatedBloodPressure: 0.08, .headache: 0.07]
    /// Share of each severity.
    public var severityShares: [Severity: Double] = [.mild: 0.72, .moderate: 0.23, .severe: 0.05]
    /// Probability that an event is serious, by severity.
    public var seriousProbability: [Severity: Double] = [.mild: 0, .moderate: 0.005, .severe: 0.25]
    /// Probability that an event stops treatment, by severity. A discontinuation during induction ends
    /// the patient's records; later ones end infusions but not follow-up visits.
    public var discontinuationProbability: [Severity: Double] = [.mild: 0, .moderate: 0.02, .severe: 0.30]
    /// Probability that an infusion is stopped early for another reason (for example lost IV access).
    public var infusionInterruptedProbability = 0.015

    /// Probability that an infusion's phase is left blank.
    public var phaseBlankProbability = 0.08
    /// Probability that an assessment's total is left blank (its items are always present).
    public var totalBlankProbability = 0.03

    /// IV doses in hundredths of mg/kg and their shares.
    public var intravenousDoseShares: [(hundredths: Int, share: Double)] =
        [(50, 0.78), (40, 0.05), (60, 0.05), (75, 0.08), (100, 0.04)]
    /// IV durations in minutes and their shares.
    public var intravenousDurationShares: [(minutes: Int, share: Double)] =
        [(40, 0.75), (45, 0.08), (50, 0.05), (60, 0.05), (100, 0.07)]
    /// Each patient draws a usual IV dose and duration from the shares above; this is the probability that one
    /// session's dose (and, separately, its duration) is drawn afresh instead.
    public var intravenousSessionDeviationProbability = 0.10
    /// Shares of non-IV routes among maintenance sessions (the rest are IV).
    public var maintenanceRouteShares: [Route: Double] = [.intramuscular: 0.04, .intranasal: 0.02, .oral: 0.02]

    /// The default model.
    public init() {}

    /// Relapse hazard per day for a strategy and the reference responder: ln 2 divided by the median.
    public func relapseHazardPerDay(_ strategy: TreatmentStrategy) -> Double {
        PortableMath.ln2 / medianRelapseDays[strategy, default: 1]
    }

    /// Relapse hazard per day for one responder.
    public func relapseHazardPerDay(_ strategy: TreatmentStrategy, severe: Bool, remitter: Bool) -> Double {
        relapseHazardPerDay(strategy) * (severe ? relapseHazardMultiplierSevere : 1) * (remitter ? relapseHazardMultiplierRemitter : 1)
    }

    /// Probability of maintenance under confounded assignment.
    public func confoundedMaintenanceProbability(severe: Bool, remitter: Bool) -> Double {
        let c = confoundedMaintenanceLogit
        let logit = c.intercept + (severe ? c.severe : 0) + (remitter ? 0 : c.notRemitted)
        return 1 / (1 + PortableMath.exp(-logit))
    }

    /// Probability that one adverse event leads to discontinuation, averaged over severities.
    public var discontinuationProbabilityPerEvent: Double {
        Severity.allCases.reduce(0) { $0 + severityShares[$1, default: 0] * discontinuationProbability[$1, default: 0] }
    }

}

/// How `outcomes generate` assigns the continuation strategy (`--strategy-assignment`).
public enum SyntheticStrategyAssignment: String, Sendable, CaseIterable {
    /// Drawn with fixed shares, independent of everything else: strategy comparisons are unconfounded.
    case random
    /// Chosen by baseline severity and remission (confounding by indication).
    case confounded
}
