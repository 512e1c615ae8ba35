import OutcomesClinical
// Re-exported: the cohort API takes these generators, so its users should not need a second import.
@_exported import OutcomesRandom

/// The synthetic generator's name for a word source, kept for code written against it.
public typealias SyntheticRandomSource = RandomWordSource

/// Draws from standard distributions built only on ``RandomWordSource`` words and ``PortableMath``,
/// so that they are reproducible bit for bit on every platform.
extension RandomWordSource {
    /// A standard normal draw by Marsaglia's polar method (only logarithm and square root needed).
    public mutating func standardNormal() -> Double {
        while true {
            let u = 2 * uniform() - 1
            let v = 2 * uniform() - 1
            let s = u * u + v * v
            if s > 0 && s < 1 {
                return u * (-2 * PortableMath.log(s) / s).squareRoot()
            }
        }
    }

    /// A normal draw with the given mean and standard deviation.
    public mutating func normal(mean: Double, standardDeviation: Double) -> Double {
        mean + standardDeviation * standardNormal()
    }

    /// An exponential draw with the given rate (mean 1/rate), by inversion.
    public mutating func exponential(rate: Double) -> Double {
        -PortableMath.log(uniformPositive()) / rate
    }

    /// A gamma draw with shape ≥ 1 and the given scale, by Marsaglia & Tsang (ACM TOMS 2000).
    public mutating func gamma(shape: Double, scale: Double) -> Double {
        precondition(shape >= 1, "gamma(shape:scale:) supports shape >= 1 only")
        let d = shape - 1.0 / 3.0
        let c = 1.0 / (9.0 * d).squareRoot()
        while true {
            let x = standardNormal()
            let base = 1 + c * x
            if base <= 0 { continue }
            let v = base * base * base
            let u = uniformPositive()
            let x2 = x * x
            if u < 1 - 0.0331 * x2 * x2 { return d * v * scale }
            if PortableMath.log(u) < 0.5 * x2 + d * (1 - v + PortableMath.log(v)) { return d * v * scale }
        }
    }

    /// The index of a category drawn with the given non-negative weights (which need not sum to one).
    public mutating func categorical(_ weights: [Double]) -> Int {
        var total = 0.0
        for weight in weights { total += weight }
        let target = uniform() * total
        var cumulative = 0.0
        for (index, weight) in weights.enumerated() {
            cumulative += weight
            if target < cumulative { return index }
        }
        return weights.count - 1
    }
}
