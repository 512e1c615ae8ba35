import Foundation
import OutcomesTabular

/// Limits on the YAML inputs (plan and claims files), so a hostile or broken file costs a clear error instead
/// of gigabytes or minutes (a plan with 26 million list entries once took 3.8 GB; 719,000 claims ran for
/// minutes). Each limit is far above what a real plan or claims file holds. Documented in README.md.
public enum YAMLLimits {
    /// Bytes in one plan or claims file.
    public static let maximumDocumentBytes = 1 << 20
    /// Entries in one YAML list (a plan setting's list of numbers, a claim's list of diagnoses).
    public static let maximumListEntries = 1_000
    /// Claims in one claims file.
    public static let maximumClaims = 2_000

    /// Nil when `text` is within the document size limit, else the message.
    static func sizeProblem(_ text: String) -> String? {
        let bytes = text.utf8.count
        guard bytes > maximumDocumentBytes else { return nil }
        return "the file is \(bytes) bytes; the limit for a YAML input is \(maximumDocumentBytes >> 20) MiB"
    }

    /// Nil when a list of `count` entries is within the limit, else the message.
    static func listProblem(_ count: Int) -> String? {
        count > maximumListEntries ? "a list of \(count) entries; the limit is \(maximumListEntries)" : nil
    }

    /// Reads a YAML input file as UTF-8 text: a regular file within the size limit. Errors are one sentence
    /// naming the path and the cause.
    static func readText(_ path: String, what: String) -> Result<String, YAMLReadError> {
        if let cause = RegularFile.cause(path) { return .failure(YAMLReadError(message: "cannot read \(what) '\(path)': \(cause)")) }
        var info = stat()
        if stat(path, &info) == 0 && Int(info.st_size) > maximumDocumentBytes {
            return .failure(YAMLReadError(message: "\(what) '\(path)' is \(info.st_size) bytes; the limit for a YAML input is \(maximumDocumentBytes >> 20) MiB"))
        }
        do { return .success(try String(contentsOfFile: path, encoding: .utf8)) } catch {
            return .failure(YAMLReadError(message: FileSystemErrorText.sentence("read \(what)", path: path, error: error)))
        }
    }
}

/// Why a YAML input file could not be read as text.
struct YAMLReadError: Error {
    let message: String
}
