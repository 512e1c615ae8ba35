import OutcomesClinical
import OutcomesConcurrency

/// A plan or dataset problem met by a command that analyses a dataset, with its exit status.
public enum AnalysisInputError: Error, Sendable, CustomStringConvertible {
    case dataset(DatasetLoadError)
    case plan(PlanError)
    case claimsFile(ClaimsFileError)
    case output(path: String, message: String)

    public var description: String {
        switch self {
        case .dataset(let e): return e.description
        case .plan(let e): return "plan: \(e)"
        case .claimsFile(let e): return "claims file: \(e)"
        case .output(let path, let message): return "cannot write '\(path)': \(message)"
        }
    }

    /// 2: bad input, or an analysis that could not run (see ``ExitStatus``).
    public var exitStatus: Int32 { ExitStatus.badInput }
}

/// A dataset loaded, validated and derived under a plan: the common first step of every analysis command.
public struct AnalysedDataset: Sendable {
    public let validated: ValidatedDataset
    public let timelines: [PatientTimeline]
    public let tables: DerivedTables

    /// Loads the dataset at `path` (refusing rejected rows unless `allowRejected`), reads the plan file (or
    /// takes the default plan), and derives every table.
    public static func load(datasetAt path: String, planPath: String?, allowRejected: Bool) throws(AnalysisInputError) -> AnalysedDataset {
        let plan: AnalysisPlan
        do { plan = try planPath.map { path throws(PlanError) in try AnalysisPlan(contentsOfFile: path) } ?? AnalysisPlan() } catch { throw .plan(error) }
        let validated: ValidatedDataset
        do { validated = try Reports.loadValidatedDataset(at: path, allowRejected: allowRejected, assumeZone: plan.assumedTimeZone) } catch { throw .dataset(error) }
        let timelines = validated.dataset.timelines()
        return AnalysedDataset(validated: validated, timelines: timelines, tables: ClinicalDerivation.derive(timelines, plan: plan))
    }

    /// The validation accounting, as every analysis output prints it.
    public var accountingLines: [String] { ValidationRendering.accountingLines(validated.report) }
}

extension Reports {
    /// Entry point of `outcomes derive`: writes the derived tables as CSV into `outputPath` (replacing the
    /// folder only once every file is written) and returns a summary to print. Holds the output lock from the
    /// start (see ``OutputLock``); with `noWait` a run that finds it held fails at once instead of waiting.
    public static func derive(datasetAt path: String, planPath: String?, allowRejected: Bool, outputPath: String,
                              noWait: Bool = false) throws(AnalysisInputError) -> String {
        let lock: OutputLock
        do { lock = try OutputLock.acquire(forOutput: outputPath, noWait: noWait) } catch { throw .output(path: outputPath, message: "\(error)") }
        defer { lock.release() }
        let analysed = try AnalysedDataset.load(datasetAt: path, planPath: planPath, allowRejected: allowRejected)
        let t = analysed.tables
        let files = DerivedTablesCSV.files(t)
        do { try OutputFolder.write(files, to: outputPath, lock: lock) } catch {
            throw .output(path: outputPath, message: "\(error)")
        }
        var lines = ["dataset: \(path)", ""] + analysed.accountingLines + [""]
        lines.append("plan: \(planPath ?? "defaults (outcomes plan --print-defaults)")")
        lines.append("derived: \(t.endpoints.count) series endpoints, \(t.relapse.count) relapse follow-ups (\(t.relapseIntervals.count) intervals), "
                     + "\(t.suicidal.count) suicidal-item rows, \(t.tolerability.count) tolerability rows, \(t.maintenanceIntervals.count) maintenance intervals")
        lines.append("exclusions: \(t.exclusions.count) (see exclusions.csv); phase disagreements: \(t.phaseDisagreements.count)")
        lines.append("wrote \(files.count) files to \(outputPath): " + files.map(\.name).joined(separator: ", "))
        BackgroundRelease.release((consume analysed, consume t, consume files))
        return lines.joined(separator: "\n") + "\n"
    }
}
