import Foundation
import OutcomesClinical
import OutcomesConcurrency
import OutcomesProportions
import OutcomesSurvival

/// The practice's quarterly outcome report, in the issue's twelve sections: summary (and the trend), patient
/// flow, case mix, response, suicidal item, tolerability, time to relapse, maintenance versus re-induction,
/// trajectories, claims, methods, provenance. Every table is also a tidy CSV under `tables/`, every figure an
/// SVG under `figures/`. Deterministic: no dates of "now", fixed formatting and ordering.
public enum OutcomeReport {
    /// Every file of the report: `report.md` first, then `tables/…`, `figures/…`, `claims.json` (only with
    /// suppression off) and, only when asked for, `patient_tables/…` (the per-patient derived tables, with
    /// identifiers and dates).
    static func files(analysed: AnalysedDataset, verdicts: [ClaimVerdict]?, claimsProblem: String? = nil, published: [PublishedResponseRate]?,
                      options: OutcomeReportOptions, provenance: Provenance, datasetName: String) -> [(name: String, contents: String)] {
        let all = analysed.tables
        let cohort = all.restricted(to: options.period)
        let c = ReportContext(all: all, cohort: cohort, records: analysed.validated.dataset.patients, verdicts: verdicts, claimsProblem: claimsProblem,
                              published: published, options: options, cells: ReportCells(policy: options.suppression))
        var md = ""
        if options.suppression.threshold == nil {
            md += "**Small-cell suppression is OFF (`--no-suppress`): this report may identify patients and is for internal use only.**\n\n"
        }
        md += "# \(MarkdownText.cell(SummarySection.title(c)))\n\n"
        // The sections read the same derived tables and nothing else: they are built concurrently and joined
        // in report order, so the report is the same with any number of threads.
        let sections: [@Sendable (ReportContext) -> ReportPart] = [
            { ReportPart(markdown: "## Summary\n\n" + SummarySection.lines($0).joined(separator: "\n") + "\n\n") },
            TrendSection.part, PatientFlowSection.part, CaseMixSection.part,
            { c in
                var response = ResponseSections.response(c)
                if let published = c.published { response.markdown += OutcomeSections.published(published, tables: c.cohort, cells: c.cells) }
                return response
            },
            ResponseSections.suicidal, ResponseSections.tolerability, relapse,
            MaintenanceComparisonSection.maintenanceComparison, TrajectorySection.part, ClaimsSection.part, MethodsSection.part]
        // Longest first (strategy comparison, trajectories, trend, relapse, response at 50,000 patients), so the
        // threads do not end with one long section running alone; the parts are joined in report order.
        let longestFirst = [8, 9, 1, 7, 4] + [0, 2, 3, 5, 6, 10, 11]
        assert(longestFirst.sorted() == Array(sections.indices))
        let scheduled = OrderedChunks.each(sections.count) { sections[longestFirst[$0]](c) }
        var parts = scheduled
        for (k, section) in longestFirst.enumerated() { parts[section] = scheduled[k] }
        for p in parts { md += p.markdown }
        md += provenance.markdown().joined(separator: "\n") + "\n"
        var files: [(name: String, contents: String)] = [("report.md", md)]
        files += parts.flatMap(\.tables).map { ("tables/" + $0.name, $0.csv) }
        files += parts.flatMap(\.figures).map { ("figures/" + $0.name, $0.svg) }
        // The full claims JSON carries every count unsuppressed: internal runs only (`outcomes claims` writes it too).
        if let verdicts, options.suppression.threshold == nil {
            files.append(("claims.json", ClaimsReport.json(verdicts, plan: cohort.plan, dataset: datasetName, accounting: [])))
        }
        if options.withPatientTables {
            files += DerivedTablesCSV.files(cohort).map { ("patient_tables/" + $0.name, $0.contents) }
        }
        return files
    }

    /// Section 7: the existing time-to-relapse content with its figures.
    static func relapse(_ c: ReportContext) -> ReportPart {
        var figures: [(name: String, svg: String)] = []
        // Each scale's curves once, for the table and the figure by strategy.
        let curvesOf = Dictionary(uniqueKeysWithValues: Scale.all.map { ($0.id, c.cohort.relapseCurves(scale: $0)) })
        for scale in Scale.all {
            let curves = (curvesOf[scale.id] ?? []).filter { $0.label.hasPrefix("strategy: ") }.map(\.summary)
            guard !curves.isEmpty else { continue }
            let name = "relapse_free_\(scale == .phq9 ? "phq9" : "madrs")_by_strategy.svg"
            if let svg = RelapseFigure.svg(curves, scale: scale, level: c.plan.confidenceLevel, policy: c.options.suppression) { figures.append((name, svg)) }
        }
        let md = OutcomeSections.relapse(c.cohort, curvesOf: curvesOf, figures: figures.map(\.name), cells: c.cells)
        return ReportPart(markdown: md, tables: [], figures: figures)
    }
}

