import Foundation
import OutcomesDistributions
import OutcomesRandom

/// A nonparametric bootstrap over rows with a fixed seed: the same seed gives the same resamples on every
/// platform (SplitMix64 words, Lemire's unbiased bounded draw), so intervals are reproducible byte for byte.
public struct Bootstrap: Sendable {
    public let replicates: Int
    public let seed: UInt64

    public init(replicates: Int, seed: UInt64) {
        self.replicates = replicates
        self.seed = seed
    }

    /// The result of one statistic over the replicates.
    public struct Interval: Sendable, Equatable {
        /// Replicates in which the statistic could be computed (the others are skipped and counted).
        public let used: Int
        public let skipped: Int
        /// Standard deviation of the replicate values.
        public let standardError: Double
        /// Percentile interval (R type-7 quantiles of the replicate values).
        public let lower: Double
        public let upper: Double
    }

    /// Runs `statistic` on `replicates` resamples of `0..<n` (indices drawn with replacement). The statistic
    /// returns one value per measure, nil for a measure it could not compute on that resample.
    ///
    /// Resamples are drawn in order from one stream and evaluated up to `threads` at a time; each result is kept in
    /// its replicate's place, so the intervals are the same bytes with any number of threads.
    public func run(n: Int, measures: Int, level: Double, threads: Int = 1, statistic: @Sendable ([Int]) -> [Double?]) -> [Interval?] {
        var random = SplitMix64(seed: seed)
        var values = [[Double]](repeating: [], count: measures)
        let batch = max(1, threads) * 4
        var done = 0
        while done < replicates {
            let count = min(batch, replicates - done)
            let samples = (0..<count).map { _ in (0..<n).map { _ in random.integer(in: 0...(n - 1)) } }
            var results = [[Double?]](repeating: [], count: count)
            if threads > 1 && count > 1 {
                results.withUnsafeMutableBufferPointer { out in
                    let target = UnsafeSendableBuffer(out)
                    DispatchQueue.concurrentPerform(iterations: count) { k in target.buffer[k] = statistic(samples[k]) }
                }
            } else {
                for k in 0..<count { results[k] = statistic(samples[k]) }
            }
            for result in results {
                for k in 0..<measures where k < result.count {
                    if let v = result[k], v.isFinite { values[k].append(v) }
                }
            }
            done += count
        }
        let alpha = 1 - level
        return values.map { v in
            guard v.count >= 2 else { return nil }
            let mean = v.reduce(0, +) / Double(v.count)
            let sd = (v.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(v.count - 1)).squareRoot()
            return Interval(used: v.count, skipped: replicates - v.count, standardError: sd,
                            lower: Self.quantile(v, alpha / 2), upper: Self.quantile(v, 1 - alpha / 2))
        }
    }

    /// The processors the bootstrap may use (this machine's, at most 8).
    public static var availableThreads: Int { max(1, min(8, ProcessInfo.processInfo.activeProcessorCount)) }

    /// R's default (type 7) quantile.
    public static func quantile(_ values: [Double], _ p: Double) -> Double {
        let s = values.sorted()
        guard s.count > 1 else { return s.first ?? .nan }
        let h = Double(s.count - 1) * p
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, s.count - 1)
        return s[lo] + (h - Double(lo)) * (s[hi] - s[lo])
    }

    /// Two-sided p-value of an estimate against 0 from a standard error (normal approximation).
    public static func pValue(estimate: Double, standardError: Double) -> Double? {
        guard standardError > 0, standardError.isFinite else { return nil }
        return 2 * Normal.sf(abs(estimate / standardError))
    }
}

/// A buffer each concurrent replicate writes its own element of (distinct indices, so no two writers meet).
private struct UnsafeSendableBuffer<Element>: @unchecked Sendable {
    let buffer: UnsafeMutableBufferPointer<Element>
    init(_ buffer: UnsafeMutableBufferPointer<Element>) { self.buffer = buffer }
}
