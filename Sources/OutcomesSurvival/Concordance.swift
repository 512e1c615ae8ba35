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
    /// predictor, R's `concordance(fit)`). For an event of row i at time t the comparable partners are the rows at
    /// risk at t (entry < t ≤ exit) that do not have an event at t (events at the same time are R's `tied.y`);
    /// pairs are formed within strata only, and a pair's weight is the product of the case weights.
    public static func harrell(_ data: SurvivalData, score: [Double], strata: Grouping? = nil) throws(SurvivalError) -> ConcordanceResult {
        let n = data.count
        guard n > 0 else { throw .empty }
        guard score.count == n else { throw .lengthMismatch("\(n) rows but \(score.count) scores") }
        if let strata, strata.codes.count != n { throw .lengthMismatch("\(n) rows but \(strata.codes.count) stratum codes") }
        for (i, s) in score.enumerated() where !s.isFinite { throw .nonFinite(name: "score", row: i, value: s) }
        let levels = Array(Set(score)).sorted()
        var rank: [Double: Int] = [:]
        for (k, v) in levels.enumerated() { rank[v] = k }
        let ranks = score.map { rank[$0]! }
        let w = data.weights
        // Per row: weighted counts of its comparable partners that make the pair concordant, discordant, tied.
        var conc = [Double](repeating: 0, count: n), disc = conc, tie = conc
        var tiedTime = 0.0
        var members = Array(repeating: [Int](), count: strata?.labels.count ?? 1)
        for (i, s) in (strata?.codes ?? Array(repeating: 0, count: n)).enumerated() { members[s].append(i) }
        for rows in members where rows.count > 1 {
            let events = rows.filter { data.event[$0] }
            let entryTime: (Int) -> Double = { i in data.entry?[i] ?? -.infinity }
            // The event as the shorter member: rows entered before t, less rows gone before t, less events at t.
            let queries = events.map { Query(time: data.exit[$0], inclusive: false, rank: ranks[$0]) }
            let entered = prefixCounts(items: rows.map { (entryTime($0), ranks[$0], w[$0]) }, queries: queries, levels: levels.count)
            let gone = prefixCounts(items: rows.map { (data.exit[$0], ranks[$0], w[$0]) }, queries: queries, levels: levels.count)
            let eventItems = events.map { (data.exit[$0], ranks[$0], w[$0]) }
            let eventsUpTo = prefixCounts(items: eventItems, queries: queries.map { Query(time: $0.time, inclusive: true, rank: $0.rank) },
                                          levels: levels.count)
            let eventsBefore = prefixCounts(items: eventItems, queries: queries, levels: levels.count)
            var sameTime: [Double: (Double, Double)] = [:]
            for (k, i) in events.enumerated() {
                let eventsAtT = eventsUpTo[k].subtracting(eventsBefore[k])
                let partners = entered[k].subtracting(gone[k]).subtracting(eventsAtT)
                conc[i] += partners.below; tie[i] += partners.equal; disc[i] += partners.above
                let t = data.exit[i]
                let (sw, sw2) = sameTime[t] ?? (0, 0)
                sameTime[t] = (sw + w[i], sw2 + w[i] * w[i])
            }
            // Summed in time order so the result does not depend on the dictionary's iteration order.
            for key in sameTime.keys.sorted() { let (sw, sw2) = sameTime[key]!; tiedTime += (sw * sw - sw2) / 2 }
            // Every row as the longer member: events after its entry and before its exit (at its exit when censored).
            let upper = rows.map { Query(time: data.exit[$0], inclusive: !data.event[$0], rank: ranks[$0]) }
            let lower = rows.map { Query(time: entryTime($0), inclusive: true, rank: ranks[$0]) }
            let toExit = prefixCounts(items: eventItems, queries: upper, levels: levels.count)
            let toEntry = prefixCounts(items: eventItems, queries: lower, levels: levels.count)
            for (k, j) in rows.enumerated() {
                let partners = toExit[k].subtracting(toEntry[k])
                // An earlier event with a lower score than j ranks them against the score.
                disc[j] += partners.below; tie[j] += partners.equal; conc[j] += partners.above
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

/// A prefix query: items with time < `time` (≤ when `inclusive`), split by score rank against `rank`.
struct Query {
    let time: Double
    let inclusive: Bool
    let rank: Int
}

/// Weighted counts of items with a lower, equal and higher score rank than the query's.
struct RankCounts {
    var below = 0.0, equal = 0.0, above = 0.0
    func subtracting(_ o: RankCounts) -> RankCounts {
        RankCounts(below: below - o.below, equal: equal - o.equal, above: above - o.above)
    }
}

/// Answers every query offline in one sweep over time: items are added to a Fenwick tree over ranks in time
/// order while the queries are visited in time order.
func prefixCounts(items: [(time: Double, rank: Int, weight: Double)], queries: [Query], levels: Int) -> [RankCounts] {
    let itemOrder = items.indices.sorted { items[$0].time < items[$1].time }
    // Strict queries at time t come before inclusive ones at t (they see fewer items).
    let queryOrder = queries.indices.sorted {
        let a = queries[$0], b = queries[$1]
        return a.time != b.time ? a.time < b.time : (!a.inclusive && b.inclusive)
    }
    var tree = Fenwick(levels)
    var out = [RankCounts](repeating: RankCounts(), count: queries.count)
    var next = 0
    for q in queryOrder {
        let query = queries[q]
        while next < itemOrder.count {
            let item = items[itemOrder[next]]
            guard item.time < query.time || (query.inclusive && item.time == query.time) else { break }
            tree.add(item.rank, item.weight)
            next += 1
        }
        let below = tree.prefix(query.rank - 1), upTo = tree.prefix(query.rank)
        out[q] = RankCounts(below: below, equal: upTo - below, above: tree.total - upTo)
    }
    return out
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
