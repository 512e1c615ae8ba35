import OutcomesClinical
/// Draws from standard distributions built only on ``SyntheticRandomSource`` words and ``PortableMath``,
/// so that they are reproducible bit for bit on every platform.
extension SyntheticRandomSource {
    /// A uniform double in [0, 1) with 53 random bits.
    @inline(__always)
    public mutating func uniform() -> Double {
        Double(nextWord() >> 11) * 0x1.0p-53
    }

    /// A uniform double in (0, 1], safe to pass to a logarithm.
    @inline(__always)
    public mutating func uniformPositive() -> Double {
        Double((nextWord() >> 11) + 1) * 0x1.0p-53
    }

    /// A uniform double in [lower, upper).
    public mutating func uniform(_ lower: Double, _ upper: Double) -> Double {
        lower + (upper - lower) * uniform()
    }

    /// A uniform integer in the closed range, by Lemire's multiply-and-reject method (no modulo bias).
    public mutating func integer(in range: ClosedRange<Int>) -> Int {
        let span = UInt64(range.upperBound - range.lowerBound) &+ 1
        if span == 0 { return Int(bitPattern: UInt(nextWord())) }  // the full 64-bit range
        var product = nextWord().multipliedFullWidth(by: span)
        if product.low < span {
            let threshold = (0 &- span) % span
            while product.low < threshold {
                product = nextWord().multipliedFullWidth(by: span)
            }
        }
        return range.lowerBound + Int(product.high)
    }

    /// `true` with the given probability.
    @inline(__always)
    public mutating func bernoulli(_ probability: Double) -> Bool {
        uniform() < probability
    }

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
