import OutcomesClinical
import OutcomesSurvival

/// Sections 4–6: response, partial response and remission; the suicidal item; tolerability and adverse events.
enum ResponseSections {
    private typealias F = Formatting

    static func groups(_ t: DerivedTables) -> [(name: String, diagnoses: Set<Diagnosis>?)] {
        [("all", nil)] + t.diagnosesPresent.map { ($0.rawValue, [$0]) }
    }

    static func response(_ c: ReportContext) -> ReportPart {
        let t = c.cohort, cells = c.cells
        var part = ReportPart()
        var s = "## Response, partial response and remission\n\n" + OutcomeSections.intervalNote(t.plan) + " "
        s += "PHQ-9 and MADRS are reported separately: they disagree for the same patients (CNS Drugs 2023;37:715-723). "
        s += "Among completers: patients with an end-of-series score (\(F.compact(t.plan.endOfSeriesMinimumHours)) hours to \(F.compact(t.plan.endOfSeriesWindowDays)) days after the last infusion's start). "
        s += "By intention to treat: all patients who started the induction series, those without an end-of-series score counted as not responding (as CMS159 counts).\n\n"
        var csv = CSVText(header: ["scale", "group", "measure", "successes", "patients", "percent", "lower", "upper"])
        for scale in Scale.all {
            // The diagnoses with a first-induction endpoint on this scale.
            let diagnosesWithRows = Set(t.firstInductionEndpoints(scale: scale).values.map { t.endpoints[$0].diagnosis })
            guard !diagnosesWithRows.isEmpty else { continue }
            let rules = t.plan.rules(for: scale)
            s += "### \(scale.id): response = \(rules.responseText); partial response = \(rules.partialResponseText); remission = \(rules.remissionText)\n\n"
            s += "| group | response (\(rules.responseText)) among patients with an endpoint | response by intention to treat (no endpoint = not responding) | partial response | remission (\(rules.remissionText)) | no endpoint |\n|---|---|---|---|---|---|\n"
            let gs = groups(t).filter { g in g.diagnoses.map { !$0.isDisjoint(with: diagnosesWithRows) } ?? true }
            let response = gs.map { t.count(.response, scale: scale, diagnoses: $0.diagnoses) }
            let partial = gs.map { t.count(.partialResponse, scale: scale, diagnoses: $0.diagnoses) }
            let remission = gs.map { t.count(.remission, scale: scale, diagnoses: $0.diagnoses) }
            let hide = hiddenCells(response: response, partial: partial, remission: remission, cells: cells)
            for (i, g) in gs.enumerated() {
                let r = response[i], h = hide[i]
                s += "| \(g.name) | \(cells.rate(t.estimate(r), hideK: h.k, hideN: h.n)) | \(cells.rate(t.estimate(r.intentionToTreat), hideK: h.k, hideN: h.started)) "
                s += "| \(cells.rate(t.estimate(partial[i]), hideK: h.partial, hideN: h.n)) | \(cells.rate(t.estimate(remission[i]), hideK: h.remission, hideN: h.n)) "
                s += "| \(h.noEndpoint || cells.policy.hides(r.notEvaluable) ? cells.hidden : String(r.notEvaluable)) |\n"
                csv.append([scale.id, g.name, "response_completers"] + cells.rateFields(t.estimate(r), hideK: h.k, hideN: h.n))
                csv.append([scale.id, g.name, "response_itt"] + cells.rateFields(t.estimate(r.intentionToTreat), hideK: h.k, hideN: h.started))
                csv.append([scale.id, g.name, "partial_response"] + cells.rateFields(t.estimate(partial[i]), hideK: h.partial, hideN: h.n))
                csv.append([scale.id, g.name, "remission"] + cells.rateFields(t.estimate(remission[i]), hideK: h.remission, hideN: h.n))
                csv.append([scale.id, g.name, "no_endpoint", h.noEndpoint || cells.policy.hides(r.notEvaluable) ? cells.hidden : String(r.notEvaluable),
                            h.started || cells.policy.hides(r.patients + r.notEvaluable) ? cells.hidden : String(r.patients + r.notEvaluable), "", "", ""])
            }
            let changes = t.waterfallPercentChanges(scale: scale)
            if let fig = FigureHooks.waterfall(scale: scale, percentChanges: changes, rules: rules, policy: cells.policy) {
                part.figures.append(fig)
                s += "\n![Percent change from baseline per patient (\(scale.id))](figures/\(fig.name))\n"
            }
            s += "\n" + firstResponse(t, scale: scale, cells: cells, part: &part)
        }
        s += "Tables: `tables/response.csv`; time to first response: `tables/first_response_phq9.csv`, `tables/first_response_madrs.csv`.\n\n"
        part.markdown = s
        part.tables.insert(("response.csv", csv.text), at: 0)
        return part
    }

