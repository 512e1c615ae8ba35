import OutcomesClinical
import OutcomesProportions
import OutcomesSurvival

/// The practice's outcome report: data accounting, response and remission, suicidal-item resolution,
/// tolerability, time to relapse, maintenance intervals, claim verdicts, exclusions and definitions.
/// Deterministic: no dates of "now", fixed formatting and ordering.
public enum OutcomeReport {
    /// Every file of the report (Markdown, figures, claim verdicts and the derived tables).
    public static func files(datasetName: String, analysed: AnalysedDataset, summary: [String],
                             verdicts: [ClaimVerdict]?, planName: String, claimsName: String?,
                             published: [PublishedResponseRate]? = nil) -> [(name: String, contents: String)] {
        let t = analysed.tables
        var files: [(name: String, contents: String)] = []
        var figures: [String] = []
        for scale in Scale.all {
            guard let curves = try? RelapseSurvival.curves(t.relapse, scale: scale, groupOf: { $0.strategy }), !curves.isEmpty else { continue }
            let name = "relapse_free_\(scale == .phq9 ? "phq9" : "madrs")_by_strategy.svg"
            let svg = StepCurveSVG.render(curves.map { c in
                StepCurve(label: "\(c.group) (n=\(c.patients))", times: c.curve.rows.map(\.time), values: c.curve.rows.map(\.survival),
                          lower: c.curve.rows.map(\.lower), upper: c.curve.rows.map(\.upper))
            }, title: "Relapse-free after induction response (\(scale.id)), by strategy", xLabel: "days since the last induction infusion",
               yLabel: "relapse-free probability", xMax: 365)
            files.append((name, svg))
            figures.append(name)
        }
        var md = "# Outcome report: \(datasetName)\n\n"
        md += "Produced by `outcomes report` (InfusionOutcomes). Plan: \(planName). Claims: \(claimsName ?? "none").\n"
        md += "Every number below is computed from the dataset's accepted rows under the definitions listed at the end.\n\n"
        md += "## Data\n\n```\n" + (analysed.accountingLines + [""] + summary).joined(separator: "\n") + "\n```\n\n"
        md += OutcomeSections.response(t)
        if let published { md += OutcomeSections.published(published, tables: t, patients: analysed.timelines) }
        md += OutcomeSections.suicidal(t)
        md += OutcomeSections.tolerability(t)
        md += OutcomeSections.relapse(t, figures: figures, patients: analysed.timelines)
        md += OutcomeSections.maintenance(t)
        if let verdicts { md += ClaimsReport.markdown(verdicts, headingLevel: 2) + "\n" }
        md += OutcomeSections.exclusions(t)
        md += "## Definitions\n\n```\n" + DerivedTablesCSV.definitions(t.plan) + "```\n"
        files.insert(("report.md", md), at: 0)
        if let verdicts {
            files.append(("claims.csv", ClaimsReport.csv(verdicts, plan: t.plan, dataset: datasetName, accounting: analysed.accountingLines)))
            files.append(("claims.json", ClaimsReport.json(verdicts, plan: t.plan, dataset: datasetName, accounting: analysed.accountingLines)))
        }
        return files + DerivedTablesCSV.files(t)
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
                              noWait: Bool = false) throws(AnalysisInputError) -> (text: String, exitStatus: Int32) {
        // One writer at a time, from the start (OutputLock); with `noWait` a held lock fails at once.
        let lock: OutputLock
        do { lock = try OutputLock.acquire(forOutput: outputPath, noWait: noWait) } catch { throw .output(path: outputPath, message: "\(error)") }
        defer { lock.release() }
        var claims: [Claim]?
        if let claimsPath {
            do { claims = try ClaimsFile.load(path: claimsPath) } catch { throw .claimsFile(error) }
        }
        var published: [PublishedResponseRate]?
        if let publishedPath {
            do { published = try PublishedSeries.load(path: publishedPath) } catch { throw .output(path: publishedPath, message: error.description) }
        }
        let analysed = try AnalysedDataset.load(datasetAt: path, planPath: planPath, allowRejected: allowRejected)
        let verdicts = claims.map { ClaimEvaluation.evaluate($0, tables: analysed.tables, patients: analysed.timelines) }
        let summary = ValidationRendering.summaryLines(DatasetSummary(analysed.validated.dataset))
        let files = OutcomeReport.files(datasetName: labels?.dataset ?? path, analysed: analysed, summary: summary, verdicts: verdicts,
                                        planName: (labels == nil ? planPath : labels?.plan) ?? "defaults",
                                        claimsName: labels == nil ? claimsPath : labels?.claims, published: published)
        do { try OutputFolder.write(files, to: outputPath, lock: lock) } catch { throw .output(path: outputPath, message: "\(error)") }
        var lines = ["dataset: \(path)", ""] + analysed.accountingLines + [""]
        if let verdicts {
            for v in Verdict.allCases {
                let c = verdicts.filter { $0.verdict == v }.count
                if c > 0 { lines.append("claims \(v.rawValue): \(c)") }
            }
        }
        lines.append("wrote \(files.count) files to \(outputPath) (report.md first)")
        let contradicted = verdicts?.contains { $0.verdict == .contradicted } ?? false
        return (lines.joined(separator: "\n") + "\n", failOnContradicted && contradicted ? 1 : 0)
    }
}
