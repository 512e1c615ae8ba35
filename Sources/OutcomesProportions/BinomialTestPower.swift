import OutcomesDistributions

/// Exact power and sample size of the one-sample exact binomial test (`ExactBinomialTest`).
///
/// The power is exact: the binomial probability, at the true rate, of the rejection region {k : p-value(k) ≤ α}.
/// Because the region changes in whole counts, power is a sawtooth in n, not monotone: a larger n can have
/// lower power than a smaller one.
public enum BinomialTestPower {
    /// The rejection region of the exact test: counts k ≤ `lowerCritical` or k ≥ `upperCritical`
    /// (−1 and n + 1 when that side rejects nothing).
    public struct RejectionRegion: Sendable, Hashable {
        /// Largest count rejected on the low side, or −1.
        public let lowerCritical: Int
        /// Smallest count rejected on the high side, or n + 1.
        public let upperCritical: Int
    }

    /// The rejection region for `trials` n against `claim` p₀ at significance `alpha` (reject when p ≤ α).
    /// - Throws: `ProportionError` for n < 1, p₀ outside (0, 1) or α outside (0, 1).
    public static func rejectionRegion(trials n: Int, claim p0: Double, alpha: Double = 0.05,
                                       alternative: Alternative = .twoSided,
                                       twoSidedMethod: TwoSidedExactMethod = .minimumLikelihood) throws(ProportionError) -> RejectionRegion {
        guard n >= 1 else { throw .noTrials(trials: n) }
        guard p0 > 0, p0 < 1 else { throw .probabilityOutOfRange(name: "claim", value: p0) }
        guard alpha > 0, alpha < 1 else { throw .significanceOutOfRange(alpha) }
        let null = Binomial(trials: n, probability: p0)
        let mean = Double(n) * p0
        var lowerCritical = -1, upperCritical = n + 1
        switch alternative {
        case .less:
            // cdf(k) rises with k: the first k with cdf(k) > α ends the region.
            lowerCritical = ExactBinomialTest.firstIndex(in: 0, n + 1) { null.cdf($0) > alpha } - 1
        case .greater:
            upperCritical = ExactBinomialTest.firstIndex(in: 0, n + 1) { null.sf($0 - 1) <= alpha }
        case .twoSided where twoSidedMethod == .central:
            // Rejected exactly when one tail is at most α/2: a prefix (cdf rises with k) and a suffix (sf falls).
            lowerCritical = ExactBinomialTest.firstIndex(in: 0, n + 1) { null.cdf($0) > alpha / 2 } - 1
            upperCritical = ExactBinomialTest.firstIndex(in: 0, n + 1) { null.sf($0 - 1) <= alpha / 2 }
        case .twoSided:
            // The two-sided p-value falls monotonically moving away from the mean on either side.
            let belowMean = Int(mean.rounded(.up)) - 1
            if belowMean >= 0 {
                lowerCritical = ExactBinomialTest.firstIndex(in: 0, belowMean + 1) {
                    ExactBinomialTest.twoSided($0, null) > alpha
                } - 1
            }
            let aboveMean = Int(mean.rounded(.down)) + 1
            if aboveMean <= n {
                upperCritical = ExactBinomialTest.firstIndex(in: aboveMean, n + 1) {
                    ExactBinomialTest.twoSided($0, null) <= alpha
                }
            }
        }
        return RejectionRegion(lowerCritical: lowerCritical, upperCritical: upperCritical)
    }

    /// Exact power: P(reject) when the true rate is `trueRate`, summing the binomial over the rejection region.
    /// - Throws: `ProportionError` as `rejectionRegion`, or for a true rate outside [0, 1].
    public static func power(trials n: Int, claim p0: Double, trueRate p: Double, alpha: Double = 0.05,
                             alternative: Alternative = .twoSided,
                             twoSidedMethod: TwoSidedExactMethod = .minimumLikelihood) throws(ProportionError) -> Double {
        guard p >= 0, p <= 1 else { throw .probabilityOutOfRange(name: "true rate", value: p) }
        let region = try rejectionRegion(trials: n, claim: p0, alpha: alpha, alternative: alternative, twoSidedMethod: twoSidedMethod)
        let truth = Binomial(trials: n, probability: p)
        return min(1, truth.cdf(region.lowerCritical) + truth.sf(region.upperCritical - 1))
    }

