import OutcomesClinical

/// Section 2: patient flow, CONSORT-style, per scale (counts and reasons for leaving from the clinical layer).
enum PatientFlowSection {
    /// The flow's counts as printed: a step count, or an exit count, hidden where small or where a hidden
    /// count could be worked out from its neighbours (each step's exits add up to the fall from the step before).
    static func printed(_ flow: PatientFlow, cells: ReportCells) -> [(label: String, count: String, exits: [(reason: String, count: String)])] {
        var out: [(label: String, count: String, exits: [(reason: String, count: String)])] = []
        var previousHidden = false
        for (i, step) in flow.steps.enumerated() {
            let leaving = i == 0 ? 0 : flow.steps[i - 1].count - step.count
            // A small fall between two shown steps discloses its patients: hide this step (and so the fall).
            let hideStep = cells.policy.hides(step.count) || previousHidden || (i > 0 && cells.policy.hides(leaving))
            var exitText = step.exits.map { _ in "" }
            if !step.exits.isEmpty {
                let table = CountTable(cells: [step.exits.map(\.count)], showsRowTotals: !hideStep, showsColumnTotals: false)
                let pattern = cells.grid(table)
                // A hidden step with every exit shown could be worked out from the step before: hide its exits too.
                for (j, e) in step.exits.enumerated() {
                    exitText[j] = pattern.isHidden(row: 0, column: j) || (hideStep && cells.policy.threshold != nil) ? cells.hidden : String(e.count)
                }
            }
            out.append((step.label, hideStep && cells.policy.threshold != nil ? cells.hidden : String(step.count),
                        zip(step.exits, exitText).map { ($0.reason, $1) }))
            previousHidden = hideStep && cells.policy.threshold != nil
        }
        return out
    }

    static func part(_ c: ReportContext) -> ReportPart {
        var md = "## Patient flow\n\n"
        md += "Each step keeps the patients of the step before it who met its condition; the reasons say where the others went. "
        md += "Completed: every infusion of the first induction series completed and no adverse event leading to discontinuation. "
        md += "Section 4's rates among patients with an end-of-series score also count patients who did not complete every infusion but were scored.\n\n"
        var csv = CSVText(header: ["scale", "step", "step_label", "patients", "left_reason", "left_patients"])
        var part = ReportPart()
        for scale in Scale.all {
            let flow = c.cohort.patientFlow(scale: scale)
            guard flow.steps.first?.count ?? 0 > 0 else { continue }
            let rows = printed(flow, cells: c.cells)
            md += "### \(scale.id)\n\n| step | patients | left before this step (reason: patients) |\n|---|---|---|\n"
            for (i, r) in rows.enumerated() {
                md += "| \(i + 1). \(r.label) | \(r.count) | " + r.exits.map { "\($0.reason): \($0.count)" }.joined(separator: "; ") + " |\n"
                csv.append([scale.id, String(i + 1), r.label, r.count, "", ""])
                for e in r.exits { csv.append([scale.id, String(i + 1), r.label, r.count, e.reason, e.count]) }
            }
            md += "\n"
            part.figures += FigureHooks.flow(scale: scale, rows: rows)
            if let name = part.figures.last?.name, name.contains(scale == .phq9 ? "phq9" : "madrs") {
                md += "![Patient flow (\(scale.id))](figures/\(name))\n\n"
            }
        }
        md += "Table: `tables/patient_flow.csv`.\n\n"
        part.markdown = md
        part.tables = [("patient_flow.csv", csv.text)]
        return part
    }
}

/// Section 3: case mix.
enum CaseMixSection {
    static func part(_ c: ReportContext) -> ReportPart {
        let mix = c.cohort.caseMix(records: c.records)
        var md = "## Case mix\n\n"
        md += "Patients whose first induction series started in the period (\(c.periodLabel)). Baseline severity: the last score before the first infusion, in the published bands "
        md += "(PHQ-9: \(Scale.phq9.bandSource); MADRS: \(Scale.madrs.bandSource)).\n\n"
        md += "| characteristic | level | patients | percent |\n|---|---|---|---|\n"
        var csv = CSVText(header: ["characteristic", "level", "patients", "percent"])
        for ch in mix.characteristics {
            // Each characteristic's levels add up to the cohort, which is shown: complementary suppression.
            let pattern = c.cells.grid(CountTable(cells: ch.levels.map { [$0.patients] }, showsRowTotals: false, showsColumnTotals: true))
            for (i, level) in ch.levels.enumerated() {
                let hidden = c.cells.policy.threshold != nil && pattern.isHidden(row: i, column: 0)
                let count = hidden ? c.cells.hidden : String(level.patients)
                let percent = hidden || mix.patients == 0 ? "" : Formatting.fixed(100 * Double(level.patients) / Double(mix.patients), 1)
                md += "| \(MarkdownText.cell(ch.name)) | \(MarkdownText.cell(level.label)) | \(count) | \(percent) |\n"
                csv.append([ch.name, level.label, count, percent])
            }
        }
        md += "| all | | \(c.cells.count(mix.patients)) | 100.0 |\n\nTable: `tables/case_mix.csv`.\n\n"
        return ReportPart(markdown: md, tables: [("case_mix.csv", csv.text)])
    }
}
