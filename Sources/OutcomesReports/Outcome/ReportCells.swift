import OutcomesClinical

/// How the report prints counts and rates under a small-cell policy: a hidden cell prints as the policy's text
/// (`<11`), and a rate whose numerator or complement is hidden prints without its percent and interval.
struct ReportCells {
    let policy: SmallCellPolicy
    private typealias F = Formatting

    var hidden: String { policy.hiddenText }

    /// A count on its own (primary suppression only: use ``grid`` where totals make cells recoverable).
    func count(_ n: Int, hide: Bool = false) -> String { hide || policy.hides(n) ? hidden : String(n) }

    /// "k / n (rate %, lower–upper)", or the hidden form; `hideK`/`hideN` come from complementary suppression.
    func rate(_ e: RateEstimate, hideK: Bool = false, hideN: Bool = false) -> String {
        let k = e.count.successes, n = e.count.patients
        let kHidden = hideK || hideN || policy.hidesRate(successes: k, patients: n)
        let nText = hideN || policy.hides(n) ? hidden : String(n)
        if let why = e.notEstimable { return n > 0 ? "\(kHidden ? hidden : String(k)) / \(nText) (interval not estimable: \(why))" : "not estimable (\(why))" }
        if kHidden { return "\(hidden) / \(nText) (suppressed)" }
        return "\(k) / \(n) (\(F.fixed(100 * Double(k) / Double(n), 1)) %, \(F.fixed(100 * (e.lower ?? .nan), 1))–\(F.fixed(100 * (e.upper ?? .nan), 1)))"
    }

    /// Tidy CSV fields successes, patients, percent, lower, upper (hidden cells as the policy's text, blank
    /// percent and interval when hidden or not estimable).
    func rateFields(_ e: RateEstimate, hideK: Bool = false, hideN: Bool = false) -> [String] {
        let k = e.count.successes, n = e.count.patients
        let kHidden = hideK || hideN || policy.hidesRate(successes: k, patients: n)
        let nText = hideN || policy.hides(n) ? hidden : String(n)
        if kHidden || e.notEstimable != nil { return [kHidden ? hidden : String(k), nText, "", "", ""] }
        return [String(k), String(n), F.fixed(100 * Double(k) / Double(n), 1), F.fixed(100 * (e.lower ?? .nan), 1), F.fixed(100 * (e.upper ?? .nan), 1)]
    }

    /// Which cells of a table with totals to hide: primary and complementary suppression (``SmallCellPolicy``).
    func grid(_ table: CountTable) -> SuppressionPattern { policy.suppress(table) }

    /// Rates by group that add up to a total row: which numerators and denominators to hide so that no small
    /// count (successes or failures) can be worked out from the others and the total. Returns one flag pair per
    /// group, then the total's.
    func rateGrid(_ groups: [RateCount], total: RateCount?, alsoHideN: [Bool]? = nil) -> [(k: Bool, n: Bool)] {
        guard policy.threshold != nil, !groups.isEmpty else { return Array(repeating: (false, false), count: groups.count + 1) }
        let table = CountTable(cells: groups.map { [$0.successes, $0.patients - $0.successes] }, showsRowTotals: true, showsColumnTotals: total != nil)
        var p = policy.suppress(table)
        if let alsoHideN {
            for (i, h) in alsoHideN.enumerated() where h && i < groups.count { p.hidden[i][2] = true }
        }
        var flags = groups.indices.map { i in (k: p.hidden[i][0] || p.hidden[i][1] || p.hidden[i][2], n: p.hidden[i][2]) }
        let r = groups.count
        flags.append((k: p.hidden[r][0] || p.hidden[r][1] || p.hidden[r][2], n: p.hidden[r][2]))
        return flags
    }
}
