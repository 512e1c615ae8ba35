import Foundation
import OutcomesText
import OutcomesClinical
import OutcomesProportions
import OutcomesSurvival

/// The Markdown sections of the outcome report, one function each.
enum OutcomeSections {
    private typealias F = Formatting

    /// "k / n (rate, lower–upper)" for an estimate the clinical layer made, or "not estimable (reason)".
    static func rate(_ e: RateEstimate) -> String {
        let k = e.count.successes, n = e.count.patients
        if let why = e.notEstimable { return n > 0 ? "\(k) / \(n) (interval not estimable: \(why))" : "not estimable (\(why))" }
        return "\(k) / \(n) (\(F.fixed(100 * Double(k) / Double(n), 1)) %, \(F.fixed(100 * (e.lower ?? .nan), 1))–\(F.fixed(100 * (e.upper ?? .nan), 1)))"
    }

    /// The estimate of a count under the tables' plan, formatted.
    static func rate(_ c: RateCount, _ t: DerivedTables) -> String { rate(t.estimate(c)) }

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

    /// The rows of a by-diagnosis table: all patients, then each diagnosis present in the dataset.
    static func groups(_ t: DerivedTables) -> [(name: String, diagnoses: Set<Diagnosis>?)] {
        [("all", nil)] + t.diagnosesPresent.map { ($0.rawValue, [$0]) }
    }

    static func response(_ t: DerivedTables) -> String {
        var s = "## Response and remission at the end of the first induction series\n\n" + intervalNote(t.plan) + " "
        s += "PHQ-9 and MADRS are reported separately: they disagree for the same patients (CNS Drugs 2023;37:715-723). "
        s += "Response is shown among patients with an end-of-series score (\(F.compact(t.plan.endOfSeriesMinimumHours)) hours to \(F.compact(t.plan.endOfSeriesWindowDays)) days after the last infusion's start) "
        s += "and by intention to treat: all patients who started the induction series, those without an end-of-series score counted as not responding (as CMS159 counts).\n\n"
        for scale in Scale.all {
            let rows = t.endpoints.filter { SeriesSelection.firstInduction.matches($0.series) && $0.scale == scale }
            guard !rows.isEmpty else { continue }
            let rules = t.plan.rules(for: scale)
            s += "### \(scale.id)\n\n| group | response (\(rules.responseText)) among patients with an endpoint | response by intention to treat (no endpoint = not responding) | partial response | remission (\(rules.remissionText)) | no endpoint |\n|---|---|---|---|---|---|\n"
            for g in groups(t) where rows.contains(where: { g.diagnoses?.contains($0.diagnosis) ?? true }) {
                let response = t.count(.response, scale: scale, diagnoses: g.diagnoses)
                let partial = t.count(.partialResponse, scale: scale, diagnoses: g.diagnoses)
                let remission = t.count(.remission, scale: scale, diagnoses: g.diagnoses)
                s += "| \(g.name) | \(rate(response, t)) | \(rate(response.intentionToTreat, t)) | \(rate(partial, t)) "
                s += "| \(rate(remission, t)) | \(response.notEvaluable) |\n"
            }
            if let m = t.firstResponseMedian(scale: scale) {
                s += "\nTime to first response (first score meeting the response rule after the first infusion): median \(F.fixed(m.median, 1)) days over \(m.patients) patients.\n"
            }
            s += "\n"
        }
        return s
    }

    static func published(_ studies: [PublishedResponseRate], tables t: DerivedTables, patients: [PatientTimeline]) -> String {
        var s = "## Compared with published series\n\n"
        let practice = t.count(.response, scale: .phq9)
        guard let c = try? PublishedSeries.compare(studies, practice: practice, level: t.plan.confidenceLevel) else {
            return s + "Published series could not be pooled (fewer than two studies).\n\n"
        }
        let p = c.pooled
        s += "Practice response on PHQ-9 at the end of the first induction series: \(rate(practice, t)). "
        s += "Published series pooled by random effects on the logit scale (REML, as metafor::rma with measure = \"PLO\"): "
        s += "\(F.fixed(100 * p.proportion, 1)) % (\(F.level(t.plan.confidenceLevel)) CI \(F.fixed(100 * p.proportionLower, 1))–\(F.fixed(100 * p.proportionUpper, 1))), "
        s += "\(p.studyCount) studies, tau² = \(F.fixed(p.tau2, 3)), I² = \(F.fixed(p.i2, 1)) %, Q test \(pEquals(p.qPValue)). "
        s += "The studies used different instruments, designs and time points, and their counts are reconstructed from published percentages: "
        s += "the pooled figure is a rough anchor, not a like-for-like benchmark.\n\n"
        s += "| study | design | instrument | response |\n|---|---|---|---|\n"
        for st in studies {
            s += "| \(st.study) (\(st.citation)) | \(st.design) | \(st.instrument) | \(st.responders) / \(st.patients) (\(F.fixed(100 * Double(st.responders) / Double(st.patients), 1)) %) |\n"
        }
        return s + "\n"
    }

