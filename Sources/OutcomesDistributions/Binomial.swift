#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The binomial distribution: successes in `trials` independent trials with success probability `probability`.
///
/// The mass function uses Loader's saddle-point form (relative precision for any n); the distribution
/// function uses P(X ≤ k) = 1 − I_p(k+1, n−k), each tail computed directly. Invalid parameters
/// (n < 0, p outside [0, 1]) give NaN.
public struct Binomial: Sendable, Hashable {
    /// Number of trials n ≥ 0.
    public let trials: Int
    /// Success probability p in [0, 1].
    public let probability: Double

    /// A binomial distribution with `trials` n ≥ 0 and success `probability` p in [0, 1].
    public init(trials: Int, probability: Double) {
        self.trials = trials
        self.probability = probability
    }

    private var isValid: Bool { trials >= 0 && probability >= 0 && probability <= 1 }

    /// P(X = k).
    public func pmf(_ k: Int) -> Double {
        guard isValid else { return .nan }
        if k < 0 || k > trials { return 0 }
        let n = Double(trials), p = probability, q = 1 - probability
        if p == 0 { return k == 0 ? 1 : 0 }
        if q == 0 { return k == trials ? 1 : 0 }
        if k == 0 {
            if trials == 0 { return 1 }
            return exp(p < 0.1 ? -SpecialFunctions.devianceTerm(n, n * q) - n * p : n * log(q))
        }
        if k == trials {
            return exp(q < 0.1 ? -SpecialFunctions.devianceTerm(n, n * p) - n * q : n * log(p))
        }
        return SpecialFunctions.binomialKernel(a: Double(k), b: n - Double(k), x: p, y: q)
    }

    /// P(X ≤ k).
    public func cdf(_ k: Int) -> Double {
        guard isValid else { return .nan }
        if k < 0 { return 0 }
        if k >= trials { return 1 }
        return tails(k).atMost
    }

    /// P(X > k), computed directly.
    public func sf(_ k: Int) -> Double {
        guard isValid else { return .nan }
        if k < 0 { return 1 }
        if k >= trials { return 0 }
        return tails(k).above
    }

    /// The smallest k with P(X ≤ k) ≥ p, as R's `qbinom` (which first shrinks p by a factor 1 − 64ε so that
    /// rounding in the distribution function cannot push the answer one step up). Returns nil for p outside
    /// [0, 1] or invalid parameters.
    public func quantile(_ p: Double) -> Int? {
        guard isValid, p >= 0, p <= 1 else { return nil }
        if p == 0 || probability == 0 { return 0 }
        if p == 1 || probability == 1 { return trials }
        let target = p * (1 - 64 * Double.ulpOfOne)
        let n = Double(trials), q = 1 - probability
        let spread = (n * probability * q).squareRoot()
        let guess = n * probability + spread * Normal.quantile(p)
        var k = Int(min(max(guess.rounded(.down), 0), n))
        while k > 0 && cdf(k - 1) >= target { k -= 1 }
        while k < trials && cdf(k) < target { k += 1 }
        return k
    }

    /// Both tails at 0 ≤ k < n: P(X ≤ k) = I_{1−p}(n−k, k+1) and P(X > k) = I_p(k+1, n−k).
    private func tails(_ k: Int) -> (atMost: Double, above: Double) {
        let beta = SpecialFunctions.incompleteBetaTails(x: probability, y: 1 - probability,
                                                        a: Double(k + 1), b: Double(trials - k))
        return (beta.upper, beta.lower)
    }
}
