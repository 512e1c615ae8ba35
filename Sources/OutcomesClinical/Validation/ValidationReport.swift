import OutcomesTabular

/// The outcome of validating one dataset file.
public struct FileValidation: Sendable {
    /// Which file.
    public let file: DatasetFile
    /// False when an optional file (adverse events) is absent; its accounting is then all zero.
    public let isPresent: Bool
    /// Rows read, accepted and rejected.
    public let accounting: RowAccounting
    /// Every problem of every rejected row, sorted by line.
    public let issues: [RowIssue]
    /// Non-fatal observations (extra columns).
    public let warnings: [CSVWarning]
}

/// The outcome of validating a dataset folder: per-file accounting, rejected rows and warnings.
public struct ValidationReport: Sendable {
    /// The folder as given by the caller.
    public let datasetPath: String
    /// One entry per ``DatasetFile``, in ``DatasetFile/allCases`` order.
    public let files: [FileValidation]

    /// Rows rejected over all files.
    public var rejectedRows: Int { files.reduce(0) { $0 + $1.accounting.rejected } }
    /// Whether any row was rejected.
    public var hasRejectedRows: Bool { rejectedRows > 0 }
    /// Warnings over all files, in file order.
    public var warnings: [CSVWarning] { files.flatMap(\.warnings) }
    /// Issues over all files, in file order then line order.
    public var issues: [RowIssue] { files.flatMap(\.issues) }
    /// The command-line exit status for a readable dataset: 0 when clean, 1 when rows were rejected.
    public var exitStatus: Int32 { hasRejectedRows ? 1 : 0 }

    /// The entry for `file`.
    public func validation(of file: DatasetFile) -> FileValidation {
        files.first { $0.file == file }!
    }
}

/// A problem that prevents validating a dataset at all (exit status 2 in the command-line tool).
public enum DatasetError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The dataset folder does not exist.
    case missingFolder(path: String)
    /// The path exists but is not a folder.
    case notAFolder(path: String)
    /// A required file is absent from the folder.
    case missingFile(folder: String, file: String)
    /// A file could not be read as CSV (unterminated quote, invalid or duplicate header, binary content...).
    case unreadable(CSVError)
    /// The folder or a file in it exists but cannot be used (permission, not a regular file, I/O error):
    /// one sentence naming the path and the cause.
    case inaccessible(path: String, cause: String)

    /// A one-line message.
    public var description: String {
        switch self {
        case .missingFolder(let path): "dataset folder '\(path)' does not exist"
        case .notAFolder(let path): "'\(path)' is not a folder (a dataset is a folder of CSV files)"
        case .missingFile(let folder, let file): "required file '\(file)' is missing from dataset folder '\(folder)'"
        case .unreadable(let error): error.description
        case .inaccessible(let path, let cause): "cannot read '\(path)': \(cause)"
        }
    }
}

/// A dataset together with the validation report that produced it.
public struct ValidatedDataset: Sendable {
    /// The accepted records.
    public let dataset: ClinicDataset
    /// Accounting, rejected rows and warnings.
    public let report: ValidationReport
}
