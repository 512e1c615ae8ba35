import Foundation
import OutcomesText
import OutcomesClinical
import OutcomesProportions
import OutcomesSurvival

/// The Markdown sections of the outcome report, one function each.
enum OutcomeSections {
    private typealias F = Formatting

    /// "p = 0.0123" or "p < 0.0001".
    static func pEquals(_ p: Double) -> String {
        let text = NumberText.pValue(p)
        return text.hasPrefix("<") ? "p " + text : text == "not estimable" ? "p not estimable" : "p = " + text
    }

    /// "estimate (lower–upper)" with two decimals, or "not estimable (reason)"; any warning the model raised sits
    /// beside the number.
    static func hazardRatio(_ r: RelapseHazardRatio) -> (value: String, p: String) {
        let warnings = r.warnings.isEmpty ? "" : "; warning: " + r.warnings.joined(separator: "; ")
        if let why = r.notEstimable { return ("not estimable (\(why))" + warnings, "not estimable") }
        let t = r.term
        return ("\(F.fixed(t.hazardRatio, 2)) (\(F.fixed(t.hazardRatioLower, 2))–\(F.fixed(t.hazardRatioUpper, 2)))" + warnings,
                ClaimsReport.pValue(t.pValue))
    }

    static func intervalNote(_ plan: AnalysisPlan) -> String {
        let name = plan.claimsIntervalMethod == "exact" ? "Clopper–Pearson exact" : "Wilson score"
        return "Rates are shown as successes / patients (percent, \(F.level(plan.confidenceLevel)) \(name) interval)."
    }

    static func published(_ studies: [PublishedResponseRate], tables t: DerivedTables, cells: ReportCells) -> String {
        var s = "### Compared with published series\n\n"
        let practice = t.count(.response, scale: .phq9)
        guard let c = try? PublishedSeries.compare(studies, practice: practice, level: t.plan.confidenceLevel) else {
            return s + "Published series could not be pooled (fewer than two studies).\n\n"
        }
        let p = c.pooled
        s += "Practice response on PHQ-9 at the end of the first induction series: \(cells.rate(t.estimate(practice))). "
        s += "Published series pooled by random effects on the logit scale (REML, as metafor::rma with measure = \"PLO\"): "
        s += "\(F.fixed(100 * p.proportion, 1)) % (\(F.level(t.plan.confidenceLevel)) CI \(F.fixed(100 * p.proportionLower, 1))–\(F.fixed(100 * p.proportionUpper, 1))), "
        s += "\(p.studyCount) studies, tau² = \(F.fixed(p.tau2, 3)), I² = \(F.fixed(p.i2, 1)) %, Q test \(pEquals(p.qPValue)). "
        s += "The studies used different instruments, designs and time points, and their counts are reconstructed from published percentages: "
        s += "the pooled figure is a rough anchor, not a like-for-like benchmark.\n\n"
        s += "| study | design | instrument | response |\n|---|---|---|---|\n"
        for st in studies {
            s += "| \(MarkdownText.cell(st.study)) (\(MarkdownText.cell(st.citation))) | \(MarkdownText.cell(st.design)) | \(MarkdownText.cell(st.instrument)) | \(st.responders) / \(st.patients) (\(F.fixed(100 * Double(st.responders) / Double(st.patients), 1)) %) |\n"
        }
        return s + "\n"
    }

