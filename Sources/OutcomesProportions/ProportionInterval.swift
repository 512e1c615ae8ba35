import OutcomesDistributions

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Methods for a confidence interval of one binomial proportion.
public enum ProportionIntervalMethod: String, CaseIterable, Sendable, Hashable {
    /// Wilson score interval without continuity correction (Wilson 1927); as R's `prop.test(correct = FALSE)`.
    case wilson
    /// Clopper–Pearson exact interval from beta quantiles (1934); as R's `binom.test`.
    case clopperPearson = "exact"
    /// Jeffreys equal-tailed interval, Beta(k + ½, n − k + ½) quantiles, with the lower limit 0 at k = 0 and
    /// the upper limit 1 at k = n (Brown, Cai and DasGupta 2001).
    case jeffreys
    /// Agresti–Coull interval: the Wald interval around (k + z²/2)/(n + z²) with n + z² trials (1998),
    /// clipped to [0, 1].
    case agrestiCoull = "agresti-coull"
    /// Mid-p exact interval: limits where the tail probability with half the observed point's mass
    /// equals α/2 (Lancaster 1961; Berry and Armitage 1995).
    case midP = "midp"

    /// The human-readable name printed in reports.
    public var displayName: String {
        switch self {
        case .wilson: return "Wilson score"
        case .clopperPearson: return "Clopper-Pearson exact"
        case .jeffreys: return "Jeffreys"
        case .agrestiCoull: return "Agresti-Coull"
        case .midP: return "mid-p exact"
        }
    }
}

/// A confidence interval for one proportion.
public struct ProportionInterval: Sendable, Hashable {
    /// Observed proportion k/n.
    public let estimate: Double
    /// Lower limit, in [0, 1].
    public let lower: Double
    /// Upper limit, in [0, 1].
    public let upper: Double
    /// Confidence level.
    public let level: Double
    /// Method used.
    public let method: ProportionIntervalMethod
}

/// Confidence intervals for one binomial proportion.
public enum OneProportion {
    /// A two-sided interval for the success probability from `successes` out of `trials`.
    /// - Throws: `ProportionError` for trials < 1, successes outside 0...trials, or level outside (0, 1).
    public static func interval(successes k: Int, trials n: Int, level: Double = 0.95,
                                method: ProportionIntervalMethod = .wilson) throws(ProportionError) -> ProportionInterval {
        try validateCount(successes: k, trials: n)
        try validateLevel(level)
        let alpha = 1 - level
        let limits: (Double, Double)
        switch method {
        case .wilson: limits = wilson(k, n, alpha)
        case .clopperPearson: limits = clopperPearson(k, n, alpha)
        case .jeffreys: limits = jeffreys(k, n, alpha)
        case .agrestiCoull: limits = agrestiCoull(k, n, alpha)
        case .midP: limits = midP(k, n, alpha)
        }
        return ProportionInterval(estimate: Double(k) / Double(n),
                                  lower: min(max(limits.0, 0), 1), upper: min(max(limits.1, 0), 1),
                                  level: level, method: method)
    }

    /// Wilson score limits (center ± half-width), exactly 0 at k = 0 and 1 at k = n.
    static func wilson(_ k: Int, _ n: Int, _ alpha: Double) -> (Double, Double) {
        wilson(k, n, z: Normal.upperQuantile(alpha / 2))
    }

    /// Wilson limits for a given normal deviate z ≥ 0.
    static func wilson(_ k: Int, _ n: Int, z: Double) -> (Double, Double) {
        let nn = Double(n), p = Double(k) / nn
        let z2n = z * z / (2 * nn)
        let denominator = 1 + 2 * z2n
        let center = p + z2n
        let half = z * (p * (1 - p) / nn + z2n / (2 * nn)).squareRoot()
        let lower = k == 0 ? 0 : (center - half) / denominator
        let upper = k == n ? 1 : (center + half) / denominator
        return (lower, upper)
    }

    static func clopperPearson(_ k: Int, _ n: Int, _ alpha: Double) -> (Double, Double) {
        (clopperPearsonLower(k, n, alpha), clopperPearsonUpper(k, n, alpha))
    }

    /// Clopper–Pearson lower limit alone (callers that need one side skip the other quantile).
    static func clopperPearsonLower(_ k: Int, _ n: Int, _ alpha: Double) -> Double {
        k == 0 ? 0 : Beta(alpha: Double(k), beta: Double(n - k + 1)).quantile(alpha / 2)
    }

    /// Clopper–Pearson upper limit alone.
    static func clopperPearsonUpper(_ k: Int, _ n: Int, _ alpha: Double) -> Double {
        k == n ? 1 : Beta(alpha: Double(k + 1), beta: Double(n - k)).upperQuantile(alpha / 2)
    }

    static func jeffreys(_ k: Int, _ n: Int, _ alpha: Double) -> (Double, Double) {
        let posterior = Beta(alpha: Double(k) + 0.5, beta: Double(n - k) + 0.5)
        let lower = k == 0 ? 0 : posterior.quantile(alpha / 2)
        let upper = k == n ? 1 : posterior.upperQuantile(alpha / 2)
        return (lower, upper)
    }

    static func agrestiCoull(_ k: Int, _ n: Int, _ alpha: Double) -> (Double, Double) {
        let z = Normal.upperQuantile(alpha / 2)
        let adjustedTrials = Double(n) + z * z
        let center = (Double(k) + z * z / 2) / adjustedTrials
        let half = z * (center * (1 - center) / adjustedTrials).squareRoot()
        return (center - half, center + half)
    }

    static func midP(_ k: Int, _ n: Int, _ alpha: Double) -> (Double, Double) {
        let target = alpha / 2
        var lower = 0.0, upper = 1.0
        if k > 0 {
            lower = RootFinding.brent(in: (0, 1)) { p in
                let d = Binomial(trials: n, probability: p)
                return d.sf(k) + 0.5 * d.pmf(k) - target
            } ?? 0
        }
        if k < n {
            upper = RootFinding.brent(in: (0, 1)) { p in
                let d = Binomial(trials: n, probability: p)
                return d.cdf(k - 1) + 0.5 * d.pmf(k) - target
            } ?? 1
        }
        return (lower, upper)
    }
}
