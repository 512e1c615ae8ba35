import OutcomesClinical

/// True values of the quantities the report prints, derived exactly from the model's parameters (no
/// simulation): what an analysis of a large generated cohort must recover under the definitions stated
/// beside each value.
public struct SyntheticTruthValues: Sendable {
    public let model: SyntheticCohortModel

    public init(model: SyntheticCohortModel) { self.model = model }

    // MARK: - Response and remission at the end of induction

    /// Probability of PHQ-9 response for a patient with an end-of-induction score, by diagnosis.
    public func phq9Response(_ diagnosis: Diagnosis) -> Double { model.responseProbability[diagnosis, default: 0] }

    /// Probability of PHQ-9 remission (total < 5), by diagnosis.
    public func phq9Remission(_ diagnosis: Diagnosis) -> Double { phq9Response(diagnosis) * model.remissionProbabilityGivenResponse }

    /// Probability of MADRS response, by diagnosis.
    public func madrsResponse(_ diagnosis: Diagnosis) -> Double {
        let p = phq9Response(diagnosis)
        let m = model.madrsResponseProbability
        return p * m.givenPHQ9Response + (1 - p) * m.givenPHQ9NonResponse
    }

    /// Probability of MADRS remission (total ≤ 10), by diagnosis.
    public func madrsRemission(_ diagnosis: Diagnosis) -> Double {
        let p = phq9Response(diagnosis)
        let r = model.remissionProbabilityGivenResponse
        let m = model.madrsResponseProbability
        let q = model.madrsRemissionProbability
        return p * m.givenPHQ9Response * (r * q.givenPHQ9Remission + (1 - r) * q.otherwise)
            + (1 - p) * m.givenPHQ9NonResponse * q.otherwise
    }

    /// A per-diagnosis probability averaged over the diagnosis shares (the "all patients" row: whether a
    /// patient has an end-of-induction score does not depend on diagnosis or response).
    public func overall(_ value: (Diagnosis) -> Double) -> Double {
        let total = Diagnosis.allCases.reduce(0) { $0 + model.diagnosisShares[$1, default: 0] }
        return Diagnosis.allCases.reduce(0) { $0 + model.diagnosisShares[$1, default: 0] * value($1) } / total
    }

    // MARK: - Suicidal item

    /// Probability that the suicidal item is resolved at the latest score within `window` minutes of the first
    /// infusion's start, among patients positive before it and assessed in the window (windows up to one day).
    public func suicidalResolution(_ instrument: Instrument, windowMinutes: Int) -> Double {
        let cumulative = model.suicidalItemResolvedByMinutes[instrument, default: []]
        let marks = SyntheticCohortModel.suicidalItemMarkMinutes
        // The latest score within the window shows the state of the last mark not after the window; any score
        // after the last mark (up to a day) shows the last mark's state.
        guard let index = marks.lastIndex(where: { $0 <= windowMinutes }), index < cumulative.count else { return 0 }
        return cumulative[index]
    }

    // MARK: - Tolerability of the induction series

    /// Probability that an infusion brings at least one adverse event that leads to discontinuation.
    public var discontinuationProbabilityPerInfusion: Double {
        let perEvent = model.discontinuationProbabilityPerEvent
        let none = AdverseEventTermProduct.product(model.adverseEventProbability.values.map { 1 - $0 * perEvent })
        return 1 - none
    }

    /// Probability of tolerating the induction series when tolerated means no adverse event leading to
    /// discontinuation (`alsoInterruptions` false) or, in addition, every infusion completed (true).
    ///
    /// Exact: a series of N infusions (N drawn from the count shares) ends early after an infusion with a
    /// discontinuing adverse event (probability q) or after a dropout (probability r, after an infusion without
    /// one). An infusion is interrupted for another reason with probability i, independently.
    public func tolerated(alsoInterruptions: Bool) -> Double {
        let q = discontinuationProbabilityPerInfusion
        let r = model.dropoutProbabilityPerInductionInfusion
        let i = model.infusionInterruptedProbability
        let clean = (1 - q) * (alsoInterruptions ? 1 - i : 1)
        let shares = model.inductionInfusionCountShares
        let shareTotal = shares.reduce(0) { $0 + $1.share }
        var result = 0.0
        for (count, share) in shares {
            // P(first k infusions clean, then the series ends by dropout after k) + P(all N clean).
            var probability = 0.0
            var cleanSoFar = 1.0
            for k in 1...count {
                cleanSoFar *= clean
                probability += k < count ? cleanSoFar * r : cleanSoFar
                cleanSoFar *= (k < count ? 1 - r : 1)
            }
            result += share / shareTotal * probability
        }
        return result
    }

    // MARK: - Relapse

    /// One kind of induction responder: severe or not, remitter or not, with its share among responders.
    struct ResponderKind {
        let severe: Bool
        let remitter: Bool
        let share: Double
    }

    /// Share of severe baselines: P(round(normal(mean, sd)) ≥ cut-off), clamping to 10–27 aside.
    var severeShare: Double {
        let z = (Double(model.severeBaselinePHQ9AtLeast) - 0.5 - model.baselinePHQ9Mean) / model.baselinePHQ9StandardDeviation
        return PortableMath.standardNormalUpperTail(z)
    }

    /// Responder kinds: baseline severity and remission are independent of each other and of diagnosis.
    var responderKinds: [ResponderKind] {
        let s = severeShare
        let r = model.remissionProbabilityGivenResponse
        return [false, true].flatMap { severe in
            [false, true].map { remitter in
                ResponderKind(severe: severe, remitter: remitter, share: (severe ? s : 1 - s) * (remitter ? r : 1 - r))
            }
        }
    }

