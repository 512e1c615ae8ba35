/// Layer 2: probability distributions (cumulative, tail and quantile functions).
public enum Distributions {}