/// The relapse-free figure by strategy: the shared ``SurvivalFigure`` with censoring marks, bands and the number
/// at risk under the axis. The axis stops at the last tick where every group still has at least the suppression
/// threshold at risk, so no small number at risk is printed.
enum RelapseFigure {
    /// Nil when a group has fewer patients than the suppression threshold (its number at risk at 0 would show it).
    static func svg(_ curves: [RelapseCurveSummary], scale: Scale, level: Double, policy: SmallCellPolicy) -> String? {
        guard !curves.contains(where: { policy.hides($0.patients) }) else { return nil }
        var ticks = FigureScale.ticks(upTo: 365)
        if let threshold = policy.threshold {
            while ticks.count > 2, curves.contains(where: { c in (c.curve.riskTable(at: [ticks.last!]).first?.atRisk ?? 0) < Double(threshold) }) {
                ticks.removeLast()
            }
        }
        let end = ticks.last ?? 365
        let figureCurves = curves.map { c in
            FigureCurve(label: c.group, times: c.curve.rows.map(\.time), values: c.curve.rows.map(\.survival),
                        lower: c.curve.rows.map(\.lower), upper: c.curve.rows.map(\.upper),
                        censorTimes: c.curve.rows.filter { $0.censored > 0 && $0.time <= end }.map(\.time), median: c.median.estimate)
        }
        var figure = SurvivalFigure(title: "Relapse-free after induction response (\(scale.id)), by strategy, \(Formatting.level(level)) bands",
                                    xLabel: "days since the last induction infusion", yLabel: "relapse-free probability",
                                    curves: figureCurves, xTicks: ticks)
        figure.xMax = end
        figure.legendTitle = "strategy"
        figure.riskBlocks = [FigureRiskBlock(heading: "Number at risk", rows: curves.map { c in c.curve.riskTable(at: ticks).map(\.atRisk) })]
        return figure.svg()
    }
}

extension Reports {
    /// Entry point of `outcomes report`: writes the report folder (replacing it only once every file is
    /// written) and returns a short summary. With a claims file, `exitStatus` is 1 when `failOnContradicted`
    /// and a claim is contradicted.
    /// `labels` replaces the dataset, plan and claims paths in the report's text (for reports that must not
    /// depend on where they were produced); by default the paths as given are printed.
    public static func report(datasetAt path: String, planPath: String?, claimsPath: String?, allowRejected: Bool,
                              outputPath: String, failOnContradicted: Bool = false, publishedPath: String? = nil,
                              labels: (dataset: String, plan: String?, claims: String?)? = nil,
                              noWait: Bool = false, options: OutcomeReportOptions = OutcomeReportOptions()) throws(AnalysisInputError) -> CommandOutcome {
        // One writer at a time, from the start (OutputLock); with `noWait` a held lock fails at once.
        let lock: OutputLock
        do { lock = try OutputLock.acquire(forOutput: outputPath, noWait: noWait) } catch { throw .output(path: outputPath, message: "\(error)") }
        defer { lock.release() }
        let (files, analysed, verdicts) = try reportFiles(datasetAt: path, planPath: planPath, claimsPath: claimsPath,
                                                          allowRejected: allowRejected, publishedPath: publishedPath,
                                                          labels: labels, options: options)
        do { try OutputFolder.write(files, to: outputPath, lock: lock) } catch { throw .output(path: outputPath, message: "\(error)") }
        var lines = ["dataset: \(path)", ""] + analysed.accountingLines + [""]
        if let verdicts {
            for v in Verdict.allCases {
                let c = verdicts.filter { $0.verdict == v }.count
                if c > 0 { lines.append("claims \(v.rawValue): \(c)") }
            }
        }
        if options.suppression.threshold == nil { lines.append("small-cell suppression is OFF: the report is for internal use only") }
        lines.append("wrote \(files.count) files to \(outputPath) (report.md first)")
        let failure = contradictedFailure(verdicts, command: "report", failOnContradicted: failOnContradicted)
        BackgroundRelease.release((consume files, consume analysed))
        return CommandOutcome(text: lines.joined(separator: "\n") + "\n", failure: failure)
    }

