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

    /// Share of each true strategy.
    public var strategyShares: [TreatmentStrategy: Double] = [.maintenance: 0.45, .asNeeded: 0.55]
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
    /// Among patients with baseline item 9 > 0 and a 90-minute assessment after the first infusion: probability
    /// that item 9 is 0 there (and MADRS item 10 ≤ 1).
    public var suicidalItemResolutionWithin90MinutesProbability = 0.45

    /// Median days from the end-of-induction visit to relapse among responders, by true strategy
    /// (exponential, hazard = ln 2 / median).
    public var medianRelapseDays: [TreatmentStrategy: Double] = [.maintenance: 150, .asNeeded: 60]
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

    /// Relapse hazard per day for a strategy: ln 2 divided by the median.
    public func relapseHazardPerDay(_ strategy: TreatmentStrategy) -> Double {
        PortableMath.ln2 / medianRelapseDays[strategy, default: 1]
    }

    /// Probability that one adverse event leads to discontinuation, averaged over severities.
    public var discontinuationProbabilityPerEvent: Double {
        Severity.allCases.reduce(0) { $0 + severityShares[$1, default: 0] * discontinuationProbability[$1, default: 0] }
    }

}