    static func suicidal(_ t: DerivedTables) -> String {
        var s = "## Suicidal-thoughts item after an infusion\n\n"
        s += "Among patients whose item (PHQ-9 item 9 ≥ \(t.plan.phq9SuicidalPositiveAtLeast); MADRS item 10 ≥ \(t.plan.madrsSuicidalPositiveAtLeast)) was positive before an infusion: "
        s += "resolved (PHQ-9 item 9 ≤ \(t.plan.phq9SuicidalResolvedAtMost); MADRS item 10 ≤ \(t.plan.madrsSuicidalResolvedAtMost)) at the latest score within each window after the infusion's start. "
        s += "Patients without a score in a window are not counted in it. The item is a risk marker with low positive predictive value (Simon et al. 2013): its resolution is not proof that suicidal thinking ended.\n\n"
        for scale in Scale.all {
            let rows = t.suicidal.filter { $0.scale == scale }
            guard let windows = rows.first?.outcomes.map(\.windowMinutes) else { continue }
            s += "### \(scale.id) (\(rows.count) patients positive before an infusion)\n\n| window | resolved | not assessed |\n|---|---|---|\n"
            for w in windows.sorted() {
                let c = t.count(.suicidalResolution, scale: scale, windowMinutes: w)
                let label = w >= 1440 && w.truncatingRemainder(dividingBy: 1440) == 0 ? "\(F.compact(w / 1440)) day(s)" : "\(F.compact(w)) minutes"
                s += "| \(label) | \(rate(c, t)) | \(c.notEvaluable) |\n"
            }
            s += "\n"
        }
        return s
    }

    static func tolerability(_ t: DerivedTables) -> String {
        var s = "## Tolerability\n\n"
        s += t.plan.tolerabilityCountsOtherInterruptions
            ? "Tolerated: every infusion of the first induction series completed, and no adverse event leading to discontinuation from its first infusion to one day after its last (plan: tolerability.other_interruptions_count = true). "
            : "Tolerated: no adverse event leading to discontinuation from the first infusion of the first induction series to one day after its last. Infusions interrupted for another reason (not completed, without a discontinuing adverse event) are counted separately. "
        s += intervalNote(t.plan) + "\n\n"
        s += "| group | tolerated | interrupted for another reason |\n|---|---|---|\n"
        for g in groups(t) where t.tolerability.contains(where: { g.diagnoses?.contains($0.diagnosis) ?? true }) {
            s += "| \(g.name) | \(rate(t.count(.tolerability, diagnoses: g.diagnoses), t)) | \(rate(t.interruptedForOtherReason(diagnoses: g.diagnoses), t)) |\n"
        }
        s += "\n| adverse event | severity | events | patients | serious | led to discontinuation |\n|---|---|---|---|---|---|\n"
        for a in t.adverseEvents {
            s += "| \(a.term) | \(a.severity) | \(a.events) | \(a.patients) | \(a.serious) | \(a.ledToDiscontinuation) |\n"
        }
        return s + "\n"
    }

    static func hazardRatios(_ rows: [RelapseHazardRatio], plan: AnalysisPlan) -> String {
        guard !rows.isEmpty else { return "" }
        var s = "\nCox hazard ratios for relapse (Efron ties, Wald intervals):\n\n| comparison | adjusted for | patients | relapses | hazard ratio (\(F.level(plan.confidenceLevel)) CI) | p |\n|---|---|---|---|---|---|\n"
        for r in rows {
            let hr = hazardRatio(r)
            s += "| \(r.label) | \(r.adjustment) | \(r.n) | \(r.events) | \(hr.value) | \(hr.p) |\n"
        }
        let notes = rows.compactMap { r in r.note.map { "\(r.label): \($0)" } }
        if !notes.isEmpty { s += "\n" + notes.map { "- " + $0 }.joined(separator: "\n") + "\n" }
        return s
    }

