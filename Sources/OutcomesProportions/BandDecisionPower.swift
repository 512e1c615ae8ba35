import OutcomesDistributions

/// How likely a confidence interval is to settle whether a proportion lies in a band [low, high].
///
/// An interval *decides* when it lies entirely inside the band or entirely outside it. For a true rate p
/// and n trials, the probability of deciding is the binomial probability of the counts k whose interval
/// does so. Both interval limits rise with k, so each set of counts is a contiguous range found by bisection,
/// and the probability is exact (a sum of binomial terms), not a normal approximation. Like the exact test's
/// power it is a sawtooth in n.
public enum BandDecisionPower {
    /// P(the interval from Binomial(n, p) lies inside [low, high] or entirely outside it).
    public static func probability(trials n: Int, trueRate p: Double, low: Double, high: Double, level: Double = 0.95,
                                   method: ProportionIntervalMethod = .clopperPearson) throws(ProportionError) -> Double {
        try validate(n: n, p: p, low: low, high: high)
        return decidingProbability(Boundaries(n: n, low: low, high: high, level: level, method: method, near: nil), p: p)
    }

    /// The smallest n (searching upward from `from`) whose probability of deciding reaches `target`, or nil
    /// past `limit`. Because of the sawtooth, some larger n may fall short again.
    public static func minimalTrials(trueRate p: Double, low: Double, high: Double, target: Double = 0.8, level: Double = 0.95,
                                     method: ProportionIntervalMethod = .clopperPearson, from start: Int = 1,
                                     limit: Int = 20_000) throws(ProportionError) -> Int? {
        guard target > 0, target < 1 else { throw .powerOutOfRange(target) }
        try validate(n: max(1, start), p: p, low: low, high: high)
        var previous: Boundaries?
        for n in max(1, start)...max(1, limit) {
            // Each boundary moves by a count or two from one n to the next, so the previous ones are the start.
            let b = Boundaries(n: n, low: low, high: high, level: level, method: method, near: previous)
            if decidingProbability(b, p: p) >= target { return n }
            previous = b
        }
        return nil
    }

    static func validate(n: Int, p: Double, low: Double, high: Double) throws(ProportionError) {
        guard n >= 1 else { throw .noTrials(trials: n) }
        guard p >= 0, p <= 1 else { throw .probabilityOutOfRange(name: "true rate", value: p) }
        guard low <= high else { throw .probabilityOutOfRange(name: "band", value: low) }
    }

    static func decidingProbability(_ b: Boundaries, p: Double) -> Double {
        let d = Binomial(trials: b.n, probability: p)
        var total = 0.0
        if b.firstInside <= b.lastInside { total += d.cdf(b.lastInside) - d.cdf(b.firstInside - 1) }
        if b.lastBelow >= 0 { total += d.cdf(b.lastBelow) }
        if b.firstAbove <= b.n { total += d.sf(b.firstAbove - 1) }
        return min(1, total)
    }

    /// The counts where the interval's limits cross the band's edges. Both limits rise with k, so each is the
    /// first k at which a monotone condition turns true.
    struct Boundaries {
        let n: Int
        /// First k whose lower limit reaches `low`.
        let firstInside: Int
        /// Last k whose upper limit stays at or below `high`.
        let lastInside: Int
        /// Last k whose upper limit is below `low`.
        let lastBelow: Int
        /// First k whose lower limit is above `high`.
        let firstAbove: Int

        init(n: Int, low: Double, high: Double, level: Double, method: ProportionIntervalMethod, near: Boundaries?) {
            self.n = n
            let alpha = 1 - level
            func ci(_ k: Int) -> ProportionInterval? { try? OneProportion.interval(successes: k, trials: n, level: level, method: method) }
            // Clopper–Pearson needs one quantile per side; other methods go through the general interval.
            func lower(_ k: Int) -> Double {
                method == .clopperPearson ? min(max(OneProportion.clopperPearsonLower(k, n, alpha), 0), 1) : (ci(k)?.lower ?? 0)
            }
            func upper(_ k: Int) -> Double {
                method == .clopperPearson ? min(max(OneProportion.clopperPearsonUpper(k, n, alpha), 0), 1) : (ci(k)?.upper ?? 1)
            }
            func first(from guess: Int?, _ condition: (Int) -> Bool) -> Int {
                guard var k = guess.map({ min(max($0, 0), n + 1) }) else { return ExactBinomialTest.firstIndex(in: 0, n + 1, where: condition) }
                while k <= n && !condition(k) { k += 1 }
                while k > 0 && condition(k - 1) { k -= 1 }
                return k
            }
            firstInside = first(from: near?.firstInside) { lower($0) >= low }
            lastInside = first(from: near.map { $0.lastInside + 1 }) { upper($0) > high } - 1
            lastBelow = first(from: near.map { $0.lastBelow + 1 }) { upper($0) >= low } - 1
            firstAbove = first(from: near?.firstAbove) { lower($0) > high }
        }
    }
}