    /// `outcomes report … --check DIR`: builds the report in memory into a temporary folder and compares it with
    /// DIR; exit status 1 with a short diff when they differ.
    public static func checkReport(datasetAt path: String, planPath: String?, claimsPath: String?, allowRejected: Bool,
                                   committed: String, publishedPath: String? = nil,
                                   labels: (dataset: String, plan: String?, claims: String?)? = nil,
                                   options: OutcomeReportOptions = OutcomeReportOptions()) throws(AnalysisInputError) -> CommandOutcome {
        let built = try reportFiles(datasetAt: path, planPath: planPath, claimsPath: claimsPath, allowRejected: allowRejected,
                                    publishedPath: publishedPath, labels: labels, options: options)
        let temp = FileManager.default.temporaryDirectory.appendingPathComponent("outcomes-check-\(getpid())-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: temp) }
        do { try OutputFolder.write(built.files, to: temp.path) } catch { throw .output(path: temp.path, message: "\(error)") }
        let drift: OutputDrift
        do { drift = try OutputDrift.compare(committed: URL(fileURLWithPath: committed), fresh: temp) } catch {
            throw .output(path: committed, message: "cannot compare: \(error)")
        }
        if drift.isEmpty { return CommandOutcome(text: "\(committed): up to date (\(built.files.count) files)\n") }
        return CommandOutcome(text: drift.summary() + "\n",
                              failure: "\(committed) differs from a fresh run: regenerate it with the same command without --check")
    }

    static func reportFiles(datasetAt path: String, planPath: String?, claimsPath: String?, allowRejected: Bool,
                            publishedPath: String?, labels: (dataset: String, plan: String?, claims: String?)?,
                            options: OutcomeReportOptions) throws(AnalysisInputError)
        -> (files: [(name: String, contents: String)], analysed: AnalysedDataset, verdicts: [ClaimVerdict]?) {
        var claims: [Claim]?
        if let claimsPath {
            do { claims = try ClaimsFile.load(path: claimsPath) } catch { throw .claimsFile(error) }
        }
        var published: [PublishedResponseRate]?
        if let publishedPath {
            do { published = try PublishedSeries.load(path: publishedPath) } catch { throw .output(path: publishedPath, message: error.description) }
        }
        let inputs = DatasetFile.allCases.map { path + "/" + $0.fileName }.filter { FileManager.default.fileExists(atPath: $0) }
            + [claimsPath, publishedPath].compactMap { $0 }
        let command = options.commandLine ?? defaultCommandLine(dataset: labels?.dataset ?? path, claims: labels == nil ? claimsPath : labels?.claims,
                                                                 published: publishedPath.map { labels == nil ? $0 : "…/" + URL(fileURLWithPath: $0).lastPathComponent },
                                                                 plan: labels == nil ? planPath : labels?.plan, options: options)
        // The inputs are fingerprinted while they are loaded (the two read the same files and need nothing of each other).
        let fingerprints = BackgroundResult { try Provenance.describing(files: inputs, plan: planPath, commandLine: command, toolVersion: ToolVersion.current) }
        let analysed = try AnalysedDataset.load(datasetAt: path, planPath: planPath, allowRejected: allowRejected)
        let cohort = analysed.tables.restricted(to: options.period)
        var verdicts: [ClaimVerdict]?
        var claimsProblem: String?
        if let claims, let claimsPath {
            do {
                verdicts = try ClaimEvaluation.evaluate(claims, tables: cohort, file: claimsPath)
            } catch {
                // Over all data a claim that selects nobody is an input error; in one period it is only a small
                // quarter (no bipolar patient started this quarter), which the claims section says.
                guard options.period != nil else { throw .claimsFile(error) }
                // Named by the file's name only: the practice's folder layout stays out of the report.
                claimsProblem = "\(error)".replacingOccurrences(of: claimsPath, with: URL(fileURLWithPath: claimsPath).lastPathComponent)
            }
            verdicts = verdicts.map { ClaimSensitivity.attach($0, tables: cohort) }
        }
        let provenance: Provenance
        do { provenance = try fingerprints.value() } catch { throw .output(path: path, message: "cannot read an input to fingerprint it: \(error)") }
        let files = OutcomeReport.files(analysed: analysed, verdicts: verdicts, claimsProblem: claimsProblem, published: published,
                                        options: options, provenance: provenance, datasetName: labels?.dataset ?? URL(fileURLWithPath: path).lastPathComponent)
        return (files, analysed, verdicts)
    }

    /// The command line as the options describe it, for reports made through the library.
    static func defaultCommandLine(dataset: String, claims: String?, published: String?, plan: String?, options: OutcomeReportOptions) -> [String] {
        var words = ["outcomes", "report", dataset]
        if let plan { words += ["--plan", plan] }
        if let claims { words += ["--claims", claims] }
        if let published { words += ["--published", published] }
        if let period = options.period { words += ["--period", period.label] }
        if let title = options.title { words += ["--title", title] }
        if let t = options.suppression.threshold, t != 11 { words += ["--suppress-below", String(t)] }
        if options.suppression.threshold == nil { words.append("--no-suppress") }
        if options.withPatientTables { words.append("--with-patient-tables") }
        return words
    }
}