    static func relapse(_ t: DerivedTables, figures: [String], patients: [PatientTimeline]) -> String {
        var s = "## Time to relapse among induction responders\n\n"
        s += "Kaplan–Meier estimates (Greenwood variance, log-transformed \(F.level(t.plan.confidenceLevel)) intervals as R's survfit); time zero is the last induction infusion. "
        s += "Relapse: \(t.plan.relapseConsecutive) consecutive scores at or above the threshold (PHQ-9 ≥ \(t.plan.phq9RelapseAtLeast), MADRS ≥ \(t.plan.madrsRelapseAtLeast)), "
        s += "at most \(F.compact(t.plan.relapseMaxDaysApart)) days apart and spanning at least \(F.compact(t.plan.relapseMinDaysApart)) days (SUSTAIN-1)"
        s += t.plan.reinductionIsRelapse ? ", or the start of a re-induction series" : ""
        s += ". A median the curve never reaches is *not estimable*. RMST: restricted mean relapse-free days up to \(F.compact(RelapseSurvival.rmstHorizonDays)) days (26 weeks).\n\n"
        s += RelapseIntervalSection.notice(t)
        for scale in Scale.all {
            let summary = t.relapseSummary(scale: scale)
            let rows = summary.curves
            guard !rows.isEmpty else { continue }
            let intervalLeads = RelapseIntervalCensored.spacing(t.relapse, scale: scale, plan: t.plan).intervalCensoredLeads
            let intervalBlock = RelapseIntervalSection.block(t, scale: scale)
            s += "### \(scale.id)\n\n" + (intervalLeads ? intervalBlock + "Kaplan–Meier, confirmed rule (event-time form):\n\n" : "")
            s += "| group | responders | relapses | median days (\(F.level(t.plan.confidenceLevel)) CI) | relapse-free at 4 / 8 / 12 / 16 weeks | RMST 26 weeks (\(F.level(t.plan.confidenceLevel)) CI) |\n|---|---|---|---|---|---|\n"
            for (label, c) in rows {
                let m = c.median
                let med = m.estimate.map { "\(F.fixed($0, 1)) (\(m.lower.map { F.fixed($0, 1) } ?? "not estimable")–\(m.upper.map { F.fixed($0, 1) } ?? "not estimable"))" }
                    ?? "not estimable (fewer than half relapsed\(m.lower.map { "; lower limit " + F.fixed($0, 1) } ?? ""))"
                let lm = c.landmarks.map { F.fixed($0.survival, 2) }.joined(separator: " / ")
                let rmst = c.restrictedMean.map { "\(F.fixed($0.estimate, 1)) (\(F.fixed($0.lower, 1))–\(F.fixed($0.upper, 1)))" }
                    ?? "not estimable (follow-up ends before \(F.compact(RelapseSurvival.rmstHorizonDays)) days)"
                s += "| \(label) | \(c.patients) | \(c.relapses) | \(med) | \(lm) | \(rmst) |\n"
            }
            if let lr = summary.logRank {
                if let why = summary.logRankNotEstimable {
                    s += "\nLog-rank test by strategy: not estimable (\(why)).\n"
                } else {
                    s += "\nLog-rank test by strategy: chi-square \(F.fixed(lr.chiSquare, 2)) on \(lr.degreesOfFreedom) df, \(pEquals(lr.pValue)).\n"
                }
            }
            s += hazardRatios(summary.hazardRatios, plan: t.plan)
            let figure = "relapse_free_\(scale == .phq9 ? "phq9" : "madrs")_by_strategy.svg"
            if figures.contains(figure) { s += "\n![Relapse-free by strategy (\(scale.id))](\(figure))\n" }
            s += "\n" + (intervalLeads ? "" : intervalBlock)
        }
        s += "Strategy is the plan recorded at the end of induction, not a randomized assignment: differences between strategies mix the strategy's effect with who chose it.\n\n"
        return s
    }

    static func maintenance(_ t: DerivedTables) -> String {
        guard let m = t.maintenanceSummary else { return "" }
        return "## Maintenance intervals\n\n\(m.intervals) intervals between consecutive maintenance sessions in \(m.patients) patients: median \(F.fixed(m.median, 1)) days, quartiles \(F.fixed(m.lowerQuartile, 1)) and \(F.fixed(m.upperQuartile, 1)).\n\n"
    }

    static func exclusions(_ t: DerivedTables) -> String {
        var counts: [String: Int] = [:]
        for e in t.exclusions {
            counts["\(e.analysis.kind) — \(e.reason)", default: 0] += 1
        }
        var s = "## Exclusions\n\nRecords left out of an analysis, by reason (each is listed with its source line in `exclusions.csv`):\n\n| analysis — reason | records |\n|---|---|\n"
        for (k, v) in counts.sorted(by: { $0.key < $1.key }) { s += "| \(k) | \(v) |\n" }
        if !t.phaseDisagreements.isEmpty {
            s += "\nRecorded phases that differ from the series rule: \(t.phaseDisagreements.count) (listed in `phase_disagreements.csv`; the recorded phase was used).\n"
        }
        return s + "\n"
    }
}
