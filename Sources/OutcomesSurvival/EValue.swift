import Foundation

/// How the E-value treats a hazard ratio: as a risk ratio (rare outcome) or through VanderWeele's
/// conversion for a common outcome.
public enum EValueOutcome: String, Sendable, CaseIterable {
    /// The outcome is rare (under about 15 % by the end of follow-up): the hazard ratio approximates the
    /// risk ratio and is used as it is (VanderWeele & Ding 2017, Table 2). The default.
    case rare
    /// The outcome is common: the hazard ratio is first converted to an approximate risk ratio,
    /// RR ≈ (1 − 0.5^√HR) / (1 − 0.5^√(1/HR)) (VanderWeele & Ding 2017, Table 2; VanderWeele 2017).
    case common
}

/// An E-value for an estimate and for its confidence limit nearer the null.
public struct EValueResult: Sendable, Equatable {
    /// The risk ratio the E-value was computed from (the hazard ratio, or its common-outcome conversion).
    public let riskRatio: Double
    /// The E-value of the point estimate: the minimum strength of association, on the risk-ratio scale,
    /// that an unmeasured confounder would need with both exposure and outcome to explain the estimate away.
    public let estimate: Double
    /// The E-value of the confidence limit nearer 1 (the lower limit when the ratio exceeds 1, the upper
    /// limit when it is below 1); exactly 1 when the interval contains 1. nil when no limits were given.
    public let limit: Double?
}

/// E-values (VanderWeele & Ding, Ann Intern Med 2017;167:268–274): sensitivity of an observed ratio to
/// unmeasured confounding.
public enum EValue {
    /// The E-value of a risk ratio: RR + √(RR (RR − 1)) for RR ≥ 1, and the same applied to 1/RR below 1.
    /// Returns nil when `riskRatio` is not a finite positive number.
    public static func forRiskRatio(_ riskRatio: Double) -> Double? {
        guard riskRatio.isFinite, riskRatio > 0 else { return nil }
        let rr = riskRatio >= 1 ? riskRatio : 1 / riskRatio
        return rr + (rr * (rr - 1)).squareRoot()
    }

    /// The risk ratio a hazard ratio stands for: itself for a rare outcome; for a common outcome
    /// (1 − 0.5^√HR) / (1 − 0.5^√(1/HR)). Returns nil when `hazardRatio` is not a finite positive number.
    public static func riskRatio(fromHazardRatio hazardRatio: Double, outcome: EValueOutcome = .rare) -> Double? {
        guard hazardRatio.isFinite, hazardRatio > 0 else { return nil }
        switch outcome {
        case .rare: return hazardRatio
        case .common:
            if hazardRatio == 1 { return 1 }
            return (1 - pow(0.5, hazardRatio.squareRoot())) / (1 - pow(0.5, (1 / hazardRatio).squareRoot()))
        }
    }

    /// The E-value of a hazard ratio and of its confidence limit nearer 1.
    ///
    /// Limits are optional; when given they must bracket the estimate. The limit's E-value is 1 when the
    /// interval contains 1. Returns nil when the estimate or a given limit is not a finite positive number,
    /// or the limits do not bracket the estimate.
    public static func forHazardRatio(_ hazardRatio: Double, lower: Double? = nil, upper: Double? = nil,
                                      outcome: EValueOutcome = .rare) -> EValueResult? {
        guard let rr = riskRatio(fromHazardRatio: hazardRatio, outcome: outcome),
              let e = forRiskRatio(rr) else { return nil }
        guard let lower, let upper else {
            return EValueResult(riskRatio: rr, estimate: e, limit: nil)
        }
        guard lower.isFinite, upper.isFinite, lower > 0, lower <= hazardRatio, hazardRatio <= upper else { return nil }
        // The transformation to the risk-ratio scale is increasing, so the interval maps limit to limit.
        let limitValue: Double?
        if lower <= 1 && upper >= 1 {
            limitValue = 1
        } else {
            let nearer = hazardRatio > 1 ? lower : upper
            limitValue = riskRatio(fromHazardRatio: nearer, outcome: outcome).flatMap(forRiskRatio)
        }
        return EValueResult(riskRatio: rr, estimate: e, limit: limitValue)
    }
}

extension ParametricHazardRatio {
    /// The E-value of this hazard ratio and of its confidence limit nearer 1.
    public func eValue(outcome: EValueOutcome = .rare) -> EValueResult? {
        EValue.forHazardRatio(hazardRatio, lower: lower, upper: upper, outcome: outcome)
    }
}

extension CoxTerm {
    /// The E-value of this term's hazard ratio and of its confidence limit nearer 1 (nil for a dropped term).
    public func eValue(outcome: EValueOutcome = .rare) -> EValueResult? {
        EValue.forHazardRatio(hazardRatio, lower: hazardRatioLower, upper: hazardRatioUpper, outcome: outcome)
    }
}
