/// Which analysis an estimate comes from (the JSON `analysis` values).
public enum StrategyAnalysis: String, Sendable, CaseIterable {
    /// Intention to treat by recorded strategy, no weighting.
    case unadjusted
    /// Intention to treat by recorded strategy, inverse-probability-of-treatment weighted.
    case iptw
    /// Censored at deviation from the recorded strategy, IPTW times inverse-probability-of-censoring weights.
    case perProtocol = "per_protocol"
    /// Strategy as received in the grace period, follow-up from the landmark, IPTW.
    case landmark
    /// Interval form of relapse (Weibull proportional hazards), IPTW.
    case intervalCensored = "interval_censored"
}

/// What is estimated, maintenance vs as-needed (the JSON `measure` values).
public enum StrategyMeasure: String, Sendable, CaseIterable {
    /// Hazard ratio of relapse.
    case hazardRatio = "hazard_ratio"
    /// Difference in restricted mean relapse-free days up to 26 weeks (182 days).
    case rmstDifference26w = "rmst_difference_26w"
    /// Difference in the probability of being relapse-free at 12 weeks (84 days).
    case relapseFree12w = "relapse_free_12w"
    /// Ratio of infusions per patient-year.
    case rateRatioInfusions = "rate_ratio_infusions"
}

/// One estimate, maintenance vs as-needed. A value that could not be estimated is nil with the reason in
/// `warnings` ("not estimable: …"), never NaN.
public struct StrategyEstimate: Sendable {
    public let analysis: StrategyAnalysis
    public let measure: StrategyMeasure
    public let estimate: Double?
    public let lower: Double?
    public let upper: Double?
    public let p: Double?
    public let n: Int
    public let events: Int?
    /// Balance, effective-sample-size and model warnings, and "not estimable" reasons.
    public let warnings: [String]
    /// E-value of the estimate and of the confidence limit nearer 1 (hazard ratios only).
    public let eValue: Double?
    public let eValueLimit: Double?
    /// How the estimate and its interval were computed, in words.
    public let method: String

    public init(analysis: StrategyAnalysis, measure: StrategyMeasure, estimate: Double?, lower: Double?, upper: Double?, p: Double?,
                n: Int, events: Int?, warnings: [String], eValue: Double? = nil, eValueLimit: Double? = nil, method: String) {
        func finite(_ x: Double?) -> Double? { x.flatMap { $0.isFinite ? $0 : nil } }
        self.analysis = analysis
        self.measure = measure
        self.estimate = finite(estimate)
        self.lower = finite(lower)
        self.upper = finite(upper)
        self.p = finite(p)
        self.n = n
        self.events = events
        self.warnings = warnings
        self.eValue = finite(eValue)
        self.eValueLimit = finite(eValueLimit)
        self.method = method
    }

    /// A row that could not be estimated, with the reason.
    static func notEstimable(_ analysis: StrategyAnalysis, _ measure: StrategyMeasure, n: Int, events: Int?, reason: String,
                             warnings: [String] = [], method: String) -> StrategyEstimate {
        StrategyEstimate(analysis: analysis, measure: measure, estimate: nil, lower: nil, upper: nil, p: nil, n: n, events: events,
                         warnings: warnings + ["not estimable: \(reason)"], method: method)
    }
}

/// Relapse-free probability of one strategy at 12 and 26 weeks, and the weighted Kaplan–Meier curve.
public struct StrategyCurve: Sendable {
    public let analysis: StrategyAnalysis
    public let strategy: TreatmentStrategy
    public let n: Int
    public let events: Int
    /// (days, relapse-free probability) steps of the curve, starting at (0, 1).
    public let steps: [(day: Double, survival: Double)]
    public let relapseFree12w: Double?
    public let relapseFree26w: Double?
    public let rmst26w: Double?
}
