/// How remission is read on a scale: strictly below a value (PHQ-9 < 5) or at or below one (MADRS ≤ 10).
public enum RemissionRule: Sendable, Equatable, CustomStringConvertible {
    case below(Int)
    case atMost(Int)

    /// Whether `total` is a remission.
    public func contains(_ total: Double) -> Bool {
        switch self {
        case .below(let v): total < Double(v)
        case .atMost(let v): total <= Double(v)
        }
    }

    /// `total < 5` or `total ≤ 10`.
    public var description: String {
        switch self {
        case .below(let v): "total < \(v)"
        case .atMost(let v): "total ≤ \(v)"
        }
    }
}

/// Every plan rule that depends on the scale, in one value: `plan.rules(for: scale)`. Code that needs a
/// threshold asks for it here instead of choosing between the PHQ-9 and MADRS settings itself.
public struct ScaleRules: Sendable, Equatable {
    public let scale: Scale
    /// Response: at least this percent reduction from a baseline above 0.
    public let responsePercentReduction: Double
    /// Partial response: at least this percent reduction, below the response cut-off.
    public let partialResponsePercentReduction: Double
    public let remission: RemissionRule
    /// The suicidal item counts as positive at or above this value.
    public let suicidalPositiveAtLeast: Int
    /// The suicidal item counts as resolved at or below this value.
    public let suicidalResolvedAtMost: Int
    /// A relapse score is at or above this value.
    public let relapseAtLeast: Int
    /// Missing items prorated at most (never the suicidal item).
    public let maxProratedItems: Int

    /// Percent reduction from `baseline` to `score`; nil when the baseline is 0 (undefined).
    public func percentReduction(baseline: Double, score: Double) -> Double? {
        baseline > 0 ? 100 * (baseline - score) / baseline : nil
    }

    /// The response rule, written once: a reduction of at least `responsePercentReduction` from a baseline above 0.
    public func isResponse(baseline: Double, score: Double) -> Bool {
        (percentReduction(baseline: baseline, score: score) ?? -.infinity) >= responsePercentReduction
    }

    /// A reduction of at least the partial cut-off but short of response.
    public func isPartialResponse(baseline: Double, score: Double) -> Bool {
        guard let r = percentReduction(baseline: baseline, score: score) else { return false }
        return r >= partialResponsePercentReduction && r < responsePercentReduction
    }

    /// Whether `total` is a remission.
    public func isRemission(_ total: Double) -> Bool { remission.contains(total) }

    /// The rules in words, as printed beside the rates.
    public var responseText: String { "≥ \(PlanNumber.format(responsePercentReduction)) % reduction from baseline" }
    public var partialResponseText: String {
        "\(PlanNumber.format(partialResponsePercentReduction))–\(PlanNumber.format(responsePercentReduction)) % reduction, below response"
    }
    public var remissionText: String { remission.description }
}

extension AnalysisPlan {
    /// The rules of this plan for `scale`.
    public func rules(for scale: Scale) -> ScaleRules {
        let phq9 = scale == .phq9
        return ScaleRules(scale: scale, responsePercentReduction: responsePercentReduction,
                          partialResponsePercentReduction: partialResponsePercentReduction,
                          remission: phq9 ? .below(phq9RemissionBelow) : .atMost(madrsRemissionAtMost),
                          suicidalPositiveAtLeast: phq9 ? phq9SuicidalPositiveAtLeast : madrsSuicidalPositiveAtLeast,
                          suicidalResolvedAtMost: phq9 ? phq9SuicidalResolvedAtMost : madrsSuicidalResolvedAtMost,
                          relapseAtLeast: phq9 ? phq9RelapseAtLeast : madrsRelapseAtLeast,
                          maxProratedItems: phq9 ? phq9MaxProratedItems : madrsMaxProratedItems)
    }
}
