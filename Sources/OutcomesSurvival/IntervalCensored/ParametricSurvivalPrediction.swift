import Foundation
import OutcomesDistributions
import OutcomesLinearAlgebra

/// A quantile of the event time predicted by a parametric model at given covariate values.
public struct ParametricQuantile: Sendable, Equatable {
    /// p: the probability of the event by the returned time (0.5 for the median).
    public let probability: Double
    /// log t_p = xᵀβ + σ w_p, w_p the p-quantile of the error distribution (R's `predict(type = "uquantile")`).
    public let logTime: Double
    /// Delta-method standard error of log t_p from the covariance of (β, log σ): gradient (x, σ w_p).
    public let logStandardError: Double
    /// t_p = exp(logTime) (R's `predict(type = "quantile")`).
    public var time: Double { exp(logTime) }
    /// exp(logTime − z·logStandardError).
    public let lower: Double
    /// exp(logTime + z·logStandardError).
    public let upper: Double
}

extension SurvivalDistribution {
    /// The p-quantile of the standard error distribution W.
    func errorQuantile(_ p: Double) -> Double {
        switch self {
        case .weibull, .exponential: return log(-log1p(-p))
        case .lognormal: return Normal.quantile(p)
        case .loglogistic: return log(p / (1 - p))
        }
    }
}

extension ParametricSurvivalModel {
    /// Quantiles of T for one covariate vector (without the intercept; as many values as covariates), with
    /// log-scale delta-method intervals at the model's level. Throws when the vector has the wrong length
    /// or a probability is outside (0, 1).
    public func quantiles(_ probabilities: [Double], covariates x: [Double] = []) throws(SurvivalError) -> [ParametricQuantile] {
        let p = terms.count - 1
        guard x.count == p else { throw .lengthMismatch("\(p) covariates in the model but \(x.count) values given") }
        let z = Normal.quantile(1 - (1 - level) / 2)
        let design = [1.0] + x
        var eta = 0.0
        for j in 0...p { eta += design[j] * terms[j].coefficient }
        return try probabilities.map { (prob: Double) throws(SurvivalError) -> ParametricQuantile in
            guard prob > 0 && prob < 1 else { throw .invalidArgument("probability must lie in (0, 1), got \(prob)") }
            let w = distribution.errorQuantile(prob)
            var gradient = design
            if !distribution.hasFixedScale { gradient.append(scale * w) }
            var variance = 0.0
            for a in gradient.indices { for b in gradient.indices { variance += gradient[a] * covariance[a, b] * gradient[b] } }
            let logT = eta + scale * w, se = variance.squareRoot()
            return ParametricQuantile(probability: prob, logTime: logT, logStandardError: se,
                                      lower: exp(logT - z * se), upper: exp(logT + z * se))
        }
    }

    /// The median event time at the given covariate values.
    public func median(covariates x: [Double] = []) throws(SurvivalError) -> ParametricQuantile {
        try quantiles([0.5], covariates: x)[0]
    }
}

extension ParametricSurvival {
    /// Convenience for arrays of (left, right) pairs and optional group labels: the groups enter as one
    /// 0/1 indicator per level other than `reference` (default: the first level in sorted order, as R's
    /// factor), each named by its level, so that for the Weibull and exponential `hazardRatios[k]` is the
    /// hazard ratio of that level against the reference. A nil or +∞ right end is right-censored; a nil
    /// (or 0) left end is left-censored.
    public static func fit(left: [Double?], right: [Double?], groups: [String]? = nil, reference: String? = nil,
                           distribution: SurvivalDistribution = .weibull,
                           options: ParametricSurvivalOptions = ParametricSurvivalOptions()) throws(SurvivalError) -> ParametricSurvivalModel {
        let data = try IntervalCensoredData(left: left, right: right)
        guard let groups else { return try fit(data, distribution: distribution, options: options) }
        guard groups.count == data.count else { throw .lengthMismatch("\(data.count) rows but \(groups.count) group labels") }
        let grouping = Grouping(labels: groups)
        let referenceLevel = reference ?? grouping.labels[0]
        guard let referenceCode = grouping.labels.firstIndex(of: referenceLevel) else {
            throw .invalidArgument("reference level \(referenceLevel) is not among the groups (\(grouping.labels.joined(separator: ", ")))")
        }
        let others = grouping.labels.indices.filter { $0 != referenceCode }
        guard !others.isEmpty else { throw .needsTwoGroups(found: 1) }
        var x = Matrix(rows: data.count, columns: others.count)
        for (j, code) in others.enumerated() { for i in 0..<data.count where grouping.codes[i] == code { x[i, j] = 1 } }
        return try fit(data, covariates: x, names: others.map { grouping.labels[$0] }, distribution: distribution, options: options)
    }
}
