import OutcomesModels

/// The models of `outcomes model`.
public enum ModelAnalysisKind: String, Sendable, CaseIterable {
    case glm, lmm, mmrm
}

/// Estimation method of the mixed models.
public enum MixedModelMethod: String, Sendable, CaseIterable {
    case reml, ml
}

/// Degrees of freedom of the mixed models' t tests.
public enum MixedModelDF: String, Sendable, CaseIterable {
    case betweenWithin = "between-within"
    case satterthwaite
}

/// Everything one `outcomes model` run needs; column arguments name CSV columns.
public struct ModelRequest: Sendable {
    public var analysis: ModelAnalysisKind
    /// Path of the CSV file (header row, comma-separated).
    public var dataPath: String
    /// Outcome column.
    public var outcome: String
    /// Covariate list as in an R formula's right-hand side: `age, sex*arm, visit:arm`.
    public var covariates: String
    /// Numeric columns to treat as categorical.
    public var factors: [String] = []
    /// Reference levels, `COL=LEVEL`.
    public var references: [String: String] = [:]
    public var level: Double = 0.95
    public var format: ReportFormat = .text

    // GLM
    public var family: GLMFamily = .binomial
    public var offset: String? = nil
    public var weights: String? = nil
    public var robust = false
    public var cluster: String? = nil

    // LMM
    /// Random-effects specification `1+week|id` (lme4 syntax without the parentheses).
    public var random: String? = nil
    public var method: MixedModelMethod = .reml
    public var df: MixedModelDF = .betweenWithin

    // MMRM
    public var subject: String? = nil
    public var visit: String? = nil
    public var covariance: CovarianceStructure = .us
    /// Structures tried after the requested one fails; nil means those after it in us → toeph → ar1 → cs.
    public var fallback: [CovarianceStructure]? = nil
    public var lsmeansBy: String? = nil

    public init(analysis: ModelAnalysisKind, dataPath: String, outcome: String, covariates: String) {
        self.analysis = analysis
        self.dataPath = dataPath
        self.outcome = outcome
        self.covariates = covariates
    }
}

/// A model run that could not be done: bad arguments or data, naming file, line, column and value where known.
public struct ModelReportError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
