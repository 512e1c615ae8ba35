import OutcomesDistributions
/// Layer 2: intervals and tests for proportions.
public enum Proportions {}
