import OutcomesClinical

/// Output formats of `outcomes claims`.
public enum ClaimsFormat: String, CaseIterable, Sendable {
    case md, csv, json
}

extension Reports {
    /// Entry point of `outcomes claims`: verdicts for every claim in the file.
    /// - Returns: the rendered verdicts and the exit status: 1 when `failOnContradicted` and any claim is
    ///   contradicted, else 0.
    public static func claims(datasetAt path: String, claimsPath: String, planPath: String?, allowRejected: Bool,
                              format: ClaimsFormat, failOnContradicted: Bool) throws(AnalysisInputError) -> CommandOutcome {
        let claims: [Claim]
        do { claims = try ClaimsFile.load(path: claimsPath) } catch { throw .claimsFile(error) }
        let analysed = try AnalysedDataset.load(datasetAt: path, planPath: planPath, allowRejected: allowRejected)
        var verdicts: [ClaimVerdict]
        do { verdicts = try ClaimEvaluation.evaluate(claims, tables: analysed.tables, file: claimsPath) } catch { throw .claimsFile(error) }
        verdicts = ClaimSensitivity.attach(verdicts, tables: analysed.tables)
        let text: String
        switch format {
        case .md:
            text = "Dataset: `\(path)`; plan: \(planPath ?? "defaults"); claims: `\(claimsPath)`\n\n```\n"
                + analysed.accountingLines.joined(separator: "\n") + "\n```\n\n" + ClaimsReport.markdown(verdicts, level: analysed.tables.plan.confidenceLevel, headingLevel: 1)
        case .csv: text = ClaimsReport.csv(verdicts, plan: analysed.tables.plan, dataset: path, accounting: analysed.accountingLines)
        case .json: text = ClaimsReport.json(verdicts, plan: analysed.tables.plan, dataset: path, accounting: analysed.accountingLines)
        }
        return CommandOutcome(text: text, failure: contradictedFailure(verdicts, command: "claims", failOnContradicted: failOnContradicted))
    }
}
