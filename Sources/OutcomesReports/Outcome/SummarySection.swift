import OutcomesClinical

/// Section 1: the title and a summary of at most ten lines for a practice manager.
enum SummarySection {
    private typealias F = Formatting

    static func title(_ c: ReportContext) -> String {
        c.options.title ?? "Outcome report, \(c.periodLabel)"
    }

    /// At most ten lines: patients treated, headline rates with intervals, one line per verdict with the claims
    /// that got it (fragile ones marked), and the warnings that change how to read the numbers.
    static func lines(_ c: ReportContext) -> [String] {
        let t = c.cohort, cells = c.cells
        var lines: [String] = []
        let started = t.tolerability.count
        lines.append("- Patients who started an induction series (\(c.periodLabel)): \(cells.count(started)); followed to the end of the data.")
        let r = t.headlineCount(.responseCompleters)
        lines.append("- PHQ-9 response (\(t.plan.rules(for: .phq9).responseText)): \(cells.rate(t.estimate(t.headlineCount(.responseIntentionToTreat)))) by intention to treat; \(cells.rate(t.estimate(r))) among patients with an end-of-series score.")
        lines.append("- PHQ-9 remission: \(cells.rate(t.estimate(t.headlineCount(.remission)))); tolerated the induction series: \(cells.rate(t.estimate(t.headlineCount(.tolerability)))).")
        lines.append("- PHQ-9 item 9 resolved 90 minutes after an infusion: \(cells.rate(t.estimate(t.headlineCount(.suicidalResolved90)))) (the item asks about the past two weeks).")
        if let verdicts = c.verdicts {
            for v in Verdict.allCases {
                let those = verdicts.filter { $0.verdict == v }
                guard !those.isEmpty else { continue }
                lines.append("- Claims \(v.rawValue) (\(those.count)): " + those.map { MarkdownText.cell($0.claim.id) + ($0.fragile ? " (fragile)" : "") }.joined(separator: ", ") + ".")
            }
        }
        var warnings: [String] = []
        if started == 0 { warnings.append("no patient started an induction series in \(c.periodLabel), so sections 2 to 10 are empty; the trend shows the quarters before it") }
        if c.options.suppression.threshold == nil { warnings.append("small-cell suppression is off") }
        if started > 0, r.patients < 30 { warnings.append("fewer than 30 patients with an endpoint: intervals are wide") }
        let leading = Scale.all.filter { RelapseIntervalCensored.spacing(t.relapse, scale: $0, plan: t.plan).intervalCensoredLeads }
        if !leading.isEmpty { warnings.append("follow-up visits are further apart than the relapse confirmation window, so relapse times are read interval-censored (section 7)") }
        warnings.append("strategies were chosen, not randomized: section 8 compares who chose them as much as what they do")
        lines.append("- Read with care: " + warnings.joined(separator: "; ") + ".")
        return Array(lines.prefix(10))
    }
}

/// The trend: headline rates for the period's quarter and the seven before it, overall and per site.
enum TrendSection {
    static func part(_ c: ReportContext) -> ReportPart {
        guard let last = c.options.period.map({ CalendarPeriod.quarter(containing: $0.endDay - 1) }) ?? c.all.lastInductionQuarter else { return ReportPart() }
        let quarters = last.trailingQuarters(8)
        let rows = c.all.trend(quarters: quarters, siteOf: c.siteOf)
        var md = "## Trend over eight quarters\n\n"
        md += "Patients whose first induction series started in each quarter, followed to the end of the data (so the latest quarters have the least follow-up). "
        md += "The same definitions as below; intervals at \(Formatting.level(c.plan.confidenceLevel)).\n\n"
        var csv = CSVText(header: ["quarter", "site", "measure", "successes", "patients", "percent", "lower", "upper"])
        let measures = HeadlineMeasure.allCases
        md += "| quarter | site | " + measures.map(\.title).joined(separator: " | ") + " |\n|---|---|" + String(repeating: "---|", count: measures.count) + "\n"
        // Per-site rows add up to the all-sites row of their quarter: hide so that no small count is recoverable.
        var hide: [String: (k: Bool, n: Bool)] = [:]
        for q in quarters {
            let siteRows = rows.filter { $0.quarter == q.label && $0.site != nil }
            guard let total = rows.first(where: { $0.quarter == q.label && $0.site == nil }) else { continue }
            for m in measures {
                let flags = c.cells.rateGrid(siteRows.compactMap { $0.rates[m]?.count }, total: siteRows.isEmpty ? nil : total.rates[m]?.count)
                for (i, r) in siteRows.enumerated() { hide["\(q.label)|\(r.site!)|\(m.rawValue)"] = flags[i] }
                if !siteRows.isEmpty { hide["\(q.label)|all|\(m.rawValue)"] = flags[siteRows.count] }
            }
        }
        for row in rows {
            let site = row.site.map(MarkdownText.cell) ?? "all"
            let raw = { (m: HeadlineMeasure) in hide["\(row.quarter)|\(row.site ?? "all")|\(m.rawValue)"] ?? (false, false) }
            // Both response measures share their successes: a numerator hidden in one is hidden in the other.
            let flag = { (m: HeadlineMeasure) -> (k: Bool, n: Bool) in
                guard m == .responseCompleters || m == .responseIntentionToTreat else { return raw(m) }
                return (raw(.responseCompleters).k || raw(.responseIntentionToTreat).k, raw(m).n)
            }
            md += "| \(row.quarter) | \(site) | " + measures.map { m in row.rates[m].map { c.cells.rate($0, hideK: flag(m).k, hideN: flag(m).n) } ?? "" }.joined(separator: " | ") + " |\n"
            for m in measures { if let e = row.rates[m] { csv.append([row.quarter, row.site ?? "all", m.rawValue] + c.cells.rateFields(e, hideK: flag(m).k, hideN: flag(m).n)) } }
        }
        // The figure: all sites, a point only where the rate is shown (a hidden rate has no point).
        let allRows = rows.filter { $0.site == nil }
        let panels = measures.map { m in
            (title: m.title, points: allRows.map { row -> (quarter: String, estimate: RateEstimate?) in
                let h = hide["\(row.quarter)|all|\(m.rawValue)"] ?? (false, false)
                let sharedK = m == .responseCompleters || m == .responseIntentionToTreat
                    ? (hide["\(row.quarter)|all|\(HeadlineMeasure.responseCompleters.rawValue)"]?.k ?? false) || (hide["\(row.quarter)|all|\(HeadlineMeasure.responseIntentionToTreat.rawValue)"]?.k ?? false)
                    : false
                guard let e = row.rates[m], e.notEstimable == nil, !h.k, !h.n, !sharedK,
                      !c.cells.policy.hidesRate(successes: e.count.successes, patients: e.count.patients) else { return (row.quarter, nil) }
                return (row.quarter, e)
            })
        }
        var figures: [(name: String, svg: String)] = []
        if let fig = FigureHooks.trend(panels: panels) {
            figures.append(fig)
            md += "\n![Headline rates by quarter](figures/\(fig.name))\n\nA quarter without a point in the figure (marked not estimable) either had no patients or its rate is suppressed (`<11` in the table).\n"
        }
        md += "\nTable: `tables/trend.csv`.\n\n"
        return ReportPart(markdown: md, tables: [("trend.csv", csv.text)], figures: figures)
    }
}
