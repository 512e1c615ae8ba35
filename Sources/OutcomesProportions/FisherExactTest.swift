import OutcomesDistributions

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Fisher's exact test for a 2 × 2 table, with the conditional maximum-likelihood odds ratio and its exact
/// conditional confidence interval, computed as R's `fisher.test` does.
///
/// The table has rows A and B and columns success and failure. Conditioning on all margins, the count of
/// successes in A follows Fisher's noncentral hypergeometric distribution with the odds ratio ψ as parameter.
public struct FisherExactTest: Sendable, Hashable {
    /// Two-sided p-value: the total probability under ψ = 1 of tables no more likely than the observed one
    /// (densities compared with relative tolerance 1 + 1e-7, as R).
    public let pValue: Double
    /// Conditional MLE of the odds ratio (0 or ∞ at the ends of the support).
    public let oddsRatio: Double
    /// Lower limit of the exact conditional interval: the ψ with P_ψ(X ≥ x) = (1 − level)/2 (0 at the lower end).
    public let lower: Double
    /// Upper limit: the ψ with P_ψ(X ≤ x) = (1 − level)/2 (∞ at the upper end).
    public let upper: Double
    /// Confidence level of the interval.
    public let level: Double

    /// Runs the test for k_A of n_A against k_B of n_B.
    /// - Throws: `ProportionError` for invalid counts or level.
    public static func test(successesA kA: Int, trialsA nA: Int, successesB kB: Int, trialsB nB: Int,
                            level: Double = 0.95) throws(ProportionError) -> FisherExactTest {
        try validateCount(successes: kA, trials: nA)
        try validateCount(successes: kB, trials: nB)
        try validateLevel(level)
        let model = NoncentralHypergeometric(successes: kA + kB, failures: nA - kA + nB - kB, drawn: nA)
        let x = kA
        let alpha = (1 - level) / 2
        return FisherExactTest(pValue: model.twoSidedPValue(x), oddsRatio: model.conditionalMLE(x),
                               lower: model.lowerLimit(x, alpha: alpha), upper: model.upperLimit(x, alpha: alpha),
                               level: level)
    }
}

/// Fisher's noncentral hypergeometric distribution of the successes among `drawn` items from `successes`
/// successes and `failures` failures, parameterized by θ = ln ψ.
struct NoncentralHypergeometric {
    let low: Int
    let high: Int
    /// ln of the central (ψ = 1) probabilities on low...high.
    let logCentral: [Double]

    init(successes m: Int, failures n: Int, drawn k: Int) {
        low = max(0, k - n)
        high = min(k, m)
        let logTotal = NoncentralHypergeometric.logChoose(m + n, k)
        logCentral = (low...high).map { i in
            NoncentralHypergeometric.logChoose(m, i) + NoncentralHypergeometric.logChoose(n, k - i) - logTotal
        }
    }

    static func logChoose(_ n: Int, _ k: Int) -> Double {
        if k == 0 || k == n { return 0 }
        return SpecialFunctions.logGamma(Double(n + 1)) - SpecialFunctions.logGamma(Double(k + 1))
            - SpecialFunctions.logGamma(Double(n - k + 1))
    }

    /// Probabilities on low...high at log odds ratio θ, normalized after subtracting the largest exponent.
    func probabilities(_ theta: Double) -> [Double] {
        if theta == 0 { return logCentral.map { exp($0) } }
        let exponents = logCentral.enumerated().map { $0.element + theta * Double(low + $0.offset) }
        let largest = exponents.max() ?? 0
        let weights = exponents.map { exp($0 - largest) }
        let total = weights.reduce(0, +)
        return weights.map { $0 / total }
    }

    func mean(_ theta: Double) -> Double {
        probabilities(theta).enumerated().reduce(0) { $0 + Double(low + $1.offset) * $1.element }
    }

    func lowerTail(_ x: Int, _ theta: Double) -> Double {
        probabilities(theta)[0...(x - low)].reduce(0, +)
    }

    func upperTail(_ x: Int, _ theta: Double) -> Double {
        probabilities(theta)[(x - low)...].reduce(0, +)
    }

    func twoSidedPValue(_ x: Int) -> Double {
        let central = probabilities(0)
        let threshold = central[x - low] * ExactBinomialTest.densityTolerance
        return min(1, central.filter { $0 <= threshold }.reduce(0, +))
    }

    /// Solves an increasing function of θ for zero, expanding the bracket from [−1, 1] as needed.
    private func solveIncreasing(_ f: (Double) -> Double) -> Double {
        var lo = -1.0, hi = 1.0
        while f(lo) > 0 && lo > -1000 { lo *= 2 }
        while f(hi) < 0 && hi < 1000 { hi *= 2 }
        return RootFinding.brent(in: (lo, hi), absoluteTolerance: 1e-14, f) ?? .nan
    }

    func conditionalMLE(_ x: Int) -> Double {
        if x == low { return 0 }
        if x == high { return .infinity }
        return exp(solveIncreasing { mean($0) - Double(x) })
    }

    func lowerLimit(_ x: Int, alpha: Double) -> Double {
        if x == low { return 0 }
        return exp(solveIncreasing { upperTail(x, $0) - alpha })
    }

    func upperLimit(_ x: Int, alpha: Double) -> Double {
        if x == high { return .infinity }
        return exp(solveIncreasing { alpha - lowerTail(x, $0) })
    }
}
