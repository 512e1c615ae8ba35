import Foundation
import OutcomesClinical

/// Why ``Reports/loadValidatedDataset(at:allowRejected:)`` refused a dataset.
public enum DatasetLoadError: Error, Sendable, CustomStringConvertible {
    /// The dataset could not be read at all.
    case unreadable(DatasetError)
    /// Rows were rejected and the caller did not allow it.
    case rowsRejected(ValidationReport)

    /// A one-line message.
    public var description: String {
        switch self {
        case .unreadable(let error): error.description
        case .rowsRejected(let report):
            "dataset '\(report.datasetPath)' has \(report.rejectedRows) rejected row(s); run `outcomes validate \(report.datasetPath)` to list them, or allow rejected rows"
        }
    }

    /// Exit status for the command-line tool: 2 when unreadable, 1 when rows were rejected.
    public var exitStatus: Int32 {
        switch self {
        case .unreadable: 2
        case .rowsRejected: 1
        }
    }
}

extension Reports {
    /// Entry point of `outcomes validate`: validates the dataset folder at `path` and renders the report.
    /// - Returns: the rendered report and the exit status (0 clean, 1 rows rejected).
    /// - Throws: ``DatasetError`` when the dataset cannot be read (exit status 2).
    /// `assumeZone` is the plan's `time.assume_zone` (times without a UTC offset are read in that zone).
    public static func validate(datasetAt path: String, format: ValidationReportFormat = .text, assumeZone: TimeZone? = nil) throws(DatasetError)
        -> (text: String, exitStatus: Int32) {
        let loaded = try ClinicDataset.load(at: path, assumeZone: assumeZone)
        let summary = DatasetSummary(loaded.dataset)
        let text = switch format {
        case .text: ValidationRendering.text(loaded.report, summary: summary)
        case .markdown: ValidationRendering.markdown(loaded.report, summary: summary)
        }
        return (text, loaded.report.exitStatus)
    }

    /// Loads a dataset for a later command: refuses one with rejected rows unless `allowRejected`, and returns
    /// the report so the command can print the accounting (``ValidationRendering/accountingLines(_:)``).
    public static func loadValidatedDataset(at path: String, allowRejected: Bool = false,
                                            assumeZone: TimeZone? = nil) throws(DatasetLoadError) -> ValidatedDataset {
        let loaded: ValidatedDataset
        do { loaded = try ClinicDataset.load(at: path, assumeZone: assumeZone) } catch { throw .unreadable(error) }
        if loaded.report.hasRejectedRows && !allowRejected { throw .rowsRejected(loaded.report) }
        return loaded
    }
}
