import OutcomesDistributions

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Estimators of the between-study variance τ².
public enum HeterogeneityEstimator: String, CaseIterable, Sendable, Hashable {
    /// DerSimonian and Laird (1986) method of moments.
    case derSimonianLaird = "DL"
    /// Restricted maximum likelihood, by Fisher scoring from the DL value, truncated at 0.
    case restrictedMaximumLikelihood = "REML"
}

/// One study's count of events among its subjects.
public struct StudyCount: Sendable, Hashable {
    /// Number of events.
    public let successes: Int
    /// Number of subjects.
    public let trials: Int

    /// A study with `successes` events among `trials` subjects.
    public init(successes: Int, trials: Int) {
        self.successes = successes
        self.trials = trials
    }
}

/// Random-effects pooling of proportions on the logit scale, as `metafor::rma(measure = "PLO")` with
/// `method = "DL"` or `"REML"` and its default z-based interval.
///
/// Each study contributes y = ln(k/(n − k)) with variance 1/k + 1/(n − k); a study with k = 0 or k = n gets
/// ½ added to both cells first (metafor's `add = 1/2, to = "only0"`). The pooled logit is the inverse-variance
/// weighted mean with weights 1/(vᵢ + τ²). I² = τ²/(τ² + s²) with the typical within-study variance
/// s² = (k − 1)Σw / ((Σw)² − Σw²) (Higgins and Thompson 2002), as metafor reports it.
public struct RandomEffectsPooling: Sendable, Hashable {
    /// Estimator of τ².
    public let estimator: HeterogeneityEstimator
    /// Number of studies.
    public let studyCount: Int
    /// Pooled logit.
    public let logit: Double
    /// Standard error of the pooled logit.
    public let standardError: Double
    /// Lower limit of the pooled logit.
    public let logitLower: Double
    /// Upper limit of the pooled logit.
    public let logitUpper: Double
    /// Confidence level.
    public let level: Double
    /// Between-study variance τ² on the logit scale.
    public let tau2: Double
    /// I² in percent.
    public let i2: Double
    /// Cochran's Q (fixed-effect weights).
    public let q: Double
    /// Upper-tail chi-square(k − 1) probability of Q.
    public let qPValue: Double

    /// Back-transformed pooled proportion 1/(1 + e^−logit).
    public var proportion: Double { RandomEffectsPooling.inverseLogit(logit) }
    /// Back-transformed lower limit.
    public var proportionLower: Double { RandomEffectsPooling.inverseLogit(logitLower) }
    /// Back-transformed upper limit.
    public var proportionUpper: Double { RandomEffectsPooling.inverseLogit(logitUpper) }

    /// Pools `studies`.
    /// - Throws: `ProportionError` for fewer than two studies, a study with invalid counts, or a bad level.
    public static func pool(_ studies: [StudyCount], estimator: HeterogeneityEstimator = .restrictedMaximumLikelihood,
                            level: Double = 0.95) throws(ProportionError) -> RandomEffectsPooling {
        guard studies.count >= 2 else { throw .tooFewStudies(count: studies.count) }
        try validateLevel(level)
        var effects: [Double] = [], variances: [Double] = []
        for (index, study) in studies.enumerated() {
            guard study.trials >= 1, study.successes >= 0, study.successes <= study.trials else {
                throw .invalidStudy(index: index, successes: study.successes, trials: study.trials)
            }
            let correction = (study.successes == 0 || study.successes == study.trials) ? 0.5 : 0
            let events = Double(study.successes) + correction
            let nonEvents = Double(study.trials - study.successes) + correction
            effects.append(log(events / nonEvents))
            variances.append(1 / events + 1 / nonEvents)
        }
        let k = Double(studies.count)
        let fixedWeights = variances.map { 1 / $0 }
        let sumW = fixedWeights.reduce(0, +)
        let sumW2 = fixedWeights.reduce(0) { $0 + $1 * $1 }
        let fixedMean = zip(fixedWeights, effects).reduce(0) { $0 + $1.0 * $1.1 } / sumW
        let q = zip(fixedWeights, effects).reduce(0) { $0 + $1.0 * ($1.1 - fixedMean) * ($1.1 - fixedMean) }
        let dl = max(0, (q - (k - 1)) / (sumW - sumW2 / sumW))
        let tau2 = estimator == .derSimonianLaird ? dl : reml(effects, variances, start: dl)

        let weights = variances.map { 1 / ($0 + tau2) }
        let sumRandom = weights.reduce(0, +)
        let mean = zip(weights, effects).reduce(0) { $0 + $1.0 * $1.1 } / sumRandom
        let se = (1 / sumRandom).squareRoot()
        let z = Normal.upperQuantile((1 - level) / 2)
        let typicalVariance = (k - 1) * sumW / (sumW * sumW - sumW2)
        return RandomEffectsPooling(estimator: estimator, studyCount: studies.count, logit: mean, standardError: se,
                                    logitLower: mean - z * se, logitUpper: mean + z * se, level: level,
                                    tau2: tau2, i2: 100 * tau2 / (tau2 + typicalVariance), q: q,
                                    qPValue: ChiSquared(degreesOfFreedom: k - 1).sf(q))
    }

    /// REML τ² by Fisher scoring: τ² ← τ² + (rᵀW²r − tr P) / tr(P²) with P = W − W11ᵀW/Σw, r = y − μ̂,
    /// truncated at 0; stops when the change is below 1e-15·max(1, τ²).
    static func reml(_ effects: [Double], _ variances: [Double], start: Double) -> Double {
        var tau2 = start
        for _ in 0..<10_000 {
            let w = variances.map { 1 / ($0 + tau2) }
            let sumW = w.reduce(0, +)
            let sumW2 = w.reduce(0) { $0 + $1 * $1 }
            let sumW3 = w.reduce(0) { $0 + $1 * $1 * $1 }
            let mean = zip(w, effects).reduce(0) { $0 + $1.0 * $1.1 } / sumW
            let weightedSquares = zip(w, effects).reduce(0) { $0 + $1.0 * $1.0 * ($1.1 - mean) * ($1.1 - mean) }
            let traceP = sumW - sumW2 / sumW
            let traceP2 = sumW2 - 2 * sumW3 / sumW + sumW2 * sumW2 / (sumW * sumW)
            let next = max(0, tau2 + (weightedSquares - traceP) / traceP2)
            if abs(next - tau2) <= 1e-15 * max(1, tau2) { return next }
            tau2 = next
        }
        return tau2
    }

    static func inverseLogit(_ x: Double) -> Double {
        x >= 0 ? 1 / (1 + exp(-x)) : exp(x) / (1 + exp(x))
    }
}
