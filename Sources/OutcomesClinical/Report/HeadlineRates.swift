/// The rates a quarterly report leads with, each with the one count behind it (``DerivedTables/count``).
public enum HeadlineMeasure: String, Sendable, CaseIterable {
    case responseIntentionToTreat = "response_itt"
    case responseCompleters = "response_completers"
    case remission
    case tolerability
    case suicidalResolved90 = "suicidal_item_resolved_90min"

    /// As a table column or panel title says it.
    public var title: String {
        switch self {
        case .responseIntentionToTreat: "PHQ-9 response, intention to treat"
        case .responseCompleters: "PHQ-9 response, patients with an endpoint"
        case .remission: "PHQ-9 remission, patients with an endpoint"
        case .tolerability: "Tolerated the induction series"
        case .suicidalResolved90: "PHQ-9 item 9 resolved at 90 minutes"
        }
    }
}

/// One row of the trend: a quarter (and a site, or all sites) with each headline rate.
public struct TrendRow: Sendable, Equatable {
    public let quarter: String
    /// nil: all sites.
    public let site: String?
    public let rates: [HeadlineMeasure: RateEstimate]
}

extension DerivedTables {
    /// The count behind one headline measure in these tables (all of their patients).
    public func headlineCount(_ m: HeadlineMeasure) -> RateCount {
        switch m {
        case .responseIntentionToTreat: count(.response, scale: .phq9).intentionToTreat
        case .responseCompleters: count(.response, scale: .phq9)
        case .remission: count(.remission, scale: .phq9)
        case .tolerability: count(.tolerability)
        case .suicidalResolved90: count(.suicidalResolution, scale: .phq9, windowMinutes: 90)
        }
    }

    /// The headline rates for each of `quarters` (patients whose first induction started in it), over all sites
    /// and, when the patients come from more than one site, per site (`siteOf` names each patient's site).
    ///
    /// Each patient is placed in its quarter and site once, and each group is derived from its own patients only,
    /// so the cost is linear in patients however many sites there are (a registry can have thousands). The rows
    /// are the same as ``restricted(to:site:siteOf:)`` would give for each quarter and site.
    public func trend(quarters: [CalendarPeriod], siteOf: [String: String]) -> [TrendRow] {
        let sites = Set(patients.compactMap { siteOf[$0.patientID] }).sorted()
        let perSite = sites.count > 1
        let siteIndex = Dictionary(uniqueKeysWithValues: sites.enumerated().map { ($1, $0) })
        var allSites = [[Int]](repeating: [], count: quarters.count)
        var bySite = [[[Int]]](repeating: [], count: perSite ? sites.count : 0)
        for k in bySite.indices { bySite[k] = [[Int]](repeating: [], count: quarters.count) }
        for (i, p) in patients.enumerated() {
            guard let start = firstInductionStart(p.patientID) else { continue }
            let seconds = Int64(start.rounded(.down))
            // Quarters may overlap only if a caller passes them so; each patient counts in every one that holds it.
            for (q, quarter) in quarters.enumerated() where quarter.contains(seconds: seconds) {
                allSites[q].append(i)
                if perSite, let site = siteOf[p.patientID], let k = siteIndex[site] { bySite[k][q].append(i) }
            }
        }
        // Each group's rows are taken from these tables (PatientSelection), or derived again when they cannot be.
        let selection = PatientSelection(self)
        // Many small groups share their counts: each interval is computed once per (successes, patients).
        var intervals: [[Int]: RateEstimate] = [:]
        func row(_ q: Int, _ site: String?, _ kept: [Int]) -> TrendRow {
            let t = selection?.headlineTables(ofPatientsAt: kept) ?? ClinicalDerivation.derive(kept.map { patients[$0] }, plan: plan)
            var rates: [HeadlineMeasure: RateEstimate] = [:]
            for m in HeadlineMeasure.allCases {
                let count = t.headlineCount(m)
                let key = [count.successes, count.patients]
                let known = intervals[key] ?? t.estimate(count)
                intervals[key] = known
                rates[m] = RateEstimate(count: count, lower: known.lower, upper: known.upper, notEstimable: known.notEstimable)
            }
            return TrendRow(quarter: quarters[q].label, site: site, rates: rates)
        }
        var rows = quarters.indices.map { row($0, nil, allSites[$0]) }
        for (k, site) in sites.enumerated() where perSite {
            rows += quarters.indices.map { row($0, site, bySite[k][$0]) }
        }
        return rows
    }
}
