import Foundation
import OutcomesDistributions

/// The restricted mean survival time (area under the Kaplan–Meier curve up to τ) of one curve.
public struct RestrictedMean: Sendable, Equatable {
    /// The curve's label.
    public let label: String
    /// The horizon τ.
    public let tau: Double
    /// RMST = ∫₀^τ S(t) dt.
    public let estimate: Double
    /// Standard error, Greenwood-type as R's `print.survfit(rmean = τ)` (`survmean`).
    public let standardError: Double
    /// Normal-theory lower limit.
    public let lower: Double
    /// Normal-theory upper limit.
    public let upper: Double
}

/// Difference and ratio of two restricted means (comparison − reference).
public struct RestrictedMeanComparison: Sendable, Equatable {
    /// Label of the reference curve (first).
    public let reference: String
    /// Label of the compared curve (second).
    public let comparison: String
    /// RMST(comparison) − RMST(reference).
    public let difference: Double
    /// √(se₁² + se₂²): the two curves are independent samples.
    public let differenceStandardError: Double
    /// Lower limit of the difference.
    public let differenceLower: Double
    /// Upper limit of the difference.
    public let differenceUpper: Double
    /// RMST(comparison) / RMST(reference).
    public let ratio: Double
    /// Delta-method standard error of log ratio, √((se₁/r₁)² + (se₂/r₂)²).
    public let logRatioStandardError: Double
    /// Lower limit of the ratio (exp of the log-scale interval).
    public let ratioLower: Double
    /// Upper limit of the ratio.
    public let ratioUpper: Double
}

/// Restricted mean survival time following R's `survmean` (behind `print.survfit(rmean = τ)` and
/// `summary(fit, rmean = τ)$table`): the curve is extended flat to τ, and
/// var = Σⱼ (area from tⱼ to τ)² · dⱼ / (nⱼ (nⱼ − dⱼ)), terms with nⱼ = dⱼ set to 0. This is the same
/// Greenwood-based variance that survRM2 uses.
public enum RestrictedMeanSurvival {
    /// The RMST of `curve` up to `tau` (must be positive).
    public static func estimate(_ curve: KaplanMeierCurve, tau: Double, level: Double = 0.95) throws(SurvivalError) -> RestrictedMean {
        guard tau.isFinite && tau > 0 else { throw .invalidArgument("tau must be a positive finite time, got \(tau)") }
        let kept = curve.rows.filter { $0.time <= tau }
        var times: [Double], surv: [Double], hh: [Double]
        if kept.isEmpty {
            times = [tau]; surv = [1]; hh = [0]
        } else {
            times = kept.map(\.time) + [tau]
            surv = kept.map(\.survival) + [kept[kept.count - 1].survival]
            hh = kept.map { ($0.atRisk - $0.events) == 0 ? 0 : $0.events / ($0.atRisk * ($0.atRisk - $0.events)) } + [0]
        }
        let m = times.count
        var rectangles = [Double](repeating: 0, count: m)
        var previous = 0.0
        for j in 0..<m {
            rectangles[j] = (times[j] - previous) * (j == 0 ? 1 : surv[j - 1])
            previous = times[j]
        }
        var variance = 0.0
        var tail = 0.0
        var j = m - 1
        while j >= 1 {
            tail += rectangles[j]
            variance += tail * tail * hh[j - 1]
            j -= 1
        }
        let mean = rectangles.reduce(0, +)
        let se = variance.squareRoot()
        let z = Normal.quantile(1 - (1 - level) / 2)
        return RestrictedMean(label: curve.label, tau: tau, estimate: mean, standardError: se, lower: mean - z * se, upper: mean + z * se)
    }

    /// Difference and ratio of two independent restricted means (`comparison` relative to `reference`).
    public static func compare(_ reference: RestrictedMean, _ comparison: RestrictedMean, level: Double = 0.95) -> RestrictedMeanComparison {
        let z = Normal.quantile(1 - (1 - level) / 2)
        let d = comparison.estimate - reference.estimate
        let dse = (reference.standardError * reference.standardError + comparison.standardError * comparison.standardError).squareRoot()
        let ratio = comparison.estimate / reference.estimate
        let a = reference.standardError / reference.estimate, b = comparison.standardError / comparison.estimate
        let lse = (a * a + b * b).squareRoot()
        return RestrictedMeanComparison(reference: reference.label, comparison: comparison.label, difference: d,
                                         differenceStandardError: dse, differenceLower: d - z * dse, differenceUpper: d + z * dse,
                                         ratio: ratio, logRatioStandardError: lse,
                                         ratioLower: exp(log(ratio) - z * lse), ratioUpper: exp(log(ratio) + z * lse))
    }
}
