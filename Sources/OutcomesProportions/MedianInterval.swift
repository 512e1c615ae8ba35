import OutcomesDistributions

/// The sample median with its distribution-free confidence interval from order statistics.
///
/// The interval is [x₍ᵣ₎, x₍ₙ₋ᵣ₊₁₎] with r the largest rank such that P(B ≤ r − 1) ≤ (1 − level)/2 for
/// B ~ Binomial(n, ½); its coverage is at least `level` for any continuous distribution (Conover, Practical
/// Nonparametric Statistics, 3rd ed., §3.2). With too few values for any such r the limits are nil.
public struct MedianInterval: Sendable, Equatable {
    /// The sample median (mean of the two middle values when n is even).
    public let median: Double
    /// Lower limit x₍ᵣ₎, or nil when n is too small for the level.
    public let lower: Double?
    /// Upper limit x₍ₙ₋ᵣ₊₁₎, or nil when n is too small for the level.
    public let upper: Double?
    /// The exact coverage 1 − 2·P(B ≤ r − 1), or nil with the limits.
    public let coverage: Double?
    public let count: Int

    /// Computes the interval; NaN values are an error, an empty sample gives nil.
    public static func of(_ values: [Double], level: Double = 0.95) -> MedianInterval? {
        guard !values.isEmpty, values.allSatisfy({ !$0.isNaN }) else { return nil }
        let x = values.sorted()
        let n = x.count
        let median = n % 2 == 1 ? x[n / 2] : (x[n / 2 - 1] + x[n / 2]) / 2
        let half = Binomial(trials: n, probability: 0.5)
        let tail = (1 - level) / 2
        var r = 0
        while r + 1 <= (n + 1) / 2 && half.cdf(r) <= tail { r += 1 }  // r = largest rank with P(B ≤ r − 1) ≤ tail
        guard r >= 1 else { return MedianInterval(median: median, lower: nil, upper: nil, coverage: nil, count: n) }
        return MedianInterval(median: median, lower: x[r - 1], upper: x[n - r], coverage: 1 - 2 * half.cdf(r - 1), count: n)
    }
}
