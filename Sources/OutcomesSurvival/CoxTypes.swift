import Foundation
import OutcomesDistributions
import OutcomesLinearAlgebra

/// How tied event times enter the Cox partial likelihood.
public enum TieMethod: String, Sendable, CaseIterable {
    /// Efron's approximation (R's default).
    case efron
    /// Breslow's approximation.
    case breslow
}

/// A chi-square test statistic with its degrees of freedom and upper-tail p-value.
public struct ChiSquareTest: Sendable, Equatable {
    /// The statistic.
    public let statistic: Double
    /// Degrees of freedom.
    public let degreesOfFreedom: Int
    /// P(χ²_df > statistic).
    public let pValue: Double

    init(_ statistic: Double, _ df: Int) {
        self.statistic = statistic
        self.degreesOfFreedom = df
        self.pValue = ChiSquared(degreesOfFreedom: Double(df)).sf(statistic)
    }
}

/// Settings of the Newton–Raphson fit; the defaults are R's `coxph.control()`.
public struct CoxOptions: Sendable {
    /// Tie handling.
    public var ties: TieMethod = .efron
    /// Maximum Newton–Raphson iterations (R `iter.max = 20`).
    public var maxIterations = 20
    /// Convergence when |1 − loglik_old / loglik_new| ≤ epsilon (R `eps = 1e-9`).
    public var epsilon = 1e-9
    /// A coefficient is flagged as possibly infinite when |(U·V)_j| exceeds both `epsilon` and this times
    /// |β_j| (R `toler.inf = sqrt(eps)`).
    public var infiniteTolerance = (1e-9).squareRoot()
    /// A covariate whose centred column has a residual sum of squares below this fraction of its own,
    /// after projection on the earlier columns, is dropped as collinear (or constant).
    public var collinearityTolerance = 1e-10
    /// Compute the robust (sandwich) variance without clusters (R `robust = TRUE`). nil follows R's default:
    /// robust when clusters are given or any case weight is not an integer.
    public var robust: Bool? = nil
    /// Confidence level of the hazard-ratio intervals.
    public var level = 0.95

    /// Default settings.
    public init() {}
}

/// One covariate's estimate.
public struct CoxTerm: Sendable, Equatable {
    /// Covariate name.
    public let name: String
    /// Log hazard ratio (NaN when the covariate was dropped, as R's NA).
    public let coefficient: Double
    /// Model-based standard error.
    public let standardError: Double
    /// Sandwich standard error (nil when no robust variance was requested).
    public let robustStandardError: Double?
    /// Wald z: coefficient over the standard error in use (robust when present).
    public let z: Double
    /// Two-sided normal p-value of z.
    public let pValue: Double
    /// exp(coefficient).
    public var hazardRatio: Double { coefficient.isNaN ? .nan : _exp(coefficient) }
    /// Lower limit of the hazard-ratio interval (from the standard error in use).
    public let hazardRatioLower: Double
    /// Upper limit of the hazard-ratio interval.
    public let hazardRatioUpper: Double
}

/// A fitted Cox proportional-hazards model.
public struct CoxModel: Sendable {
    /// Estimates per covariate, in input order (dropped covariates included with NaN values).
    public let terms: [CoxTerm]
    /// Names of covariates dropped as constant or collinear.
    public let dropped: [String]
    /// Model-based variance of the kept coefficients (inverse information).
    public let variance: Matrix
    /// Sandwich variance of the kept coefficients, when computed.
    public let robustVariance: Matrix?
    /// Number of rows used.
    public let n: Int
    /// Number of event rows.
    public let events: Int
    /// Number of clusters in the robust variance (nil without clusters).
    public let clusters: Int?
    /// Newton–Raphson iterations, counted as R does.
    public let iterations: Int
    /// Whether the convergence criterion was met.
    public let converged: Bool
    /// Partial log-likelihood at β = 0.
    public let logLikelihoodNull: Double
    /// Partial log-likelihood at the estimate.
    public let logLikelihood: Double
    /// Tie method used.
    public let ties: TieMethod
    /// Likelihood-ratio test of all coefficients = 0.
    public let likelihoodRatio: ChiSquareTest
    /// Wald test with the model-based variance.
    public let wald: ChiSquareTest
    /// Wald test with the robust variance, when computed.
    public let robustWald: ChiSquareTest?
    /// Score (log-rank) test at β = 0.
    public let score: ChiSquareTest
    /// Robust score test at β = 0 (R's `rscore`), when a robust variance was computed.
    public let robustScore: ChiSquareTest?
    /// Warnings (non-convergence, possibly infinite coefficients, dropped covariates), in a fixed order.
    public let warnings: [String]
    /// Confidence level of the intervals.
    public let level: Double
    /// Linear predictors x·β of each input row (centred covariates), in input order.
    public let linearPredictors: [Double]
    /// Whether a robust (sandwich) variance was asked for and could be estimated. When it is not estimable the
    /// robust standard errors, z, p and intervals of every term are NaN and `robustWald`/`robustScore` are nil.
    public let robustVarianceStatus: RobustVarianceStatus
}

/// The state of the robust (sandwich) variance of a Cox fit.
public enum RobustVarianceStatus: Sendable, Equatable {
    /// No robust variance was requested (and R's default did not call for one).
    case notRequested
    /// Computed; `robustVariance` holds it.
    case estimated
    /// Requested but not estimable, for the reason given (fewer than two clusters, or fewer clusters than
    /// coefficients).
    case notEstimable(reason: String)
}
func _exp(_ x: Double) -> Double { Foundation.exp(x) }