    /// The smallest n (searching n = 1, 2, … up to `limit`) whose exact power reaches `targetPower`.
    /// Because of the sawtooth, some larger n may still fall short of the target.
    /// - Throws: `ProportionError` for invalid arguments, or `.sampleSizeNotReached` past `limit`.
    public static func minimalTrials(claim p0: Double, trueRate p: Double, targetPower: Double = 0.8,
                                     alpha: Double = 0.05, alternative: Alternative = .twoSided,
                                     twoSidedMethod: TwoSidedExactMethod = .minimumLikelihood,
                                     limit: Int = 100_000) throws(ProportionError) -> Int {
        guard targetPower > 0, targetPower < 1 else { throw .powerOutOfRange(targetPower) }
        for n in 1...max(1, limit) {
            if try power(trials: n, claim: p0, trueRate: p, alpha: alpha, alternative: alternative, twoSidedMethod: twoSidedMethod) >= targetPower {
                return n
            }
        }
        throw .sampleSizeNotReached(limit: limit)
    }
}

/// Power and sample size for comparing two proportions with equal group sizes, by the normal approximation
/// that R's `power.prop.test` uses (with its default `strict = FALSE`, counting only the rejection tail in the
/// direction of the true difference):
/// power = Φ((√n·|p₁ − p₂| − z_α·√((p₁ + p₂)(1 − (p₁ + p₂)/2))) / √(p₁q₁ + p₂q₂)), z_α = Φ⁻¹(1 − α/sides).
public enum TwoProportionPower {
    /// Power with `perGroup` subjects in each group (n may be fractional, as in R).
    /// - Throws: `ProportionError` for rates outside (0, 1), α outside (0, 1), or n ≤ 0.
    public static func power(perGroup n: Double, rateA p1: Double, rateB p2: Double, alpha: Double = 0.05,
                             twoSided: Bool = true) throws(ProportionError) -> Double {
        try validate(p1, p2, alpha)
        guard n > 0 else { throw .noTrials(trials: Int(n)) }
        let zAlpha = Normal.upperQuantile(alpha / (twoSided ? 2 : 1))
        let pooled = ((p1 + p2) * (1 - (p1 + p2) / 2)).squareRoot()
        let separate = (p1 * (1 - p1) + p2 * (1 - p2)).squareRoot()
        return Normal.cdf((n.squareRoot() * abs(p1 - p2) - zAlpha * pooled) / separate)
    }

    /// The (fractional) n per group attaining `targetPower`, in closed form:
    /// n = ((z_α·√((p₁ + p₂)(1 − (p₁ + p₂)/2)) + z_β·√(p₁q₁ + p₂q₂)) / |p₁ − p₂|)²; round up for a design.
    /// - Throws: `ProportionError` for invalid arguments or equal rates (no finite n).
    public static func perGroupSize(rateA p1: Double, rateB p2: Double, targetPower: Double = 0.8,
                                    alpha: Double = 0.05, twoSided: Bool = true) throws(ProportionError) -> Double {
        try validate(p1, p2, alpha)
        guard targetPower > 0, targetPower < 1 else { throw .powerOutOfRange(targetPower) }
        guard p1 != p2 else { throw .probabilityOutOfRange(name: "rate B (equal to rate A)", value: p2) }
        let zAlpha = Normal.upperQuantile(alpha / (twoSided ? 2 : 1))
        let zBeta = Normal.quantile(targetPower)
        let pooled = ((p1 + p2) * (1 - (p1 + p2) / 2)).squareRoot()
        let separate = (p1 * (1 - p1) + p2 * (1 - p2)).squareRoot()
        let root = (zAlpha * pooled + zBeta * separate) / abs(p1 - p2)
        return root * root
    }

    private static func validate(_ p1: Double, _ p2: Double, _ alpha: Double) throws(ProportionError) {
        guard p1 > 0, p1 < 1 else { throw .probabilityOutOfRange(name: "rate A", value: p1) }
        guard p2 > 0, p2 < 1 else { throw .probabilityOutOfRange(name: "rate B", value: p2) }
        guard alpha > 0, alpha < 1 else { throw .significanceOutOfRange(alpha) }
    }
}