    /// Hidden cells of one scale's response table: the groups (diagnoses) add up to the `all` row (first), and
    /// within a row responders + non-responders + no endpoint = started, and partial responders are among the
    /// non-responders.
    static func hiddenCells(response: [RateCount], partial: [RateCount], remission: [RateCount], cells: ReportCells)
        -> [(k: Bool, n: Bool, started: Bool, noEndpoint: Bool, partial: Bool, remission: Bool)] {
        guard cells.policy.threshold != nil else { return response.map { _ in (false, false, false, false, false, false) } }
        let groupRows = Array(response.dropFirst())
        let table = CountTable(cells: groupRows.map { [$0.successes, $0.patients - $0.successes, $0.notEvaluable] },
                               showsRowTotals: true, showsColumnTotals: true)
        let p = cells.grid(table)
        let g = groupRows.count
        // Row index in the pattern for printed row i (0 = all = the totals row).
        let rowOf = { (i: Int) in i == 0 ? g : i - 1 }
        var out: [(k: Bool, n: Bool, started: Bool, noEndpoint: Bool, partial: Bool, remission: Bool)] = []
        var nHidden: [Bool] = []
        for i in response.indices {
            let r = rowOf(i)
            let k = p.hidden[r][0], nonResponders = p.hidden[r][1], noEndpoint = p.hidden[r][2], started = p.hidden[r][3]
            // n = responders + non-responders and n = started − no endpoint: one hidden means n and no endpoint hide.
            let n = nonResponders || noEndpoint
            nHidden.append(n)
            out.append((k, n, started, n, false, false))
        }
        let partialFlags = cells.rateGrid(Array(partial.dropFirst()), total: partial.first, alsoHideN: Array(nHidden.dropFirst()))
        let remissionFlags = cells.rateGrid(Array(remission.dropFirst()), total: remission.first, alsoHideN: Array(nHidden.dropFirst()))
        for i in response.indices {
            let f = i == 0 ? g : i - 1
            // Partial responders and responders leave "no response" = n − k − partial: hide partial when that is small.
            let none = response[i].patients - response[i].successes - partial[i].successes
            out[i].partial = partialFlags[f].k || cells.policy.hides(none)
            out[i].remission = remissionFlags[f].k
        }
        return out
    }