    static func hazardRatios(_ rows: [RelapseHazardRatio], plan: AnalysisPlan, cells: ReportCells) -> String {
        guard !rows.isEmpty else { return "" }
        var s = "\nCox hazard ratios for relapse (Efron ties, Wald intervals):\n\n| comparison | adjusted for | patients | relapses | hazard ratio (\(F.level(plan.confidenceLevel)) CI) | p |\n|---|---|---|---|---|---|\n"
        for r in rows {
            let hr = hazardRatio(r)
            s += "| \(r.label) | \(r.adjustment) | \(cells.count(r.n)) | \(cells.policy.hidesRate(successes: r.events, patients: r.n) ? cells.hidden : String(r.events)) | \(hr.value) | \(hr.p) |\n"
        }
        let notes = rows.compactMap { r in r.note.map { "\(r.label): \($0)" } }
        if !notes.isEmpty { s += "\n" + notes.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        return s
    }

    /// `curvesOf` holds ``DerivedTables/relapseCurves(scale:)`` by scale id (computed once with the figures).
    static func relapse(_ t: DerivedTables, curvesOf: [String: [(label: String, summary: RelapseCurveSummary)]], figures: [String],
                        cells: ReportCells) -> String {
        var s = "## Time to relapse among induction responders\n\n"
        s += "Kaplan–Meier estimates (Greenwood variance, log-transformed \(F.level(t.plan.confidenceLevel)) intervals as R's survfit); time zero is the last induction infusion. "
        s += "Relapse: \(t.plan.relapseConsecutive) consecutive scores at or above the threshold (PHQ-9 ≥ \(t.plan.phq9RelapseAtLeast), MADRS ≥ \(t.plan.madrsRelapseAtLeast)), "
        s += "at most \(F.compact(t.plan.relapseMaxDaysApart)) days apart and spanning at least \(F.compact(t.plan.relapseMinDaysApart)) days (SUSTAIN-1)"
        s += t.plan.reinductionIsRelapse ? ", or the start of a re-induction series" : ""
        s += ". A median the curve never reaches is *not estimable*. RMST: restricted mean relapse-free days up to \(F.compact(RelapseSurvival.rmstHorizonDays)) days (26 weeks).\n\n"
        s += RelapseIntervalSection.notice(t)
        for scale in Scale.all {
            let rows = curvesOf[scale.id] ?? t.relapseCurves(scale: scale)
            guard !rows.isEmpty else { continue }
            let intervalLeads = RelapseIntervalCensored.spacing(t.relapse, scale: scale, plan: t.plan).intervalCensoredLeads
            let intervalBlock = RelapseIntervalSection.block(t, scale: scale, cells: cells)
            s += "### \(scale.id)\n\n" + (intervalLeads ? intervalBlock + "Kaplan–Meier, confirmed rule (event-time form):\n\n" : "")
            s += "| group | responders | relapses | median days (\(F.level(t.plan.confidenceLevel)) CI) | relapse-free at 4 / 8 / 12 / 16 weeks | RMST 26 weeks (\(F.level(t.plan.confidenceLevel)) CI) |\n|---|---|---|---|---|---|\n"
            // Diagnosis rows and strategy rows each add up to the `all` row: complementary suppression per grouping.
            var hide: [String: (k: Bool, n: Bool)] = [:]
            for prefix in ["diagnosis: ", "strategy: "] {
                let members = rows.filter { $0.label.hasPrefix(prefix) }
                let all = rows.first { $0.label == "all" }.map { RateCount(successes: $0.summary.relapses, patients: $0.summary.patients, definition: "") }
                // Strategy can be blank: its rows do not add up to all, but a missing-strategy row is not shown either.
                let total = prefix == "diagnosis: " ? all : nil
                let flags = cells.rateGrid(members.map { RateCount(successes: $0.summary.relapses, patients: $0.summary.patients, definition: "") }, total: total)
                for (i, m) in members.enumerated() { hide[m.label] = flags[i] }
                if total != nil { hide["all"] = flags[members.count] }
            }
            for (label, c) in rows {
                let m = c.median
                let med = m.estimate.map { "\(F.fixed($0, 1)) (\(m.lower.map { F.fixed($0, 1) } ?? "not estimable")–\(m.upper.map { F.fixed($0, 1) } ?? "not estimable"))" }
                    ?? "not estimable (fewer than half relapsed\(m.lower.map { "; lower limit " + F.fixed($0, 1) } ?? ""))"
                let lm = c.landmarks.map { F.fixed($0.survival, 2) }.joined(separator: " / ")
                let rmst = c.restrictedMean.map { "\(F.fixed($0.estimate, 1)) (\(F.fixed($0.lower, 1))–\(F.fixed($0.upper, 1)))" }
                    ?? "not estimable (follow-up ends before \(F.compact(RelapseSurvival.rmstHorizonDays)) days)"
                let h = hide[label] ?? (false, false)
                let hiddenRow = h.k || h.n || cells.policy.hidesRate(successes: c.relapses, patients: c.patients)
                let patientsText = h.n || cells.policy.hides(c.patients) ? cells.hidden : String(c.patients)
                let relapsesText = hiddenRow ? cells.hidden : String(c.relapses)
                s += "| \(label) | \(patientsText) | \(relapsesText) | \(med) | \(lm) | \(rmst) |\n"
            }
            let figure = "relapse_free_\(scale == .phq9 ? "phq9" : "madrs")_by_strategy.svg"
            if figures.contains(figure) { s += "\n![Relapse-free by strategy (\(scale.id))](figures/\(figure))\n" }
            s += "\n" + (intervalLeads ? "" : intervalBlock)
        }
        s += "Strategy is the plan recorded at the end of induction, not a randomized assignment: differences between strategies mix the strategy's effect with who chose it (section 8).\n\n"
        return s
    }

    static func exclusions(_ t: DerivedTables, cells: ReportCells) -> String {
        var counts: [String: Int] = [:]
        for e in t.exclusions {
            counts["\(e.analysis.kind) — \(e.reason)", default: 0] += 1
        }
        var s = "### Exclusions\n\nRecords left out of an analysis, by reason (with `--with-patient-tables`, each is listed with its source line in `patient_tables/exclusions.csv`):\n\n| analysis — reason | records |\n|---|---|\n"
        for (k, v) in counts.sorted(by: { $0.key < $1.key }) { s += "| \(MarkdownText.cell(k)) | \(cells.count(v)) |\n" }
        if !t.phaseDisagreements.isEmpty {
            s += "\nRecorded phases that differ from the series rule: \(cells.count(t.phaseDisagreements.count)) (the recorded phase was used).\n"
        }
        return s + "\n"
    }
}
