import Foundation
import OutcomesTabular
#if canImport(Glibc)
import Glibc
#endif

/// Why an output folder was not written.
public struct OutputFolderError: Error, Sendable, CustomStringConvertible {
    public let description: String
}

/// Writes a set of files into a folder so that a failed or killed run never destroys earlier output.
///
/// Protocol (one writer at a time, under ``OutputLock``):
/// 1. Recover what a crashed run left beside the folder (``OutputRecovery``): finish its swap or roll it back,
///    then delete its copies, so no patient-level data piles up.
/// 2. Write every file into a hidden sibling `.NAME.partial-PID`, the marker last, each file synced.
/// 3. On Linux exchange the two folders atomically (`renameat2` with `RENAME_EXCHANGE`), so OUT always holds
///    either the old or the new report; elsewhere (or on a file system without exchange) rename the old folder
///    aside and the new one in, a window that step 1 of the next run closes.
/// 4. Rename the old copy to `.NAME.old-PID` and delete it, marker last, so a half-deleted copy is still
///    recognised as debris.
///
/// Only folders this tool wrote are ever replaced: each one holds a marker file (`.outcomes-output`), and an
/// existing non-empty folder without it is refused, so `--out ~/Documents` cannot wipe a researcher's files.
/// A symbolic link at OUT is followed: the folder it points to is replaced by the same protocol and the link stays.
public enum OutputFolder {
    /// The marker file written into every output folder.
    public static let markerName = ".outcomes-output"
    static let markerText = "Written by the outcomes tool (InfusionOutcomes). The whole folder is replaced on the next run.\n"
    /// Written first into a staging folder, removed just before it is renamed into place: a folder with this
    /// file and no marker is an unfinished staging copy.
    static let stagingTagName = ".outcomes-staging"

    /// Writes `files` (name → contents) as the whole content of the folder at `path`. Takes the output lock
    /// (waiting for another writer, with a message on standard error) unless the caller already holds `lock`.
    public static func write(_ files: [(name: String, contents: String)], to path: String, lock: OutputLock? = nil) throws {
        let location = try OutputLocation(path)
        let held = try lock ?? OutputLock.acquire(forOutput: path, noWait: false)
        defer { if lock == nil { held.release() } }
        try checkReplaceable(location)
        // Plain names, or one subfolder level (`tables/response.csv`, `figures/flow.svg`).
        for f in files {
            let parts = f.name.split(separator: "/", omittingEmptySubsequences: false)
            if parts.count > 2 || parts.contains(where: { $0.isEmpty || $0.hasPrefix(".") }) {
                throw OutputFolderError(description: "cannot write '\(f.name)' into '\(path)': output file names are plain names or FOLDER/NAME")
            }
        }
        let staging = location.debrisPath(.partial, pid: getpid())
        try OutputSwap.makeFolder(staging)
        do {
            try OutputSwap.writeFile(staging + "/" + stagingTagName, "\(getpid())\n")
            OutputFaults.point("staging-created")
            var folders: Set<String> = []
            for f in files {
                if let slash = f.name.firstIndex(of: "/"), folders.insert(String(f.name[..<slash])).inserted {
                    try OutputSwap.makeFolder(staging + "/" + f.name[..<slash])
                }
                try OutputSwap.writeFile(staging + "/" + f.name, f.contents)
                OutputFaults.point("file-written")
            }
            try OutputSwap.writeFile(staging + "/" + markerName, markerText)
            OutputFaults.point("marker-written")
            try OutputSwap.removeFile(staging + "/" + stagingTagName)
            OutputFaults.point("staging-complete")
        } catch {
            try? OutputSwap.removeTree(staging)
            throw error
        }
        try OutputSwap.install(staging, at: location)
    }

    /// Refuses a file, or a non-empty folder the tool did not write.
    static func checkReplaceable(_ location: OutputLocation) throws {
        var info = stat()
        guard lstat(location.folder, &info) == 0 else {
            if errno == ENOENT { return }
            throw OutputFolderError(description: FileSystemErrorText.sentence("use", path: location.given, errno: errno))
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw OutputFolderError(description: "'\(location.given)' is a file, not a folder; choose a new or empty folder for the output")
        }
        let existing: [String]
        do { existing = try FileManager.default.contentsOfDirectory(atPath: location.folder) } catch {
            throw OutputFolderError(description: FileSystemErrorText.sentence("list", path: location.given, error: error))
        }
        if !existing.isEmpty && !existing.contains(markerName) {
            throw OutputFolderError(description: "refusing to replace '\(location.given)': it is not empty and was not written by outcomes (no \(markerName) file); choose a new or empty folder")
        }
    }
}

/// Where an output folder really is: a symbolic link given as OUT is resolved to the folder it points to, and
/// the parent is made canonical, so the lock, the staging copy and the swap all happen beside the real folder.
public struct OutputLocation: Sendable {
    /// The path as the user gave it (for messages).
    public let given: String
    /// The canonical parent folder.
    public let parent: String
    /// The folder's name within `parent`.
    public let name: String
    /// `parent/name`.
    public var folder: String { parent + "/" + name }
    /// The lock file beside the folder.
    public var lockPath: String { parent + "/." + name + ".lock" }

    enum DebrisKind: String { case partial, old }

    func debrisPrefix(_ kind: DebrisKind) -> String { "." + name + "." + kind.rawValue + "-" }
    func debrisPath(_ kind: DebrisKind, pid: Int32) -> String { parent + "/" + debrisPrefix(kind) + String(pid) }

    /// Resolves `path`, creating missing parent folders.
    public init(_ path: String) throws {
        given = path
        guard !path.isEmpty else { throw OutputFolderError(description: "the output folder path is empty") }
        var url = URL(fileURLWithPath: path).standardizedFileURL
        var info = stat()
        if lstat(url.path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFLNK {
            guard let resolved = realpath(url.path, nil) else {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: url.path)) ?? "?"
                throw OutputFolderError(description: "'\(path)' is a symbolic link to '\(target)', which cannot be used (\(FileSystemErrorText.cause(errno: errno))); create that folder or give a real folder")
            }
            url = URL(fileURLWithPath: String(cString: resolved))
            free(resolved)
        }
        let parentURL = url.deletingLastPathComponent()
        do { try FileManager.default.createDirectory(at: parentURL, withIntermediateDirectories: true) } catch {
            throw OutputFolderError(description: FileSystemErrorText.sentence("create the folder", path: parentURL.path, error: error))
        }
        guard let canonical = realpath(parentURL.path, nil) else {
            throw OutputFolderError(description: FileSystemErrorText.sentence("use the folder", path: parentURL.path, errno: errno))
        }
        parent = String(cString: canonical)
        free(canonical)
        name = url.lastPathComponent
        guard name != "/" && name != "." && name != ".." else {
            throw OutputFolderError(description: "'\(path)' cannot be an output folder; name a folder inside it")
        }
    }
}