    static func firstResponse(_ t: DerivedTables, scale: Scale, cells: ReportCells, part: inout ReportPart) -> String {
        guard let f = t.firstResponseIncidence(scale: scale) else { return "" }
        let curve = f.response
        let at = { (d: Double) in curve.rows.last { $0.time <= d } }
        var s = "Time to first response (\(scale.id)): cumulative incidence of the first score meeting the response rule after the first induction infusion, "
        s += "stopping the series for an adverse event counted as a competing event and everyone else followed to their end-of-series score "
        s += "(Aalen–Johansen estimate, \(F.level(t.plan.confidenceLevel)) intervals), over \(cells.count(f.patients)) patients with a baseline score: "
        var csv = CSVText(header: ["scale", "day", "cumulative_incidence", "lower", "upper", "at_risk"])
        var cuts: [String] = []
        for day in [7.0, 14, 21, 28] {
            guard let row = at(day) else { cuts.append("day \(F.compact(day)): 0.0 %"); continue }
            let atRisk = curve.rows.first { $0.time > day }?.atRisk ?? 0
            cuts.append("by day \(F.compact(day)) \(F.fixed(100 * row.estimate, 1)) % (\(F.fixed(100 * row.lower, 1))–\(F.fixed(100 * row.upper, 1)))")
            let riskText = cells.policy.hides(Int(atRisk.rounded())) ? cells.hidden : F.compact(atRisk)
            csv.append([scale.id, F.compact(day), F.fixed(row.estimate, 4), F.fixed(row.lower, 4), F.fixed(row.upper, 4), riskText])
        }
        s += cuts.joined(separator: "; ") + ".\n\n"
        part.tables.append(("first_response_\(scale == .phq9 ? "phq9" : "madrs").csv", csv.text))
        if let fig = FigureHooks.firstResponse(scale: scale, curve: curve, policy: cells.policy) {
            part.figures.append(fig)
            s += "![Time to first response (\(scale.id))](figures/\(fig.name))\n\n"
        }
        return s
    }

    static func windowLabel(_ w: Double) -> String {
        w >= 1440 && w.truncatingRemainder(dividingBy: 1440) == 0 ? (w == 1440 ? "24 hours" : "\(F.compact(w / 1440)) days") : "\(F.compact(w)) minutes"
    }

    static func suicidal(_ c: ReportContext) -> ReportPart {
        let t = c.cohort, cells = c.cells
        var s = "## Suicidal-thoughts item after an infusion\n\n"
        s += "Among patients whose item (PHQ-9 item 9 ≥ \(t.plan.phq9SuicidalPositiveAtLeast); MADRS item 10 ≥ \(t.plan.madrsSuicidalPositiveAtLeast)) was positive before an infusion: "
        s += "resolved (PHQ-9 item 9 ≤ \(t.plan.phq9SuicidalResolvedAtMost); MADRS item 10 ≤ \(t.plan.madrsSuicidalResolvedAtMost)) at the latest score within each window after the infusion's start. "
        s += "**One fixed cohort**: only patients assessed in every window are counted, so the windows compare the same people. "
        s += "**Recall period**: PHQ-9 item 9 asks about the past two weeks and MADRS item 10 about the past week; a score minutes or hours after an infusion "
        s += "is not what the item was validated for, and its resolution is not proof that suicidal thinking ended (the item is a risk marker with low positive predictive value, Simon et al. 2013).\n\n"
        var csv = CSVText(header: ["scale", "window", "successes", "patients", "percent", "lower", "upper"])
        for scale in Scale.all {
            guard let fixed = t.suicidalFixedCohort(scale: scale) else { continue }
            s += "### \(scale.id): \(cells.count(fixed.positive)) patients positive before an infusion, \(cells.count(fixed.cohort)) assessed in every window\n\n"
            s += "| window | resolved |\n|---|---|\n"
            for (w, k) in fixed.resolved {
                let e = t.estimate(RateCount(successes: k, patients: fixed.cohort, definition: "fixed cohort"))
                s += "| \(windowLabel(w)) | \(cells.rate(e)) |\n"
                csv.append([scale.id, windowLabel(w)] + cells.rateFields(e))
            }
            s += "\n"
        }
        s += "Table: `tables/suicidal_item.csv`.\n\n"
        return ReportPart(markdown: s, tables: [("suicidal_item.csv", csv.text)])
    }

