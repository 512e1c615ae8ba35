/// The plain-language outcome of checking a claim.
public enum Verdict: String, Sendable, Equatable, CaseIterable {
    /// The interval lies entirely on the claim's side.
    case supported
    /// The interval contains the claimed value: not shown, not contradicted.
    case consistent
    /// The interval lies entirely on the other side.
    case contradicted
    /// Fewer patients (or events) than the plan's minimum.
    case insufficientData = "insufficient data"
    /// Practice data cannot test this claim.
    case notCheckable = "not checkable"
}

/// A claim with its verdict and every number behind it.
public struct ClaimVerdict: Sendable, Equatable {
    public let claim: Claim
    public let verdict: Verdict
    /// Observed rate, median, difference or hazard ratio.
    public let observed: Double?
    /// Patients in the denominator (for comparisons: patients in both groups).
    public let n: Int?
    /// Successes or events behind `observed`, when it is a count.
    public let events: Int?
    public let lower: Double?
    public let upper: Double?
    /// Confidence level of `lower`–`upper`: the plan's `analysis.confidence_level`, except for equivalence
    /// (TOST at α = 1 − level reads a 1 − 2α interval); nil when there is no interval.
    public let intervalLevel: Double?
    /// Interval and test method, in words.
    public let method: String
    /// The claimed value (single-valued claims).
    public let claimed: Double?
    /// The claimed range or band, when the claim has one.
    public let claimedLow: Double?
    public let claimedHigh: Double?
    /// p-value against the claimed value (exact test for proportions).
    public let pValue: Double?
    /// Power of that test at the observed n, if the observed value were the truth.
    public let power: Double?
    /// Patients needed for 80 % power if the observed value held (consistent proportion verdicts).
    public let nNeeded: Int?
    /// How the metric was computed, with population and definitions.
    public let definition: String
    /// Caveats that belong beside the verdict (adjustment, denominators, vagueness of the claim).
    public let note: String?
    /// The verdict under each alternative definition the plan declares (``ClaimSensitivity``); empty when
    /// none applies.
    public var sensitivity: [SensitivityRow] = []
}
