import OutcomesClinical
import Foundation

/// Why writing a synthetic cohort failed.
public enum SyntheticCohortWriteError: Error, Equatable, CustomStringConvertible {
    /// The output directory already holds files and replacing them was not requested.
    case directoryNotEmpty(path: String)
    /// The output path exists and is not a directory.
    case notADirectory(path: String)
    /// A file-system operation failed.
    case fileSystem(path: String, operation: String, reason: String)

    /// A message naming the path and what to do.
    public var description: String {
        switch self {
        case .directoryNotEmpty(let path):
            return "\(path): directory is not empty; choose an empty directory or pass --force to replace the generated files"
        case .notADirectory(let path):
            return "\(path): exists and is not a directory"
        case .fileSystem(let path, let operation, let reason):
            return "\(path): could not \(operation): \(reason)"
        }
    }
}

extension SyntheticCohort {
    /// Writes the five files into `directory`, never leaving a half-written or destroyed output behind.
    ///
    /// The files are first written to a hidden sibling folder; only when all succeed is it renamed into place.
    /// A non-empty `directory` is refused unless `replacingExisting` is true; then the previous directory is
    /// moved aside, the new one renamed in, files the generator does not produce (such as a README) carried
    /// over from the previous directory, and the previous directory removed. If anything fails before the
    /// final rename, the earlier output is untouched.
    public func write(to directory: URL, replacingExisting: Bool = false) throws {
        try Self.write(files: fileContents(), to: directory, replacingExisting: replacingExisting)
    }

    /// The staged write behind ``write(to:replacingExisting:)``, separate so tests can make it fail midway.
    static func write(files: [(name: String, bytes: [UInt8])], to directory: URL, replacingExisting: Bool) throws {
        let fileManager = FileManager.default
        let target = directory.standardizedFileURL
        let path = target.path
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue { throw SyntheticCohortWriteError.notADirectory(path: path) }
        let existingEntries = exists ? try Self.entries(of: target) : []
        if !existingEntries.isEmpty && !replacingExisting { throw SyntheticCohortWriteError.directoryNotEmpty(path: path) }

        let parent = target.deletingLastPathComponent()
        let name = target.lastPathComponent
        let processTag = String(ProcessInfo.processInfo.processIdentifier)
        let staging = parent.appendingPathComponent(".\(name).partial-\(processTag)")
        try Self.run("create \(staging.path)", path: staging.path) {
            if fileManager.fileExists(atPath: staging.path) { try fileManager.removeItem(at: staging) }
            try fileManager.createDirectory(at: staging, withIntermediateDirectories: true)
        }
        do {
            for (fileName, bytes) in files {
                let url = staging.appendingPathComponent(fileName)
                try Self.run("write", path: url.path) { try Data(bytes).write(to: url) }
            }
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }

        if !exists {
            try Self.run("rename \(staging.path) to", path: path) { try fileManager.moveItem(at: staging, to: target) }
            return
        }
        let previous = parent.appendingPathComponent(".\(name).previous-\(processTag)")
        try Self.run("move aside to \(previous.path)", path: path) { try fileManager.moveItem(at: target, to: previous) }
        do {
            try Self.run("rename \(staging.path) to", path: path) { try fileManager.moveItem(at: staging, to: target) }
        } catch {
            try? fileManager.moveItem(at: previous, to: target)  // put the earlier output back
            try? fileManager.removeItem(at: staging)
            throw error
        }
        let generated = Set(files.map(\.name))
        for entry in existingEntries where !generated.contains(entry) {
            let source = previous.appendingPathComponent(entry)
            let destination = target.appendingPathComponent(entry)
            try Self.run("carry over \(source.path) to", path: destination.path) { try fileManager.moveItem(at: source, to: destination) }
        }
        try Self.run("remove the previous output", path: previous.path) { try fileManager.removeItem(at: previous) }
    }

    private static func entries(of directory: URL) throws -> [String] {
        do {
            return try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw SyntheticCohortWriteError.fileSystem(path: directory.path, operation: "list", reason: String(describing: error))
        }
    }

    private static func run(_ operation: String, path: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch let error as SyntheticCohortWriteError {
            throw error
        } catch {
            throw SyntheticCohortWriteError.fileSystem(path: path, operation: operation, reason: error.localizedDescription)
        }
    }
}

extension SyntheticCohort {
    /// The entry point of `outcomes generate`: generates a cohort and writes it to `directory`.
    /// Returns a one-line summary of what was written.
    public static func generateAndWrite(patients count: Int, seed: UInt64, to directory: URL, replacingExisting: Bool,
                                        strategyAssignment: SyntheticStrategyAssignment = .random) throws -> String {
        var model = SyntheticCohortModel()
        model.strategyAssignment = strategyAssignment
        let cohort = generate(patients: count, seed: seed, model: model)
        try cohort.write(to: directory, replacingExisting: replacingExisting)
        return "wrote \(directory.path): \(cohort.patients.count) patients, \(cohort.infusions.count) infusions, "
            + "\(cohort.assessments.count) assessments, \(cohort.adverseEvents.count) adverse events, \(cohort.sites.count) sites"
    }
}