    static func tolerability(_ c: ReportContext) -> ReportPart {
        let t = c.cohort, cells = c.cells
        var s = "## Tolerability and adverse events\n\n"
        s += t.plan.tolerabilityCountsOtherInterruptions
            ? "Tolerated: every infusion of the first induction series completed, and no adverse event leading to discontinuation from its first infusion to one day after its last (plan: tolerability.other_interruptions_count = true). "
            : "Tolerated: no adverse event leading to discontinuation from the first infusion of the first induction series to one day after its last. Infusions interrupted for another reason (not completed, without a discontinuing adverse event) are counted separately. "
        s += OutcomeSections.intervalNote(t.plan) + "\n\n"
        s += "| group | tolerated | interrupted for another reason |\n|---|---|---|\n"
        var csv = CSVText(header: ["group", "measure", "successes", "patients", "percent", "lower", "upper"])
        let gs = groups(t).filter { g in t.tolerability.contains { g.diagnoses?.contains($0.diagnosis) ?? true } }
        let tolerated = gs.map { t.count(.tolerability, diagnoses: $0.diagnoses) }
        let interrupted = gs.map { t.interruptedForOtherReason(diagnoses: $0.diagnoses) }
        let tf = cells.rateGrid(Array(tolerated.dropFirst()), total: tolerated.first)
        let inf = cells.rateGrid(Array(interrupted.dropFirst()), total: interrupted.first)
        for (i, g) in gs.enumerated() {
            let f = i == 0 ? gs.count - 1 : i - 1
            s += "| \(g.name) | \(cells.rate(t.estimate(tolerated[i]), hideK: tf[f].k, hideN: tf[f].n)) | \(cells.rate(t.estimate(interrupted[i]), hideK: inf[f].k, hideN: inf[f].n || tf[f].n)) |\n"
            csv.append([g.name, "tolerated"] + cells.rateFields(t.estimate(tolerated[i]), hideK: tf[f].k, hideN: tf[f].n))
            csv.append([g.name, "interrupted_other_reason"] + cells.rateFields(t.estimate(interrupted[i]), hideK: inf[f].k, hideN: inf[f].n || tf[f].n))
        }
        s += "\nAdverse events per 100 infusions: every event recorded for these patients over every infusion they had (all phases).\n\n"
        s += "| adverse event | events | patients | events per 100 infusions |\n|---|---|---|---|\n"
        var ae = CSVText(header: ["term", "events", "patients", "infusions", "events_per_100_infusions"])
        for r in t.adverseEventRates {
            let hidden = cells.policy.hides(r.events)
            let term = r.term ?? "all"
            let rate = hidden ? "" : F.fixed(r.per100Infusions, 1)
            s += "| \(r.term.map(MarkdownText.cell) ?? "**all**") | \(cells.count(r.events)) | \(cells.count(r.patients)) | \(rate) |\n"
            ae.append([term, cells.count(r.events), cells.count(r.patients), cells.count(r.infusions), rate])
        }
        s += "\n| adverse event | severity | events | patients | serious | led to discontinuation |\n|---|---|---|---|---|---|\n"
        var bySeverity = CSVText(header: ["term", "severity", "events", "patients", "serious", "led_to_discontinuation"])
        // Events by severity add up to the term's events in the table above: complementary suppression per term.
        var hiddenEvents: [String: Bool] = [:]
        for term in Set(t.adverseEvents.map(\.term)) {
            let rows = t.adverseEvents.filter { $0.term == term }
            let pattern = cells.grid(CountTable(cells: [rows.map(\.events)], showsRowTotals: true, showsColumnTotals: false))
            for (j, r) in rows.enumerated() { hiddenEvents[r.term + "|" + r.severity] = cells.policy.threshold != nil && pattern.isHidden(row: 0, column: j) }
        }
        for a in t.adverseEvents {
            let row = [cells.count(a.events, hide: hiddenEvents[a.term + "|" + a.severity] ?? false), cells.count(a.patients),
                       cells.count(a.serious), cells.count(a.ledToDiscontinuation)]
            s += "| \(MarkdownText.cell(a.term)) | \(MarkdownText.cell(a.severity)) | " + row.joined(separator: " | ") + " |\n"
            bySeverity.append([a.term, a.severity] + row)
        }
        s += "\nTables: `tables/tolerability.csv`, `tables/adverse_event_rates.csv`, `tables/adverse_events_by_severity.csv`.\n\n"
        return ReportPart(markdown: s, tables: [("tolerability.csv", csv.text), ("adverse_event_rates.csv", ae.text),
                                                ("adverse_events_by_severity.csv", bySeverity.text)])
    }
}
