import OutcomesSurvival

/// The analyses of `outcomes survival`.
public enum SurvivalAnalysisKind: String, Sendable, CaseIterable {
    /// Kaplan–Meier curves, quantiles and risk table.
    case km
    /// Log-rank / G-rho test.
    case logrank
    /// Restricted mean survival time.
    case rmst
    /// Cox proportional-hazards regression.
    case cox
    /// Test of proportional hazards (cox.zph).
    case zph
}

/// Everything one survival analysis of a CSV file needs; column arguments name CSV columns.
public struct SurvivalRequest: Sendable {
    /// The analysis.
    public var analysis: SurvivalAnalysisKind
    /// Path of the CSV file (header row, comma-separated).
    public var dataPath: String
    /// Column with the exit (event or censoring) time.
    public var time: String
    /// Column with the event indicator (1/0 or TRUE/FALSE).
    public var event: String
    /// Column with the entry time for delayed entry, `(start, time]`.
    public var start: String? = nil
    /// Column defining the compared groups.
    public var group: String? = nil
    /// Column defining strata.
    public var strata: String? = nil
    /// Covariate columns of the Cox model; text columns become indicators.
    public var covariates: [String] = []
    /// Column with case weights.
    public var weights: String? = nil
    /// Column with cluster identifiers for the robust variance.
    public var cluster: String? = nil
    /// Tie handling of the Cox model.
    public var ties: TieMethod = .efron
    /// Confidence-interval transform of Kaplan–Meier curves.
    public var confType: ConfidenceTransform = .log
    /// RMST horizon.
    public var tau: Double? = nil
    /// G-rho parameter of the log-rank family.
    public var rho: Double = 0
    /// Times of the number-at-risk table (Kaplan–Meier).
    public var riskTimes: [Double] = []
    /// Confidence level.
    public var level: Double = 0.95
    /// Output format.
    public var format: ReportFormat = .text

    /// A request with the required fields; set the rest as needed.
    public init(analysis: SurvivalAnalysisKind, dataPath: String, time: String, event: String) {
        self.analysis = analysis
        self.dataPath = dataPath
        self.time = time
        self.event = event
    }
}

/// A failed survival report: bad arguments or bad data, with file, line, column and value where known.
public struct SurvivalReportError: Error, Sendable, CustomStringConvertible {
    /// The message.
    public let description: String
}
