import OutcomesText
/// The type and allowed values of one plan setting.
public enum PlanSettingKind: Sendable {
    case integer(ClosedRange<Int>)
    case number(ClosedRange<Double>)
    case numbers(ClosedRange<Double>)
    case flag
    case choice([String])
    /// A list of distinct words, each one of these.
    case choices([String])
    /// An IANA time-zone name, or `none`.
    case timeZone

    /// What the YAML must hold, in words, for error messages.
    public var allowed: String {
        switch self {
        case .integer(let r): return "an integer from \(r.lowerBound) to \(r.upperBound)"
        case .number(let r): return "a number from \(PlanNumber.format(r.lowerBound)) to \(PlanNumber.format(r.upperBound))"
        case .numbers(let r): return "a list of numbers from \(PlanNumber.format(r.lowerBound)) to \(PlanNumber.format(r.upperBound))"
        case .flag: return "true or false"
        case .choice(let c): return "one of " + c.joined(separator: ", ")
        case .choices(let c): return "a list of distinct values from " + c.joined(separator: ", ")
        case .timeZone: return "an IANA time zone such as America/New_York, or none"
        }
    }
}

/// One setting of the analysis plan: where it lives in the YAML, what it may hold, and where its default comes from.
public struct PlanSetting: Sendable {
    /// Top-level section, e.g. `relapse`.
    public let section: String
    /// Key within the section, e.g. `phq9_at_least`.
    public let key: String
    /// Type and allowed values.
    public let kind: PlanSettingKind
    /// What the setting means and the source of its default.
    public let source: String
    let access: PlanAccess

    /// `section.key`.
    public var path: String { "\(section).\(key)" }
}

enum PlanAccess: @unchecked Sendable {
    // Key paths into a value type are immutable descriptions; sharing them across threads is safe.
    case integer(WritableKeyPath<AnalysisPlan, Int>)
    case number(WritableKeyPath<AnalysisPlan, Double>)
    case numbers(WritableKeyPath<AnalysisPlan, [Double]>)
    case flag(WritableKeyPath<AnalysisPlan, Bool>)
    case text(WritableKeyPath<AnalysisPlan, String>)
    case texts(WritableKeyPath<AnalysisPlan, [String]>)
}

