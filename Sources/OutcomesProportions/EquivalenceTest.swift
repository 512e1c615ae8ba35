import OutcomesDistributions

/// Two one-sided tests (TOST) that two proportions are similar: |p_A − p_B| < margin, and the
/// non-inferiority form p_A − p_B > −margin.
///
/// The tests invert Newcombe's hybrid score interval (method 10): the one-sided p-value against
/// H₀: p_A − p_B ≤ −margin is the α at which the lower limit of the two-sided (1 − 2α) Newcombe interval
/// equals −margin (found by root-finding in z = Φ⁻¹(1 − α)), and likewise for the upper margin. Because the
/// Newcombe limits move monotonically with z, the TOST decision at α agrees exactly with the (1 − 2α)
/// interval lying inside (−margin, margin). When the observed difference is itself outside the margin the
/// p-value is reported as 1 (the hypothesis could only be rejected at α ≥ ½); when the interval cannot reach
/// the margin for any z ≤ 40 the p-value is reported as 0.
public struct EquivalenceTest: Sendable, Hashable {
    /// Name of the test statistic, printed in reports.
    public static let methodName = "TOST inverting the Newcombe hybrid score interval"

    /// The margin δ.
    public let margin: Double
    /// Significance level α of each one-sided test.
    public let alpha: Double
    /// p-value against H₀: p_A − p_B ≤ −δ.
    public let pValueLower: Double
    /// p-value against H₀: p_A − p_B ≥ δ.
    public let pValueUpper: Double
    /// The (1 − 2α) Newcombe interval the decision corresponds to.
    public let interval: DifferenceInterval

    /// TOST p-value: the larger of the two one-sided p-values.
    public var pValue: Double { max(pValueLower, pValueUpper) }
    /// Whether equivalence is concluded at α (the (1 − 2α) interval lies inside (−δ, δ)).
    public var isEquivalent: Bool { pValue < alpha }
    /// Whether non-inferiority of A (p_A − p_B > −δ) is concluded at α.
    public var isNonInferior: Bool { pValueLower < alpha }

    /// Runs both one-sided tests.
    /// - Parameters:
    ///   - margin: δ in (0, 1); 0.10 by default.
    ///   - alpha: the one-sided significance level in (0, ½); 0.05 by default (a 90% interval).
    /// - Throws: `ProportionError` for invalid counts, margin or α.
    public static func test(successesA kA: Int, trialsA nA: Int, successesB kB: Int, trialsB nB: Int,
                            margin: Double = 0.10, alpha: Double = 0.05) throws(ProportionError) -> EquivalenceTest {
        try validateCount(successes: kA, trials: nA)
        try validateCount(successes: kB, trials: nB)
        guard margin > 0, margin < 1 else { throw .marginOutOfRange(margin) }
        guard alpha > 0, alpha < 0.5 else { throw .significanceOutOfRange(alpha) }
        let interval = try NewcombeInterval.interval(successesA: kA, trialsA: nA, successesB: kB, trialsB: nB,
                                                     level: 1 - 2 * alpha)
        let lower = oneSided(margin: margin) { z in
            -NewcombeInterval.limits(kA, nA, kB, nB, z: z).0
        }
        let upper = oneSided(margin: margin) { z in
            NewcombeInterval.limits(kA, nA, kB, nB, z: z).1
        }
        return EquivalenceTest(margin: margin, alpha: alpha, pValueLower: lower, pValueUpper: upper,
                               interval: interval)
    }

    /// Non-inferiority p-value alone: H₀: p_A − p_B ≤ −δ against p_A − p_B > −δ.
    public static func nonInferiorityPValue(successesA kA: Int, trialsA nA: Int, successesB kB: Int, trialsB nB: Int,
                                            margin: Double = 0.10) throws(ProportionError) -> Double {
        try test(successesA: kA, trialsA: nA, successesB: kB, trialsB: nB, margin: margin).pValueLower
    }

    /// `limit(z)` is a Newcombe limit moved away from the estimate as z grows (oriented to increase);
    /// returns the one-sided α = 1 − Φ(z*) where limit(z*) = δ.
    private static func oneSided(margin: Double, limit: (Double) -> Double) -> Double {
        let maximum = 40.0
        if limit(0) >= margin { return 1 }
        if limit(maximum) < margin { return 0 }
        guard let z = RootFinding.brent(in: (0, maximum), absoluteTolerance: 1e-13, { limit($0) - margin }) else {
            return .nan
        }
        return Normal.sf(z)
    }
}
