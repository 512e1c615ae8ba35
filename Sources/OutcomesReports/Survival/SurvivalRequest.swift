import Foundation
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
    /// Cumulative incidence of competing causes (Aalen–Johansen) and Gray's test.
    case cuminc
    /// Parametric (accelerated failure time) regression, R's survreg.
    case survreg
}

/// Everything one survival analysis of a CSV file needs; column arguments name CSV columns.
public struct SurvivalRequest: Sendable {
    /// The analysis.
    public var analysis: SurvivalAnalysisKind
    /// Path of the CSV file (header row; comma, semicolon or tab separated), or `-` for standard input.
    public var dataPath: String
    /// Column with the exit (event or censoring) time.
    public var time: String
    /// Column with the event indicator: 0/1, 1/2 (2 = event, as R's `Surv`), TRUE/FALSE, or see `eventValue`.
    public var event: String
    /// The value of the event column that marks an event (every other value is censored); nil for R's codings.
    public var eventValue: String? = nil
    /// Subset conditions, all of which a row must meet (R's `subset =`).
    public var filters: [SurvivalFilter] = []
    /// Reference levels of categorical groups and covariates, by column.
    public var references: [(column: String, level: String)] = []
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
    /// The log-rank weight (nil: G-rho with `rho`, R's survdiff).
    public var logRankWeight: LogRankWeight? = nil
    /// The test for trend over the ordered groups (log-rank family), scores 1, 2, …, k in group order.
    public var trend: Bool = false
    /// Columns with the left and right ends of interval-censored rows, used instead of `time` and `event` (km,
    /// survreg): an empty left end is left-censored, an empty, NA or `Inf` right end right-censored.
    public var left: String? = nil
    public var right: String? = nil
    /// How km --left/--right computes the Turnbull NPMLE: EM–ICM to convergence, or R's survfit iteration.
    public var turnbullAlgorithm: TurnbullAlgorithm = .emICM
    /// Error distribution of survreg.
    public var distribution: SurvivalDistribution = .weibull
    /// Merge times that differ only by floating-point noise, as R's `timefix` (on by default, as in R).
    public var timefix: Bool = true
    /// Cox residuals to compute (`--residuals TYPE`), written as a CSV with the input's row numbers.
    public var residuals: CoxResidualType? = nil
    /// A CSV of covariate values for which to predict survival curves (`--predict FILE`).
    public var predictPath: String? = nil
    /// Time transform of the proportional-hazards test.
    public var zphTransform: TimeTransform = .km
    /// Survival estimator of the curves (km, rmst): Kaplan–Meier or Fleming–Harrington exp(−H).
    public var estimator: SurvivalEstimator = .kaplanMeier
    /// Times of the number-at-risk table (Kaplan–Meier).
    public var riskTimes: [Double] = []
    /// Confidence level.
    public var level: Double = 0.95
    /// Output format.
    public var format: ReportFormat = .text
    /// The one table `--format csv` writes (nil: the analysis's default).
    public var table: String? = nil
    /// Whether the text output includes the full curve (Kaplan–Meier).
    public var showCurve: Bool = false
    /// Figure options (Kaplan–Meier `--plot`).
    public var plot: SurvivalPlotOptions? = nil

    /// A request with the required fields; set the rest as needed.
    public init(analysis: SurvivalAnalysisKind, dataPath: String, time: String, event: String) {
        self.analysis = analysis
        self.dataPath = dataPath
        self.time = time
        self.event = event
    }

    /// The columns the analysis reads (the reader converts only these): time, event, start, group, strata,
    /// covariates, weights, cluster, interval ends and the --where columns.
    public var columnsRead: [String] {
        [time, event] + [start, group, strata, weights, cluster, left, right].compactMap { $0 } + covariates
            + filters.map(\.column) + references.map(\.column)
    }
}

/// One subset condition `COL op VALUE`, as `--where age>=60`.
public struct SurvivalFilter: Sendable, Equatable, CustomStringConvertible {
    public enum Comparison: String, Sendable, CaseIterable {
        case notEqual = "!=", lessOrEqual = "<=", greaterOrEqual = ">=", equal = "=", less = "<", greater = ">"
    }
    public let column: String
    public let comparison: Comparison
    public let value: String

    public init(column: String, comparison: Comparison, value: String) {
        self.column = column; self.comparison = comparison; self.value = value
    }

    /// Parses `COL=VALUE`, `COL!=VALUE`, `COL<VALUE`, `COL<=VALUE`, `COL>VALUE`, `COL>=VALUE` (also `==`).
    public init(parsing text: String) throws(SurvivalReportError) {
        // The first operator character splits the text; two-character operators are tried before one-character ones.
        guard let at = text.firstIndex(where: { "!<>=".contains($0) }) else {
            throw SurvivalReportError(description: "--where '\(text)': expected COL=VALUE, or COL with !=, <, <=, > or >= and a value", isUsage: true)
        }
        let column = String(text[..<at]).trimmingCharacters(in: .whitespaces)
        var rest = text[at...]
        var op: Comparison?
        for candidate in ["==", "!=", "<=", ">=", "=", "<", ">"] where rest.hasPrefix(candidate) {
            op = candidate == "==" ? .equal : Comparison(rawValue: candidate)
            rest = rest.dropFirst(candidate.count)
            break
        }
        let value = String(rest).trimmingCharacters(in: .whitespaces)
        guard let op, !column.isEmpty, !value.isEmpty else {
            throw SurvivalReportError(description: "--where '\(text)': expected COL=VALUE, or COL with !=, <, <=, > or >= and a value", isUsage: true)
        }
        self.init(column: column, comparison: op, value: value)
    }

    public var description: String { column + comparison.rawValue + value }
}

/// A failed survival report: bad arguments or bad data, with file, line, column and value where known.
public struct SurvivalReportError: Error, Sendable, CustomStringConvertible {
    /// The message.
    public let description: String
    /// Whether the options themselves are wrong (exit 64) rather than the data or the analysis (exit 2).
    public var isUsage: Bool = false

    public init(description: String, isUsage: Bool = false) {
        self.description = description
        self.isUsage = isUsage
    }

    /// The exit status of the developers' guide: 64 for usage errors, 2 for bad input or an analysis that could not run.
    public var exitStatus: Int32 { isUsage ? 64 : 2 }
}
