import Foundation

/// Harrell's concordance between a risk score and survival, with its infinitesimal-jackknife standard error,
/// as R's `survival::concordance` (default `timewt = "n"`).
public struct ConcordanceResult: Sendable, Equatable {
    /// (concordant + tied.x/2) / (concordant + discordant + tied.x).
    public let concordance: Double
    /// √Σᵢ (wᵢ ∂C/∂wᵢ)² (R's `concordance()$var` is its square).
    public let standardError: Double
    /// Weighted count of comparable pairs ordered as the score predicts (higher score, earlier event).
    public let concordant: Double
    /// Weighted count of comparable pairs ordered against the score.
    public let discordant: Double
    /// Comparable pairs with equal scores (R's `tied.x`).
    public let tiedScore: Double
    /// Pairs of events at the same time, not comparable (R's `tied.y`).
    public let tiedTime: Double
}

public enum Concordance {
    /// Concordance of `score` with survival where a higher score predicts a shorter time (as for a Cox linear
    /// predictor, R's `concordance(fit)`). A pair is comparable when the shorter time is an event and the other
    /// row's time is longer, or equal and censored; pairs are formed within strata only. Pair weights are the
    /// product of the case weights. Right-censored data.
    public static func harrell(_ data: SurvivalData, score: [Double], strata: Grouping? = nil) throws(SurvivalError) -> ConcordanceResult {
        let n = data.count
        guard n > 0 else { throw .empty }
        guard score.count == n else { throw .lengthMismatch("\(n) rows but \(score.count) scores") }
        guard data.entry == nil else { throw .invalidArgument("concordance is computed for right-censored data; entry times are not supported") }
        if let strata, strata.codes.count != n { throw .lengthMismatch("\(n) rows but \(strata.codes.count) stratum codes") }
        for (i, s) in score.enumerated() where !s.isFinite { throw .nonFinite(name: "score", row: i, value: s) }
        let levels = Array(Set(score)).sorted()
        var rank: [Double: Int] = [:]
        for (k, v) in levels.enumerated() { rank[v] = k }
        let ranks = score.map { rank[$0]! }
        // Per row: weighted counts of its comparable partners that make the pair concordant, discordant, tied.
        var conc = [Double](repeating: 0, count: n), disc = conc, tie = conc
        var tiedTime = 0.0
        let strataCodes = strata?.codes ?? Array(repeating: 0, count: n)
        var members = Array(repeating: [Int](), count: strata?.labels.count ?? 1)
        for (i, s) in strataCodes.enumerated() { members[s].append(i) }
        let w = data.weights
        for rows in members where rows.count > 1 {
            let sorted = rows.sorted { data.exit[$0] < data.exit[$1] }
            // Groups of equal time, ascending.
            var bounds: [Range<Int>] = []
            var j = 0
            while j < sorted.count {
                var end = j
                while end < sorted.count && data.exit[sorted[end]] == data.exit[sorted[j]] { end += 1 }
                bounds.append(j..<end); j = end
            }
            // Events as the shorter member: partners with a later time, or the same time and censored.
            var tree = Fenwick(levels.count)
            for range in bounds.reversed() {
                for m in range where !data.event[sorted[m]] { tree.add(ranks[sorted[m]], w[sorted[m]]) }
                var eventWeight = 0.0, eventWeightSquares = 0.0
                for m in range where data.event[sorted[m]] {
                    let i = sorted[m]
                    let below = tree.prefix(ranks[i] - 1), equal = tree.prefix(ranks[i]) - below
                    conc[i] += below; tie[i] += equal; disc[i] += tree.total - below - equal
                    eventWeight += w[i]; eventWeightSquares += w[i] * w[i]
                }
                tiedTime += (eventWeight * eventWeight - eventWeightSquares) / 2
                for m in range where data.event[sorted[m]] { tree.add(ranks[sorted[m]], w[sorted[m]]) }
            }
            // Every row as the longer member: events with an earlier time, or the same time when it is censored.
            tree = Fenwick(levels.count)
            for range in bounds {
                for m in range where data.event[sorted[m]] {
                    let i = sorted[m]
                    let below = tree.prefix(ranks[i] - 1), equal = tree.prefix(ranks[i]) - below
                    disc[i] += below; tie[i] += equal; conc[i] += tree.total - below - equal
                }
                for m in range where data.event[sorted[m]] { tree.add(ranks[sorted[m]], w[sorted[m]]) }
                for m in range where !data.event[sorted[m]] {
                    let i = sorted[m]
                    let below = tree.prefix(ranks[i] - 1), equal = tree.prefix(ranks[i]) - below
                    disc[i] += below; tie[i] += equal; conc[i] += tree.total - below - equal
                }
            }
        }
        // Each pair was counted once from each side.
        var c = 0.0, d = 0.0, t = 0.0
        for i in 0..<n { c += w[i] * conc[i]; d += w[i] * disc[i]; t += w[i] * tie[i] }
        c /= 2; d /= 2; t /= 2
        let total = c + d + t
        guard total > 0 else { throw .invalidArgument("concordance is not estimable: no comparable pairs") }
        let estimate = (c + t / 2) / total
        var variance = 0.0
        for i in 0..<n {
            let influence = ((conc[i] + tie[i] / 2) * total - (c + t / 2) * (conc[i] + disc[i] + tie[i])) / (total * total)
            variance += w[i] * w[i] * influence * influence
        }
        return ConcordanceResult(concordance: estimate, standardError: variance.squareRoot(), concordant: c, discordant: d,
                                 tiedScore: t, tiedTime: tiedTime)
    }
}

/// A Fenwick (binary indexed) tree of weight sums over score ranks.
struct Fenwick {
    var tree: [Double]
    var total = 0.0
    init(_ n: Int) { tree = Array(repeating: 0, count: n + 1) }
    mutating func add(_ index: Int, _ value: Double) {
        total += value
        var i = index + 1
        while i < tree.count { tree[i] += value; i += i & -i }
    }
    /// Sum over ranks 0…index (0 for index < 0).
    func prefix(_ index: Int) -> Double {
        var s = 0.0, i = index + 1
        while i > 0 { s += tree[i]; i -= i & -i }
        return s
    }
}
