import OutcomesDistributions

/// A confidence interval for a difference of two proportions p_A − p_B.
public struct DifferenceInterval: Sendable, Hashable {
    /// Observed difference k_A/n_A − k_B/n_B.
    public let difference: Double
    /// Lower limit, in [−1, 1].
    public let lower: Double
    /// Upper limit, in [−1, 1].
    public let upper: Double
    /// Confidence level.
    public let level: Double
    /// Name of the method.
    public let method: String
}

/// Newcombe's hybrid score interval for a difference of independent proportions.
public enum NewcombeInterval {
    /// Method name printed in reports.
    public static let methodName = "Newcombe hybrid score (method 10, Wilson limits without continuity correction)"

    /// Newcombe (1998, Statistics in Medicine 17:873–890) method 10: with Wilson limits (l_A, u_A) and
    /// (l_B, u_B) at the same level, the limits of d = p_A − p_B are
    /// d − √((p_A − l_A)² + (u_B − p_B)²) and d + √((u_A − p_A)² + (p_B − l_B)²).
    /// - Throws: `ProportionError` for invalid counts or level.
    public static func interval(successesA kA: Int, trialsA nA: Int, successesB kB: Int, trialsB nB: Int,
                                level: Double = 0.95) throws(ProportionError) -> DifferenceInterval {
        try validateCount(successes: kA, trials: nA)
        try validateCount(successes: kB, trials: nB)
        try validateLevel(level)
        let (lower, upper) = limits(kA, nA, kB, nB, alpha: 1 - level)
        return DifferenceInterval(difference: Double(kA) / Double(nA) - Double(kB) / Double(nB),
                                  lower: lower, upper: upper, level: level, method: methodName)
    }

    /// The limits for a two-sided error rate `alpha`.
    static func limits(_ kA: Int, _ nA: Int, _ kB: Int, _ nB: Int, alpha: Double) -> (Double, Double) {
        limits(kA, nA, kB, nB, z: Normal.upperQuantile(alpha / 2))
    }

    /// The limits for a normal deviate z ≥ 0.
    static func limits(_ kA: Int, _ nA: Int, _ kB: Int, _ nB: Int, z: Double) -> (Double, Double) {
        let pA = Double(kA) / Double(nA), pB = Double(kB) / Double(nB)
        let (lA, uA) = OneProportion.wilson(kA, nA, z: z)
        let (lB, uB) = OneProportion.wilson(kB, nB, z: z)
        let d = pA - pB
        let lower = d - ((pA - lA) * (pA - lA) + (uB - pB) * (uB - pB)).squareRoot()
        let upper = d + ((uA - pA) * (uA - pA) + (pB - lB) * (pB - lB)).squareRoot()
        return (max(lower, -1), min(upper, 1))
    }
}

/// Pearson's chi-square test of equal proportions in a 2 × 2 table, without continuity correction,
/// as R's `prop.test(correct = FALSE)` and `chisq.test(correct = FALSE)`.
public struct PearsonChiSquareTest: Sendable, Hashable {
    /// The statistic N(ad − bc)² / (r₁ r₂ c₁ c₂) on 1 degree of freedom.
    public let statistic: Double
    /// Upper-tail chi-square(1) probability of the statistic.
    public let pValue: Double

    /// The test for k_A of n_A against k_B of n_B; nil when all outcomes are successes or all failures
    /// (an expected count is zero and the statistic is undefined; R returns NaN there).
    /// - Throws: `ProportionError` for invalid counts.
    public static func test(successesA kA: Int, trialsA nA: Int, successesB kB: Int,
                            trialsB nB: Int) throws(ProportionError) -> PearsonChiSquareTest? {
        try validateCount(successes: kA, trials: nA)
        try validateCount(successes: kB, trials: nB)
        let a = Double(kA), b = Double(nA - kA), c = Double(kB), d = Double(nB - kB)
        let successes = a + c, failures = b + d
        guard successes > 0, failures > 0 else { return nil }
        let total = a + b + c + d
        let cross = a * d - b * c
        let statistic = total * cross * cross / (Double(nA) * Double(nB) * successes * failures)
        return PearsonChiSquareTest(statistic: statistic,
                                    pValue: ChiSquared(degreesOfFreedom: 1).sf(statistic))
    }
}
