import Foundation
/// Every threshold, window and rule the clinical layer uses, in one value.
///
/// Defaults are published conventions; `PlanSettings.all` names the source of each one, and
/// `AnalysisPlan.defaultYAML()` prints them with that source beside every line. Reports print the
/// plan they used, so a reader never has to guess a definition.
public struct AnalysisPlan: Equatable, Sendable {
    // Analysis
    /// Confidence level of every interval the report, the claims, the figures and the derived tables print.
    /// A method that needs another level says so where its interval is printed (TOST uses 1 − 2α).
    public var confidenceLevel = 0.95

    // Scales
    /// How many PHQ-9 items (never item 9) may be missing and prorated; 0 means no proration.
    public var phq9MaxProratedItems = 0
    /// How many MADRS items (never item 10) may be missing and prorated; 0 means no proration.
    public var madrsMaxProratedItems = 0

    // Endpoints
    /// Response: at least this percent reduction from baseline.
    public var responsePercentReduction = 50.0
    /// Partial response: at least this percent reduction (and below the response cut-off).
    public var partialResponsePercentReduction = 25.0
    /// PHQ-9 remission: total strictly below this value.
    public var phq9RemissionBelow = 5
    /// MADRS remission: total at or below this value.
    public var madrsRemissionAtMost = 10

    // Windows
    /// Baseline: the last score at or before the series' first infusion, at most this many days before it.
    public var baselineWindowDays = 14.0
    /// End of series: the first score from the last infusion up to this many days after it.
    public var endOfSeriesWindowDays = 7.0
    /// End of series: scores earlier than this many hours after the last infusion's start are skipped
    /// (24, the default, skips the acute, dissociative hours after an infusion; 0 keeps in-session scores).
    public var endOfSeriesMinimumHours = 24.0

    // Series
    /// Derived induction: a run of at least this many infusions...
    public var inductionMinInfusions = 3
    /// ...with gaps of at most this many days between consecutive infusions.
    public var inductionMaxGapDays = 10.0

    // Suicidal item
    /// PHQ-9 item 9 counts as positive at or above this value.
    public var phq9SuicidalPositiveAtLeast = 1
    /// PHQ-9 item 9 counts as resolved at or below this value.
    public var phq9SuicidalResolvedAtMost = 0
    /// MADRS item 10 counts as positive at or above this value.
    public var madrsSuicidalPositiveAtLeast = 2
    /// MADRS item 10 counts as resolved at or below this value.
    public var madrsSuicidalResolvedAtMost = 1
    /// Primary window after an infusion's start for resolution, in minutes.
    public var suicidalWindowMinutes = 90.0
    /// Further windows reported alongside the primary one, in minutes.
    public var suicidalReportWindowsMinutes: [Double] = [40, 90, 240, 1440]

    // Relapse
    /// PHQ-9 relapse threshold: a score at or above this value.
    public var phq9RelapseAtLeast = 10
    /// MADRS relapse threshold: a score at or above this value.
    public var madrsRelapseAtLeast = 22
    /// Number of consecutive qualifying assessments that make a relapse.
    public var relapseConsecutive = 2
    /// Minimum days between the first and last of the consecutive qualifying assessments.
    public var relapseMinDaysApart = 5.0
    /// Maximum days between consecutive qualifying assessments.
    public var relapseMaxDaysApart = 15.0
    /// Whether the start of a re-induction series counts as a relapse.
    public var reinductionIsRelapse = true
    /// Days after each maintenance infusion during which a patient counts as exposed to maintenance.
    public var maintenanceExposureDays = 42.0
    /// Which relapse analysis leads: `auto` (the interval-censored one when the median gap between
    /// consecutive follow-up scores exceeds `relapseMaxDaysApart`), `event_time` or `interval_censored`.
    public var relapsePrimaryAnalysis = "auto"

    // Tolerability
    /// Whether an induction infusion interrupted for a reason other than an adverse event (not completed, no
    /// discontinuation for an adverse event) also makes the series "not tolerated". Default false: tolerability
    /// is no discontinuation for an adverse event, as trials report it; other interruptions are counted apart.
    public var tolerabilityCountsOtherInterruptions = false

    // Sensitivity: the alternative definitions every verdict is re-checked under (ClaimSensitivity).
    /// End-of-series minimum delays, in hours, tried for response, partial response and remission claims.
    public var sensitivityEndOfSeriesHours: [Double] = [0, 24]
    /// Relapse confirmation windows, in days, tried for relapse claims.
    public var sensitivityRelapseMaxDaysApart: [Double] = [15, 30, 60]
    /// Relapse claims also on a single score at or above the threshold.
    public var sensitivityRelapseSingleScore = true
    /// Relapse claims also with re-induction counted the other way.
    public var sensitivityRelapseReinductionEitherWay = true
    /// Relapse claims also interval-censored (Weibull on the interval form).
    public var sensitivityRelapseIntervalCensored = true
    /// Tolerability claims also under the other definition.
    public var sensitivityTolerabilityEitherDefinition = true
    /// Response, partial response and remission claims also by intention to treat.
    public var sensitivityIntentionToTreat = true

    // Strategy comparison (target-trial emulation, outcomes compare-strategies)
    /// Scale of eligibility, relapse and baseline severity.
    public var strategyScale = "PHQ-9"
    /// Days after time zero in which the recorded strategy must show; also the landmark.
    public var strategyGracePeriodDays = 42.0
    /// Covariates of the propensity model (``StrategyCovariate`` raw values).
    public var strategyCovariates: [String] = StrategyCovariate.defaults.map(\.rawValue)
    /// `ate` or `att`.
    public var strategyEstimand = "ate"
    /// Truncate weights above this percentile; 0 = none.
    public var strategyTruncatePercentile = 0.0
    /// Weighted |SMD| above this warns.
    public var strategyMaxSMD = 0.1
    /// Effective sample size below this in a group warns.
    public var strategyMinESS = 30.0
    /// Bootstrap replicates for the RMST and relapse-free differences.
    public var strategyBootstrapReplicates = 200
    /// Bootstrap seed.
    public var strategyBootstrapSeed = 4131

    // Claims
    /// A claim with fewer patients than this gets "insufficient data".
    public var claimsMinimumN = 10
    /// Interval method for verdicts: `exact` (Clopper–Pearson with the exact binomial test) or `wilson`.
    public var claimsIntervalMethod = "exact"
    /// Margin, in proportion points, for "similar rates" equivalence claims.
    public var equivalenceMargin = 0.10
    /// `time.assume_zone`: IANA zone of times written without a UTC offset, or "none" (see TimeZoneRules).
    public var timeAssumeZone = "none"
    /// The zone named by `time.assume_zone`, or nil for "none".
    public var assumedTimeZone: TimeZone? { timeAssumeZone == "none" ? nil : PlanTimeZone.zone(named: timeAssumeZone) }

    /// The plan of published defaults.
    public init() {}
}
