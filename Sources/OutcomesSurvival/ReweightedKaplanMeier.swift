/// Kaplan–Meier summaries of one fixed set of rows under many weightings, each costing one pass without a sort:
/// the rows are ordered by time once. A bootstrap replicate is such a weighting (each row's weight times the
/// number of times it was drawn), so its curves are those of the resampled rows without building or sorting them.
///
/// The curve is that of ``KaplanMeier/fit(_:strata:transform:level:variance:estimator:)`` on the rows with positive
/// count, each weighted by the summed weight of its copies: S(t) = Π over distinct times tⱼ ≤ t of (1 − dⱼ/nⱼ),
/// dⱼ the weighted events at tⱼ and nⱼ the weight still at risk. Times are merged by `timefix` once, over all rows.
public struct ReweightedKaplanMeier: Sendable {
    /// Each row's time after `timefix`, and the rows in ascending order of it.
    let time: [Double]
    let event: [Bool]
    let order: [Int]
    /// The group (curve) of each row, in `0..<groups`.
    let group: [Int]
    public let groups: Int
    public var rows: Int { time.count }

    /// One curve's summary.
    public struct Summary: Sendable, Equatable {
        /// The last time of a row present in the group.
        public let lastTime: Double
        /// S(t) at the requested time (the survival after the events at or before it).
        public let survival: Double
        /// The area under S from 0 to `tau`, as ``RestrictedMeanSurvival/estimate(_:tau:level:)``.
        public let restrictedMean: Double
    }

    public init(exit: [Double], event: [Bool], group: [Int], groups: Int) throws(SurvivalError) {
        guard group.count == exit.count else { throw .lengthMismatch("\(exit.count) rows but \(group.count) group codes") }
        if let bad = group.first(where: { $0 < 0 || $0 >= groups }) { throw .invalidArgument("group \(bad) outside 0..<\(groups)") }
        let data = try SurvivalData(exit: exit, event: event)
        time = data.exit
        self.event = event
        order = RadixOrder.sorted(data.exit.map(RadixOrder.key))
        self.group = group
        self.groups = groups
    }

    /// The summary of each group's curve with `count[i]` copies of row i, each of weight `weight[i]` (a row drawn
    /// zero times is absent); nil for a group without rows.
    public func summaries(count: [Int], weight: [Double], at t: Double, tau: Double) -> [Summary?] {
        precondition(count.count == time.count && weight.count == time.count, "one count and one weight per row")
        var total = [Double](repeating: 0, count: groups)
        for i in order where count[i] > 0 { total[group[i]] += Double(count[i]) * weight[i] }
        var exited = [Double](repeating: 0, count: groups)
        var survival = [Double](repeating: 1, count: groups), atT = survival
        var area = [Double](repeating: 0, count: groups), previous = area
        // The survival after the last time at or before tau: the height of the closing rectangle up to tau.
        var closing = [Double](repeating: 1, count: groups)
        var last = [Double?](repeating: nil, count: groups)
        var events = [Double](repeating: 0, count: groups), leaving = events
        var present = [Bool](repeating: false, count: groups)
        var k = 0
        while k < order.count {
            let now = time[order[k]]
            var j = k
            while j < order.count && time[order[j]] == now {
                let i = order[j]
                j += 1
                guard count[i] > 0 else { continue }
                let g = group[i], w = Double(count[i]) * weight[i]
                present[g] = true
                if event[i] { events[g] += w }
                leaving[g] += w
            }
            for g in 0..<groups where present[g] {
                let before = survival[g]
                let atRisk = total[g] - exited[g]
                if events[g] > 0 { survival[g] *= (atRisk - events[g]) / atRisk }
                if now <= tau {
                    area[g] += (now - previous[g]) * before
                    previous[g] = now
                    closing[g] = survival[g]
                }
                if now <= t { atT[g] = survival[g] }
                exited[g] += leaving[g]
                last[g] = now
                events[g] = 0; leaving[g] = 0; present[g] = false
            }
            k = j
        }
        return (0..<groups).map { g in
            last[g].map { Summary(lastTime: $0, survival: atT[g], restrictedMean: area[g] + (tau - previous[g]) * closing[g]) }
        }
    }
}
