import Foundation
/// Every threshold, window and rule the clinical layer uses, in one value.
///
/// Defaults are published conventions; `PlanSettings.all` names the source of each one, and
/// `AnalysisPlan.defaultYAML()` prints them with that source beside every line. Reports print the
/// plan they used, so a reader never has to guess a definition.
public struct AnalysisPlan: Equatable, Sendable {
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
    /// (0 keeps in-session scores; 24 skips the acute, dissociative hours after an infusion).
    public var endOfSeriesMinimumHours = 0.0

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

    // Claims
    /// A claim with fewer patients than this gets "insufficient data".
    public var claimsMinimumN = 10
    /// Confidence level for claim verdicts.
    public var claimsLevel = 0.95
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
