import Foundation

/// The scale on which a pointwise confidence interval for a survival probability is built, as R's
/// `survfit(conf.type=)`. The standard error is on the log-survival scale (Greenwood, Nelson–Aalen or jackknife).
public enum ConfidenceTransform: String, Sendable, CaseIterable {
    /// S ± z·se(S), clipped to [0, 1].
    case plain
    /// exp(log S ± z·se(log S)), upper clipped at 1 (R's default).
    case log
    /// Complementary log-log: exp(−exp(log(−log S) ± z·se(log S)/log S)).
    case logLog = "log-log"
    /// Logit scale.
    case logit
    /// Arcsine square-root scale.
    case arcsin

    /// Lower and upper limits for survival `p` whose log-scale standard error is `se`, with normal
    /// quantile `z`. NaN where R returns NA (for example S = 0 on the log scale).
    func interval(survival p: Double, logStandardError se: Double, z: Double) -> (lower: Double, upper: Double) {
        switch self {
        case .plain:
            let half = se * p * z
            if half.isNaN { return (.nan, .nan) }
            return (Swift.max(p - half, 0), Swift.min(p + half, 1))
        case .log:
            if p == 0 { return (.nan, .nan) }
            let half = z * se
            let upper = Foundation.exp(Foundation.log(p) + half)
            return (Foundation.exp(Foundation.log(p) - half), upper.isNaN ? .nan : Swift.min(upper, 1))
        case .logLog:
            if p == 0 || p == 1 { return (.nan, .nan) }
            let half = z * se / Foundation.log(p)
            let centre = Foundation.log(-Foundation.log(p))
            return (Foundation.exp(-Foundation.exp(centre - half)), Foundation.exp(-Foundation.exp(centre + half)))
        case .logit:
            if p == 0 { return (.nan, .nan) }
            let half = z * se * (1 + p / (1 - p))
            let centre = Foundation.log(p / (1 - p))
            return (1 - 1 / (1 + Foundation.exp(centre - half)), 1 - 1 / (1 + Foundation.exp(centre + half)))
        case .arcsin:
            if p == 0 { return (.nan, .nan) }
            let half = 0.5 * z * se * (p / (1 - p)).squareRoot()
            let centre = Foundation.asin(p.squareRoot())
            let lo = centre - half, hi = centre + half
            if lo.isNaN || hi.isNaN { return (.nan, .nan) }
            let l = Foundation.sin(Swift.max(0, lo)), u = Foundation.sin(Swift.min(Double.pi / 2, hi))
            return (l * l, u * u)
        }
    }
}
