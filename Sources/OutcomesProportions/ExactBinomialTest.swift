import OutcomesDistributions

/// The alternative hypothesis of a test about a proportion (or a difference).
public enum Alternative: String, CaseIterable, Sendable, Hashable {
    /// The true value differs from the null value.
    case twoSided = "two.sided"
    /// The true value is less than the null value.
    case less
    /// The true value is greater than the null value.
    case greater
}

/// How a two-sided exact binomial p-value combines the tails.
public enum TwoSidedExactMethod: String, CaseIterable, Sendable, Hashable {
    /// R's `binom.test`: outcomes no more likely than the observed one (Sterne's minimum-likelihood rule).
    case minimumLikelihood = "minimum-likelihood"
    /// Twice the smaller one-sided p-value, capped at 1: the test that inverts the Clopper–Pearson interval,
    /// so p ≤ α exactly when p₀ lies outside the (1 − α) Clopper–Pearson interval.
    case central
}

/// The exact binomial test of H₀: p = p₀.
public enum ExactBinomialTest {
    /// Relative tolerance on densities when collecting outcomes "as or less likely" than the observed one,
    /// the same 1 + 1e-7 that R's `binom.test` uses to absorb rounding in the densities.
    public static let densityTolerance = 1 + 1e-7

    /// The p-value for `successes` out of `trials` against `claim` p₀ in [0, 1].
    ///
    /// Two-sided, as R's `binom.test`: P(X ≤ k) plus the probability of the outcomes on the other side of
    /// n·p₀ whose density is at most (1 + 1e-7)·P(X = k) (or the mirror image when k > n·p₀); 1 when k = n·p₀.
    /// One-sided: P(X ≤ k) for `.less`, P(X ≥ k) for `.greater`.
    /// - Throws: `ProportionError` for invalid counts or a claim outside [0, 1].
    /// `twoSidedMethod` chooses how the two-sided p-value is formed (see `TwoSidedExactMethod`).
    public static func pValue(successes k: Int, trials n: Int, claim p0: Double,
                              alternative: Alternative = .twoSided,
                              twoSidedMethod: TwoSidedExactMethod = .minimumLikelihood) throws(ProportionError) -> Double {
        try validateCount(successes: k, trials: n)
        guard p0 >= 0, p0 <= 1 else { throw .probabilityOutOfRange(name: "claim", value: p0) }
        let distribution = Binomial(trials: n, probability: p0)
        switch alternative {
        case .less: return distribution.cdf(k)
        case .greater: return distribution.sf(k - 1)
        case .twoSided:
            switch twoSidedMethod {
            case .minimumLikelihood: return twoSided(k, distribution)
            case .central: return central(k, distribution)
            }
        }
    }

    /// min(1, 2 · min(P(X ≤ k), P(X ≥ k))).
    static func central(_ k: Int, _ distribution: Binomial) -> Double {
        min(1, 2 * min(distribution.cdf(k), distribution.sf(k - 1)))
    }

    /// Two-sided p-value; the count of outcomes on the far side is found by bisection, since the binomial
    /// mass is monotone on each side of its mean (the mode lies between ⌊np⌋ and ⌈np⌉).
    static func twoSided(_ k: Int, _ distribution: Binomial) -> Double {
        let n = distribution.trials
        let mean = Double(n) * distribution.probability
        let observed = distribution.pmf(k)
        if Double(k) == mean { return 1 }
        let threshold = observed * densityTolerance
        if Double(k) < mean {
            // Count i in ⌈mean⌉...n with pmf(i) ≤ threshold: a suffix, since the mass falls there.
            let first = Int(mean.rounded(.up))
            let start = firstIndex(in: first, n + 1) { distribution.pmf($0) <= threshold }
            let count = n + 1 - start
            return min(1, distribution.cdf(k) + distribution.sf(n - count))
        }
        // Count i in 0...⌊mean⌋ with pmf(i) ≤ threshold: a prefix, since the mass rises there.
        let last = Int(mean.rounded(.down))
        let end = firstIndex(in: 0, last + 1) { distribution.pmf($0) > threshold }
        let count = end
        return min(1, distribution.cdf(count - 1) + distribution.sf(k - 1))
    }

    /// The first index in lo..<hi where a monotone predicate (false…false true…true) holds, or hi.
    static func firstIndex(in lo: Int, _ hi: Int, where predicate: (Int) -> Bool) -> Int {
        var lo = lo, hi = hi
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if predicate(mid) { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
