import OutcomesClinical

/// Section 10: each claim quoted (escaped), with its verdict, observed value with units, interval, n, the n
/// needed and its sensitivity rows. Counts under the small-cell threshold are hidden.
enum ClaimsSection {
    private typealias F = Formatting

    /// The unit a claim's observed value is in.
    static func unit(_ v: ClaimVerdict) -> String {
        switch v.claim.check {
        case .proportion: return "% of patients"
        case .equivalence: return "percentage points"
        case .comparison, .strategyTrial: return "hazard ratio"
        case let .range(metric, _, _, _):
            switch metric {
            case .medianDaysToRelapse: return "days"
            case .maintenanceIntervalDays: return "days"
            case .infusionDurationMinutes: return "minutes"
            }
        case .notCheckable: return ""
        }
    }

    static func withUnit(_ text: String, _ v: ClaimVerdict) -> String {
        guard !text.isEmpty, text != "not estimable" else { return text }
        let u = unit(v)
        if u.hasPrefix("%") { return text.hasSuffix("%") ? text + " of patients" : text }
        return u == "hazard ratio" || u.isEmpty || text.hasSuffix(u) || text.hasSuffix("points") ? text : "\(text) \(u)"
    }

    static func part(_ c: ReportContext) -> ReportPart {
        if let problem = c.claimsProblem {
            return ReportPart(markdown: "## Claims\n\nThe claims could not be checked on the patients of \(c.periodLabel): \(MarkdownText.cell(problem)). Check them over all data (`outcomes report` without `--period`).\n\n")
        }
        guard let verdicts = c.verdicts else { return ReportPart(markdown: "## Claims\n\nNo claims file was given.\n\n") }
        let cells = c.cells, level = c.plan.confidenceLevel
        var s = "## Claims\n\nVerdicts: \(ClaimsReport.verdictRule).\n\n"
        var csv = CSVText(header: ["id", "kind", "verdict", "fragile", "observed", "unit", "lower", "upper", "interval_level", "n", "successes", "n_needed", "claimed", "method", "text"])
        var sensitivity = CSVText(header: ["id", "definition", "observed", "lower", "upper", "n", "verdict"])
        s += "| claim | verdict | observed | \(F.level(level)) interval | n | patients needed | claimed |\n|---|---|---|---|---|---|---|\n"
        for v in verdicts {
            let hide = v.n.map { n in cells.policy.hides(n) || (v.events.map { cells.policy.hidesRate(successes: $0, patients: n) } ?? false) } ?? false
            let observed = hide ? cells.hidden : withUnit(ClaimsReport.value(v.observed, v), v)
            var interval = hide ? "" : ClaimsReport.interval(v)
            if !interval.isEmpty, let l = v.intervalLevel, abs(l - level) > 1e-12 { interval += " (\(F.level(l)) interval)" }
            let n = v.n.map { cells.count($0) } ?? ""
            s += "| \(MarkdownText.cell(v.claim.id)) | **\(v.verdict.rawValue)**\(v.fragile ? " (fragile)" : "") | \(observed) | \(interval) | \(n) | \(v.nNeeded.map(String.init) ?? "") | \(MarkdownText.cell(ClaimsReport.claimed(v))) |\n"
            let successes = v.events.map { e in hide || cells.policy.hides(e) ? cells.hidden : String(e) } ?? ""
            csv.append([v.claim.id, v.claim.check.kind, v.verdict.rawValue, v.fragile ? "Y" : "N", hide ? cells.hidden : (v.observed.map { F.fixed($0, 4) } ?? ""), unit(v),
                        hide ? "" : (v.lower.map { F.fixed($0, 4) } ?? ""), hide ? "" : (v.upper.map { F.fixed($0, 4) } ?? ""),
                        v.intervalLevel.map { F.compact($0) } ?? "", n, successes, v.nNeeded.map(String.init) ?? "", ClaimsReport.claimed(v),
                        v.method, v.claim.text])
        }
        for v in verdicts {
            s += "\n### \(MarkdownText.cell(v.claim.id)): \(v.verdict.rawValue)\(v.fragile ? " (fragile)" : "")\n\n"
            s += "> " + MarkdownText.cell(v.claim.text) + "\n>\n> (" + MarkdownText.cell(v.claim.source) + ")\n\n"
            if let i = v.claim.interpretation { s += "- Read as: \(MarkdownText.cell(i))\n" }
            s += "- Measured: \(MarkdownText.cell(v.definition))\n"
            if v.verdict != .notCheckable {
                let hide = v.n.map { n in cells.policy.hides(n) || (v.events.map { cells.policy.hidesRate(successes: $0, patients: n) } ?? false) } ?? false
                let named = hide ? "" : v.intervalLevel.map { ", \(F.level($0)) interval \(ClaimsReport.interval(v))" } ?? ""
                s += "- Observed \(hide ? cells.hidden : withUnit(ClaimsReport.value(v.observed, v), v))\(named), n = \(v.n.map { cells.count($0) } ?? "0"); method: \(MarkdownText.cell(v.method))\n"
                if let p = v.pValue, !hide { s += "- p-value against the claim: \(ClaimsReport.pValue(p))\n" }
                if let pw = v.power, !hide { s += "- Chance that a study of this size decides the claim, if the observed value were true (power): \(F.percent(pw))\n" }
                if let nn = v.nNeeded { s += "- Patients needed for an 80 % chance of deciding, if the observed rate held: \(nn)\n" }
            }
            if let note = v.note { s += "- Note: \(MarkdownText.cell(note))\n" }
            guard !v.sensitivity.isEmpty else { continue }
            s += v.fragile ? "- **Fragile**: a defensible alternative definition changes the verdict.\n" : "- Robust: every alternative definition below gives the same verdict.\n"
            s += "\n| alternative definition | observed | interval | n | verdict |\n|---|---|---|---|---|\n"
            for r in v.sensitivity {
                let hideRow = r.n.map { cells.policy.hides($0) } ?? false
                let interval = hideRow || (r.lower == nil && r.upper == nil) ? "" : "\(r.lower == nil ? "not estimable" : ClaimsReport.value(r.lower, v)) to \(r.upper == nil ? "not estimable" : ClaimsReport.value(r.upper, v))"
                s += "| \(MarkdownText.cell(r.definition)) | \(hideRow ? cells.hidden : withUnit(ClaimsReport.value(r.observed, v), v)) | \(interval) | \(r.n.map { cells.count($0) } ?? "") | \(r.verdict.rawValue) |\n"
                sensitivity.append([v.claim.id, r.definition, hideRow ? cells.hidden : (r.observed.map { F.fixed($0, 4) } ?? ""),
                                    hideRow ? "" : (r.lower.map { F.fixed($0, 4) } ?? ""), hideRow ? "" : (r.upper.map { F.fixed($0, 4) } ?? ""),
                                    r.n.map { cells.count($0) } ?? "", r.verdict.rawValue])
            }
        }
        s += "\nTables: `tables/claims.csv`, `tables/claim_sensitivity.csv`.\n\n"
        return ReportPart(markdown: s, tables: [("claims.csv", csv.text), ("claim_sensitivity.csv", sensitivity.text)])
    }
}