    /// Probability that a responder of a kind follows `strategy`.
    func strategyProbability(_ strategy: TreatmentStrategy, _ kind: ResponderKind) -> Double {
        switch model.strategyAssignment {
        case .random:
            let total = TreatmentStrategy.allCases.reduce(0) { $0 + model.strategyShares[$1, default: 0] }
            return model.strategyShares[strategy, default: 0] / total
        case .confounded:
            let m = model.confoundedMaintenanceProbability(severe: kind.severe, remitter: kind.remitter)
            return strategy == .maintenance ? m : 1 - m
        }
    }

    /// The mixture of exponential relapse times of responders following `strategy`: the responders who chose
    /// it (`counterfactual` false: what a Kaplan–Meier curve of that group estimates) or all responders, had
    /// they all followed it (`counterfactual` true).
    func relapseMixture(_ strategy: TreatmentStrategy, counterfactual: Bool) -> [(weight: Double, rate: Double)] {
        let kinds = responderKinds
        let weights = kinds.map { counterfactual ? $0.share : $0.share * strategyProbability(strategy, $0) }
        let total = weights.reduce(0, +)
        return zip(kinds, weights).map { kind, weight in
            (weight / total, model.relapseHazardPerDay(strategy, severe: kind.severe, remitter: kind.remitter))
        }
    }

    /// Relapse-free probability `days` after the last induction infusion's start.
    public func relapseFree(_ strategy: TreatmentStrategy, days: Double, counterfactual: Bool = false) -> Double {
        Self.survival(relapseMixture(strategy, counterfactual: counterfactual), days)
    }

    /// Median days to relapse (the day the relapse-free probability reaches one half), by bisection.
    public func relapseMedianDays(_ strategy: TreatmentStrategy, counterfactual: Bool = false) -> Double {
        let mixture = relapseMixture(strategy, counterfactual: counterfactual)
        var low = 0.0, high = 100_000.0
        for _ in 0..<200 {
            let middle = (low + high) / 2
            if Self.survival(mixture, middle) > 0.5 { low = middle } else { high = middle }
        }
        return (low + high) / 2
    }

    /// Restricted mean relapse-free days up to `horizon`.
    public func relapseRestrictedMean(_ strategy: TreatmentStrategy, horizon: Double, counterfactual: Bool = false) -> Double {
        relapseMixture(strategy, counterfactual: counterfactual).reduce(0) {
            $0 + $1.weight * (1 - PortableMath.exp(-$1.rate * horizon)) / $1.rate
        }
    }

    /// Hazard ratio maintenance vs as-needed for one responder (the same for every kind).
    public var relapseConditionalHazardRatio: Double { model.relapseHazardPerDay(.maintenance) / model.relapseHazardPerDay(.asNeeded) }

    /// The marginal hazard ratio maintenance vs as-needed: the value a Cox model converges to in a trial that
    /// randomizes all induction responders 1:1 between the strategies and follows them without censoring.
    ///
    /// Derived from the model: the population limit of the Cox score,
    /// ∫₀^∞ [f₁(t) − S₁(t) e^β (f₀(t) + f₁(t)) / (S₀(t) + S₁(t) e^β)] dt = 0, where S and f are each arm's
    /// relapse-free function and density (mixtures of exponentials over responder kinds). The integral is
    /// taken by Simpson's rule over 20 000 steps up to where every component has fallen below e^-40, and β
    /// is found by bisection. Because relapse hazards differ between kinds, the marginal ratio is nearer 1
    /// than the conditional one (non-collapsibility), whatever the assignment.
    public var relapseMarginalHazardRatio: Double {
        let arms = [relapseMixture(.asNeeded, counterfactual: true), relapseMixture(.maintenance, counterfactual: true)]
        let slowest = arms.flatMap { $0.map(\.rate) }.min() ?? 1
        let steps = 20_000
        let end = 40 / slowest
        let h = end / Double(steps)
        var s0 = [Double](), s1 = [Double](), f0 = [Double](), f1 = [Double](), w = [Double]()
        for step in 0...steps {
            let t = Double(step) * h
            s0.append(Self.survival(arms[0], t)); s1.append(Self.survival(arms[1], t))
            f0.append(Self.density(arms[0], t)); f1.append(Self.density(arms[1], t))
            w.append(step == 0 || step == steps ? 1 : (step % 2 == 1 ? 4 : 2))
        }
        func score(_ beta: Double) -> Double {
            let e = PortableMath.exp(beta)
            var sum = 0.0
            for k in 0...steps {
                let denominator = s0[k] + s1[k] * e
                guard denominator > 0 else { continue }
                sum += w[k] * (f1[k] - s1[k] * e * (f0[k] + f1[k]) / denominator)
            }
            return sum * h / 3
        }
        // The score decreases in β.
        var low = -5.0, high = 5.0
        for _ in 0..<100 {
            let middle = (low + high) / 2
            if score(middle) > 0 { low = middle } else { high = middle }
        }
        return PortableMath.exp((low + high) / 2)
    }

    static func survival(_ mixture: [(weight: Double, rate: Double)], _ t: Double) -> Double {
        mixture.reduce(0) { $0 + $1.weight * PortableMath.exp(-$1.rate * t) }
    }

    static func density(_ mixture: [(weight: Double, rate: Double)], _ t: Double) -> Double {
        mixture.reduce(0) { $0 + $1.weight * $1.rate * PortableMath.exp(-$1.rate * t) }
    }
}

/// A product in a fixed order (dictionary order is not fixed, floating-point products are not associative).
enum AdverseEventTermProduct {
    static func product(_ values: [Double]) -> Double {
        values.sorted().reduce(1, *)
    }
}