/// The table of every plan setting, in the order the default plan prints them.
public enum PlanSettings {
    /// All settings.
    public static let all: [PlanSetting] = [
        .init(section: "analysis", key: "confidence_level", kind: .number(0.5...0.9999),
              source: "level of every interval in the report, claims, figures and tables (0.95 by convention); TOST equivalence uses 1 - 2 x (1 - level) and says so",
              access: .number(\.confidenceLevel)),
        .init(section: "scales", key: "phq9_max_prorated_items", kind: .integer(0...2),
              source: "missing PHQ-9 items prorated (never item 9); 0 = no proration. No rule from the instrument's authors (Kroenke 2001); proration is a local convention",
              access: .integer(\.phq9MaxProratedItems)),
        .init(section: "scales", key: "madrs_max_prorated_items", kind: .integer(0...2),
              source: "missing MADRS items prorated (never item 10); 0 = no proration (Montgomery & Asberg 1979 give no rule)",
              access: .integer(\.madrsMaxProratedItems)),
        .init(section: "response", key: "percent_reduction", kind: .number(1...100),
              source: "response = reduction from baseline of at least this percent; 50 is the convention for PHQ-9 and MADRS (clinical-facts: PHQ-9, MADRS). Reported among patients with an end-of-series score and by intention to treat (everyone who started the series; no endpoint = not responding, as CMS159 keeps patients without a follow-up score in the denominator)",
              access: .number(\.responsePercentReduction)),
        .init(section: "response", key: "partial_percent_reduction", kind: .number(1...100),
              source: "partial response = reduction of at least this percent but below response (25-49 %)",
              access: .number(\.partialResponsePercentReduction)),
        .init(section: "remission", key: "phq9_below", kind: .integer(1...27),
              source: "PHQ-9 remission = total below this; < 5 as in CMS159 / NQF 0710",
              access: .integer(\.phq9RemissionBelow)),
        .init(section: "remission", key: "madrs_at_most", kind: .integer(0...60),
              source: "MADRS remission = total at or below this; 10 as in KetECT (Ekstrand 2022); 12 in the esketamine programme",
              access: .integer(\.madrsRemissionAtMost)),
        .init(section: "windows", key: "baseline_days_before", kind: .number(0...365),
              source: "baseline = last score at or before the series' first infusion, at most this many days before",
              access: .number(\.baselineWindowDays)),
        .init(section: "windows", key: "end_of_series_days_after", kind: .number(0...365),
              source: "end of series = first score from the last infusion of the series up to this many days after it",
              access: .number(\.endOfSeriesWindowDays)),
        .init(section: "windows", key: "end_of_series_min_hours_after", kind: .number(0...168),
              source: "... skipping scores earlier than this many hours after that infusion's start. 24 (default, a local choice fitted to practice data): in-session scores 40-240 minutes after the start show the infusion's acute, transient effect, not the series' outcome; on practice data a quarter of end-of-series scores were taken under 6 hours after the last infusion started (issue 12). 0 keeps in-session scores",
              access: .number(\.endOfSeriesMinimumHours)),
        .init(section: "series", key: "induction_min_infusions", kind: .integer(2...50),
              source: "derived induction = a run of at least this many infusions (Murrough 2013 and Phillips 2019 used six over about two weeks)",
              access: .integer(\.inductionMinInfusions)),
        .init(section: "series", key: "induction_max_gap_days", kind: .number(1...60),
              source: "... with at most this many days between consecutive infusions of the run",
              access: .number(\.inductionMaxGapDays)),
        .init(section: "suicidal_item", key: "phq9_positive_at_least", kind: .integer(1...3),
              source: "PHQ-9 item 9 positive at or above this (Kroenke 2001: any non-zero answer); a risk marker, not a diagnosis (Simon 2013)",
              access: .integer(\.phq9SuicidalPositiveAtLeast)),
        .init(section: "suicidal_item", key: "phq9_resolved_at_most", kind: .integer(0...2),
              source: "PHQ-9 item 9 resolved at or below this",
              access: .integer(\.phq9SuicidalResolvedAtMost)),
        .init(section: "suicidal_item", key: "madrs_positive_at_least", kind: .integer(1...6),
              source: "MADRS item 10 positive at or above this",
              access: .integer(\.madrsSuicidalPositiveAtLeast)),
        .init(section: "suicidal_item", key: "madrs_resolved_at_most", kind: .integer(0...5),
              source: "MADRS item 10 resolved at or below this",
              access: .integer(\.madrsSuicidalResolvedAtMost)),
        .init(section: "suicidal_item", key: "window_minutes", kind: .number(1...10080),
              source: "primary window after an infusion's start, in minutes (the seed guide's claim: 90 minutes)",
              access: .number(\.suicidalWindowMinutes)),
        .init(section: "suicidal_item", key: "report_windows_minutes", kind: .numbers(1...10080),
              source: "further windows reported (40, 90, 240 minutes and 24 hours)",
              access: .numbers(\.suicidalReportWindowsMinutes)),
        .init(section: "relapse", key: "phq9_at_least", kind: .integer(1...27),
              source: "PHQ-9 relapse score: at or above this (10, the cut-off for major depression, Kroenke 2001)",
              access: .integer(\.phq9RelapseAtLeast)),
        .init(section: "relapse", key: "madrs_at_least", kind: .integer(1...60),
              source: "MADRS relapse score: at or above this (22, SUSTAIN-1, Daly 2019)",
              access: .integer(\.madrsRelapseAtLeast)),
        .init(section: "relapse", key: "consecutive", kind: .integer(1...10),
              source: "relapse = this many consecutive qualifying assessments (2, SUSTAIN-1)",
              access: .integer(\.relapseConsecutive)),
        .init(section: "relapse", key: "min_days_apart", kind: .number(0...365),
              source: "first and last of the consecutive assessments at least this many days apart (5, SUSTAIN-1)",
              access: .number(\.relapseMinDaysApart)),
        .init(section: "relapse", key: "max_days_apart", kind: .number(1...365),
              source: "consecutive qualifying assessments at most this many days apart (15, SUSTAIN-1)",
              access: .number(\.relapseMaxDaysApart)),
        .init(section: "relapse", key: "reinduction_is_relapse", kind: .flag,
              source: "the start of a re-induction series counts as relapse (a clinically relevant event, SUSTAIN-1)",
              access: .flag(\.reinductionIsRelapse)),
        .init(section: "relapse", key: "maintenance_exposure_days", kind: .number(1...365),
              source: "time-varying covariate: on maintenance for this many days after each maintenance infusion (42 = the 4-6-week schedule's upper end, a local choice)",
              access: .number(\.maintenanceExposureDays)),
        .init(section: "relapse", key: "primary_analysis", kind: .choice(["auto", "event_time", "interval_censored"]),
              source: "auto (default): the data decide; when the median gap between consecutive follow-up scores exceeds max_days_apart, a confirmed relapse is dated late and mostly where treatment adds assessments, so the interval-censored estimate on (last score below the threshold, first at or above] leads (Turnbull 1976; survreg interval2). event_time or interval_censored force one",
              access: .text(\.relapsePrimaryAnalysis)),
        .init(section: "tolerability", key: "other_interruptions_count", kind: .flag,
              source: "false (default): tolerated = no discontinuation for an adverse event during the induction series, as trials report it (TRANSFORM-2: 7 % discontinued for adverse events); infusions interrupted for other reasons (lost IV access, scheduling) are counted separately. true: such an interruption also counts as not tolerated",
              access: .flag(\.tolerabilityCountsOtherInterruptions)),
        .init(section: "sensitivity", key: "end_of_series_min_hours_after", kind: .numbers(0...168),
              source: "every response, partial-response and remission verdict is re-checked with the end of series at each of these delays (0 and 24: in-session scores or the next day, issue 12); a verdict that changes is marked fragile",
              access: .numbers(\.sensitivityEndOfSeriesHours)),
        .init(section: "sensitivity", key: "relapse_max_days_apart", kind: .numbers(1...365),
              source: "relapse verdicts re-checked at each confirmation window (15 = SUSTAIN-1; 30 and 60 fit practice visits 2-6 weeks apart)",
              access: .numbers(\.sensitivityRelapseMaxDaysApart)),
        .init(section: "sensitivity", key: "relapse_single_score", kind: .flag,
              source: "relapse verdicts also re-checked with relapse on a single score at or above the threshold",
              access: .flag(\.sensitivityRelapseSingleScore)),
        .init(section: "sensitivity", key: "relapse_reinduction_either_way", kind: .flag,
              source: "relapse verdicts also re-checked with re-induction counted the other way (event or not)",
              access: .flag(\.sensitivityRelapseReinductionEitherWay)),
        .init(section: "sensitivity", key: "relapse_interval_censored", kind: .flag,
              source: "relapse verdicts also re-checked on the interval form (Weibull median or hazard ratio; Turnbull 1976, survreg interval2)",
              access: .flag(\.sensitivityRelapseIntervalCensored)),
        .init(section: "sensitivity", key: "tolerability_either_definition", kind: .flag,
              source: "tolerability verdicts also re-checked under the other definition (AE discontinuation only, or also other interruptions)",
              access: .flag(\.sensitivityTolerabilityEitherDefinition)),
        .init(section: "sensitivity", key: "intention_to_treat", kind: .flag,
              source: "response, partial-response and remission verdicts also re-checked by intention to treat (no endpoint = not responding, as CMS159 counts)",
              access: .flag(\.sensitivityIntentionToTreat)),
        .init(section: "strategy", key: "scale", kind: .choice(["PHQ-9", "MADRS"]),
              source: "scale of eligibility, relapse and baseline severity in the maintenance vs re-induction comparison (outcomes compare-strategies; PHQ-9, the scale every visit records)",
              access: .text(\.strategyScale)),
        .init(section: "strategy", key: "grace_period_days", kind: .number(1...365),
              source: "target-trial emulation: days after time zero (the end-of-induction assessment) in which the strategy must show: a maintenance session for maintenance, none for as_needed (42 = the 4-6-week schedule's upper end, a local choice; Hernan & Robins 2016 on grace periods). Also the landmark of the landmark analysis",
              access: .number(\.strategyGracePeriodDays)),
        .init(section: "strategy", key: "covariates", kind: .choices(StrategyCovariate.allCases.map(\.rawValue)),
              source: "propensity model (logistic regression of maintenance on these): baseline severity, remission vs response at the end of induction, diagnosis, prior failed treatments, suicidal item at baseline, age, sex, site (issue 13). baseline_severity_band uses the published bands instead of the total (PHQ-9 5/10/15/20, Kroenke 2001; MADRS 7/20/35, Snaith 1986)",
              access: .texts(\.strategyCovariates)),
        .init(section: "strategy", key: "estimand", kind: .choice(["ate", "att"]),
              source: "ate (default): stabilized weights p/e and (1 - p)/(1 - e), the effect had every eligible patient followed each strategy; att: treated 1, controls e/(1 - e), the effect among those who chose maintenance",
              access: .text(\.strategyEstimand)),
        .init(section: "strategy", key: "truncate_percentile", kind: .number(0...99.99),
              source: "truncate weights above this percentile (e.g. 99; 0 = no truncation, the default), as WeightIt::trim (Cole & Hernan 2008)",
              access: .number(\.strategyTruncatePercentile)),
        .init(section: "strategy", key: "max_smd", kind: .number(0.001...2),
              source: "a weighted |standardized mean difference| above this on any covariate puts a warning on the weighted estimates (0.1, Austin 2009)",
              access: .number(\.strategyMaxSMD)),
        .init(section: "strategy", key: "min_ess", kind: .number(1...1000000),
              source: "an effective sample size (Kish) below this in either group puts a warning on the weighted estimates (30, a local choice: fewer effective patients make the sandwich variance unreliable)",
              access: .number(\.strategyMinESS)),
        .init(section: "strategy", key: "bootstrap_replicates", kind: .integer(0...100000),
              source: "intervals of the RMST and relapse-free differences: percentile bootstrap over patients, the propensity model refitted in every replicate (0 = not computed)",
              access: .integer(\.strategyBootstrapReplicates)),
        .init(section: "strategy", key: "bootstrap_seed", kind: .integer(0...Int(Int32.max)),
              source: "seed of that bootstrap (SplitMix64), so the same data give the same intervals",
              access: .integer(\.strategyBootstrapSeed)),
        .init(section: "claims", key: "minimum_n", kind: .integer(1...100000),
              source: "fewer patients than this gives 'insufficient data'",
              access: .integer(\.claimsMinimumN)),
        .init(section: "claims", key: "interval_method", kind: .choice(["exact", "wilson"]),
              source: "exact = Clopper-Pearson with the exact binomial test (never disagree); wilson = score interval (Brown, Cai & DasGupta 2001)",
              access: .text(\.claimsIntervalMethod)),
        .init(section: "claims", key: "equivalence_margin", kind: .number(0.001...0.5),
              source: "margin for 'similar rates', as a proportion (0.10, the ELEKT-D precedent)",
              access: .number(\.equivalenceMargin)),
        .init(section: "time", key: "assume_zone", kind: .timeZone,
              source: "zone of times written without a UTC offset (IANA name, daylight saving applied); none = take them as written, and reject them when other times have an offset (datasets/README.md, Times)",
              access: .text(\.timeAssumeZone)),
    ]
}

/// Number formatting for plan files: integers without a decimal point, others with the shortest exact form.
enum PlanNumber {
    static func format(_ x: Double) -> String { NumberText.shortest(x) }
}
