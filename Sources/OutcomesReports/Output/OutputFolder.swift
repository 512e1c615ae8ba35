import Foundation

/// Why an output folder was not written.
public struct OutputFolderError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Writes a set of files into a folder so that a failed run never destroys earlier output: everything is
/// written into a new sibling folder first, and only when all files are written does it replace `path`.
///
/// Only folders this tool wrote are ever replaced: each one holds a marker file (`.outcomes-output`), and an
/// existing non-empty folder without it is refused, so `--out ~/Documents` cannot wipe a researcher's files.
public enum OutputFolder {
    /// The marker file written into every output folder.
    public static let markerName = ".outcomes-output"
    static let markerText = "Written by the outcomes tool (InfusionOutcomes). The whole folder is replaced on the next run.\n"

    /// Writes `files` (name → contents) as the whole content of the folder at `path`.
    public static func write(_ files: [(name: String, contents: String)], to path: String) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        var isFolder: ObjCBool = false
        if fm.fileExists(atPath: target.path, isDirectory: &isFolder) {
            guard isFolder.boolValue else {
                throw OutputFolderError(description: "'\(path)' is a file, not a folder; choose a new or empty folder for the output")
            }
            let existing = try fm.contentsOfDirectory(atPath: target.path)
            if !existing.isEmpty && !existing.contains(markerName) {
                throw OutputFolderError(description: "refusing to replace '\(path)': it is not empty and was not written by outcomes (no \(markerName) file); choose a new or empty folder")
            }
        }
        let parent = target.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            for f in files + [(markerName, markerText)] {
                try Data(f.contents.utf8).write(to: staging.appendingPathComponent(f.name))
            }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
        if fm.fileExists(atPath: target.path) {
            let old = parent.appendingPathComponent(".\(target.lastPathComponent).old-\(getpid())")
            try? fm.removeItem(at: old)
            try fm.moveItem(at: target, to: old)
            try fm.moveItem(at: staging, to: target)
            try? fm.removeItem(at: old)
        } else {
            try fm.moveItem(at: staging, to: target)
        }
    }
}
