import Foundation

/// Writes a set of files into a folder so that a failed run never destroys earlier output: everything is
/// written into a new sibling folder first, and only when all files are written does it replace `path`.
public enum OutputFolder {
    /// Writes `files` (name → contents) as the whole content of the folder at `path`.
    public static func write(_ files: [(name: String, contents: String)], to path: String) throws {
        let fm = FileManager.default
        let target = URL(fileURLWithPath: path).standardizedFileURL
        let parent = target.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let staging = parent.appendingPathComponent(".\(target.lastPathComponent).partial-\(getpid())")
        try? fm.removeItem(at: staging)
        try fm.createDirectory(at: staging, withIntermediateDirectories: true)
        do {
            for f in files {
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
