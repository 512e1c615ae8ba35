import Foundation
import OutcomesDistributions

/// The error distribution and canonical link of a generalized linear model, with R's numerical guards.
public enum GLMFamily: String, Sendable, CaseIterable {
    /// Binomial with the logit link (outcome a proportion in [0, 1], usually 0/1).
    case binomial
    /// Poisson with the log link (outcome a non-negative count).
    case poisson

    /// The link's name as R prints it.
    public var link: String { self == .binomial ? "logit" : "log" }

    static let epsilon = Double.ulpOfOne

    func linkInverse(_ eta: Double) -> Double {
        switch self {
        case .binomial:
            // R's logit_linkinv clamps at |eta| > 30.
            let t = eta < -30 ? Self.epsilon : (eta > 30 ? 1 / Self.epsilon : exp(eta))
            return t / (1 + t)
        case .poisson:
            return max(exp(eta), Self.epsilon)
        }
    }

    func link(_ mu: Double) -> Double {
        self == .binomial ? log(mu / (1 - mu)) : log(mu)
    }

    /// dμ/dη.
    func muEta(_ eta: Double) -> Double {
        switch self {
        case .binomial:
            if eta > 30 || eta < -30 { return Self.epsilon }
            let e = exp(eta), o = 1 + e
            return e / (o * o)
        case .poisson:
            return max(exp(eta), Self.epsilon)
        }
    }

    func variance(_ mu: Double) -> Double { self == .binomial ? mu * (1 - mu) : mu }

    /// R's `mustart` from `family$initialize`.
    func start(_ y: Double, weight: Double) -> Double {
        self == .binomial ? (weight * y + 0.5) / (weight + 1) : y + 0.1
    }

    static func yLogY(_ y: Double, _ mu: Double) -> Double { y != 0 ? y * log(y / mu) : 0 }

    /// One observation's deviance contribution (R's `dev.resids`).
    func deviance(_ y: Double, _ mu: Double, weight: Double) -> Double {
        switch self {
        case .binomial: return 2 * weight * (Self.yLogY(y, mu) + Self.yLogY(1 - y, 1 - mu))
        case .poisson: return y > 0 ? 2 * weight * (y * log(y / mu) - (y - mu)) : 2 * mu * weight
        }
    }

    /// One observation's log-likelihood as R's `family$aic` counts it (so `loglik` and `aic` match `logLik.glm`).
    func logLikelihood(_ y: Double, _ mu: Double, weight: Double) -> Double {
        switch self {
        case .binomial:
            // dbinom(round(m y), round(m), mu) with m = the prior weight.
            guard weight > 0 else { return 0 }
            let size = weight.rounded(), k = (weight * y).rounded()
            var l = SpecialFunctions.logGamma(size + 1) - SpecialFunctions.logGamma(k + 1) - SpecialFunctions.logGamma(size - k + 1)
            if k > 0 { l += k * log(mu) }
            if size - k > 0 { l += (size - k) * log(1 - mu) }
            return l
        case .poisson:
            let l = y > 0 ? y * log(mu) - mu - SpecialFunctions.logGamma(y + 1) : -mu
            return weight * l
        }
    }

    func validEta(_ eta: Double) -> Bool { eta.isFinite }
    func validMu(_ mu: Double) -> Bool {
        self == .binomial ? mu.isFinite && mu > 0 && mu < 1 : mu.isFinite && mu > 0
    }
}
