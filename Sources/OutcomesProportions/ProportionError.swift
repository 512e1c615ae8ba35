/// Invalid input to a proportion method, naming the offending value.
public enum ProportionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The number of trials must be at least 1.
    case noTrials(trials: Int)
    /// Successes must lie in 0...trials.
    case successesOutOfRange(successes: Int, trials: Int)
    /// A confidence level must lie strictly between 0 and 1.
    case levelOutOfRange(Double)
    /// A significance level α must lie strictly between 0 and 1 (below ½ for equivalence tests).
    case significanceOutOfRange(Double)
    /// A probability argument (named) must lie in the stated closed or open unit interval.
    case probabilityOutOfRange(name: String, value: Double)
    /// An equivalence or non-inferiority margin must lie strictly between 0 and 1.
    case marginOutOfRange(Double)
    /// Target power must lie strictly between 0 and 1.
    case powerOutOfRange(Double)
    /// A search for a sample size reached its upper limit without attaining the target.
    case sampleSizeNotReached(limit: Int)
    /// Pooling needs at least two studies.
    case tooFewStudies(count: Int)
    /// A study in a pooled analysis has invalid counts (index from 0).
    case invalidStudy(index: Int, successes: Int, trials: Int)

    /// A message naming the offending value.
    public var description: String {
        switch self {
        case .noTrials(let trials):
            return "trials must be at least 1 (got \(trials))"
        case .successesOutOfRange(let successes, let trials):
            return "successes must be between 0 and trials = \(trials) (got \(successes))"
        case .levelOutOfRange(let level):
            return "confidence level must be strictly between 0 and 1 (got \(level))"
        case .significanceOutOfRange(let alpha):
            return "significance level must be strictly between 0 and 1, and below 0.5 for equivalence tests"
                + " (got \(alpha))"
        case .probabilityOutOfRange(let name, let value):
            return "\(name) must be a probability in the allowed range (got \(value))"
        case .marginOutOfRange(let margin):
            return "margin must be strictly between 0 and 1 (got \(margin))"
        case .powerOutOfRange(let power):
            return "target power must be strictly between 0 and 1 (got \(power))"
        case .sampleSizeNotReached(let limit):
            return "target power not attained for any sample size up to \(limit)"
        case .tooFewStudies(let count):
            return "pooling needs at least two studies (got \(count))"
        case .invalidStudy(let index, let successes, let trials):
            return "study \(index + 1) has invalid counts: \(successes) of \(trials)"
        }
    }
}

/// Checks a count of successes out of trials.
func validateCount(successes: Int, trials: Int) throws(ProportionError) {
    guard trials >= 1 else { throw .noTrials(trials: trials) }
    guard successes >= 0, successes <= trials else {
        throw .successesOutOfRange(successes: successes, trials: trials)
    }
}

/// Checks a confidence level.
func validateLevel(_ level: Double) throws(ProportionError) {
    guard level > 0, level < 1 else { throw .levelOutOfRange(level) }
}
