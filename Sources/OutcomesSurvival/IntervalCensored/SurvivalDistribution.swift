import Foundation
import OutcomesDistributions

/// The error distribution of an accelerated-failure-time model log T = xᵀβ + σW, as R's `survreg(dist =)`.
public enum SurvivalDistribution: String, Sendable, CaseIterable {
    /// W standard (minimum) extreme value: T is Weibull with shape 1/σ and scale exp(xᵀβ).
    case weibull
    /// The Weibull with σ fixed at 1: T is exponential with mean exp(xᵀβ).
    case exponential
    /// W standard normal: T is log-normal.
    case lognormal
    /// W standard logistic: T is log-logistic.
    case loglogistic

    /// Whether the scale σ is fixed at 1 rather than estimated.
    public var hasFixedScale: Bool { self == .exponential }

    /// Whether the model is also a proportional-hazards model (hazard ratio exp(−β/σ) per unit of a covariate).
    public var hasProportionalHazards: Bool { self == .weibull || self == .exponential }

    /// log f(w) of the standard error distribution.
    func logDensity(_ w: Double) -> Double {
        switch self {
        case .weibull, .exponential: return w - exp(w)
        case .lognormal: return -0.5 * w * w - 0.918938533204672741780329736406  // log √(2π)
        case .loglogistic: return -softplus(-w) - softplus(w)
        }
    }

    /// log F(w).
    func logCDF(_ w: Double) -> Double {
        switch self {
        case .weibull, .exponential: return log(-expm1(-exp(w)))
        case .lognormal: return Normal.logCDF(w)
        case .loglogistic: return -softplus(-w)
        }
    }

    /// log S(w) = log(1 − F(w)).
    func logSurvival(_ w: Double) -> Double {
        switch self {
        case .weibull, .exponential: return -exp(w)
        case .lognormal: return Normal.logSF(w)
        case .loglogistic: return -softplus(w)
        }
    }

    /// g′(w) = d log f / dw.
    func scoreOfLogDensity(_ w: Double) -> Double {
        switch self {
        case .weibull, .exponential: return 1 - exp(w)
        case .lognormal: return -w
        case .loglogistic: return -tanh(w / 2)
        }
    }

    /// g″(w) = d² log f / dw².
    func curvatureOfLogDensity(_ w: Double) -> Double {
        switch self {
        case .weibull, .exponential: return -exp(w)
        case .lognormal: return -1
        case .loglogistic:
            let f = exp(logDensity(w))
            return -2 * f
        }
    }
}

/// log(1 + eˣ) without overflow.
func softplus(_ x: Double) -> Double {
    x > 0 ? x + log1p(exp(-x)) : log1p(exp(x))
}
