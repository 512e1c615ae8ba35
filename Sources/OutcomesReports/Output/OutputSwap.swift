import Foundation
import OutcomesTabular
#if canImport(Glibc)
import Glibc
#endif

/// The file-system steps of ``OutputFolder``: synced writes, the atomic exchange and its fallback, and
/// deletion that removes a folder's marker last.
enum OutputSwap {
    /// Puts the complete staging folder at the location's folder; the old folder, if any, is deleted.
    static func install(_ staging: String, at location: OutputLocation) throws {
        let target = location.folder
        var info = stat()
        guard lstat(target, &info) == 0 else {
            OutputFaults.point("rename-new-in")
            try rename(staging, to: target, location)
            syncFolder(location.parent)
            return
        }
        let old = location.debrisPath(.old, pid: getpid())
        OutputFaults.point("exchange")
        if !OutputFaults.current.noExchange, exchange(staging, target) {
            // The staging name now holds the old report; give it the name recovery deletes.
            syncFolder(location.parent)
            OutputFaults.point("rename-retired")
            try rename(staging, to: old, location)
        } else {
            // No atomic exchange here: old aside, new in. A crash between the two leaves no folder at OUT;
            // the next run's recovery puts the complete new one (or else the old one) back first.
            OutputFaults.point("rename-old-aside")
            try rename(target, to: old, location)
            OutputFaults.point("rename-new-in")
            try rename(staging, to: target, location)
        }
        syncFolder(location.parent)
        OutputFaults.point("remove-old")
        try? removeTree(old)
    }

    /// `renameat2(a, b, RENAME_EXCHANGE)`; false when the system or file system does not offer it.
    static func exchange(_ a: String, _ b: String) -> Bool {
        #if os(Linux)
        typealias RenameAt2 = @convention(c) (Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32) -> Int32
        guard let symbol = renameAt2Symbol else { return false }
        let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
        let renameExchange: UInt32 = 1 << 1  // RENAME_EXCHANGE, <linux/fs.h>
        return renameat2(AT_FDCWD, a, AT_FDCWD, b, renameExchange) == 0
        #else
        return false
        #endif
    }

    /// glibc's `renameat2` (2.28 and later), looked up at run time because Swift's Glibc module does not declare it.
    nonisolated(unsafe) static let renameAt2Symbol: UnsafeMutableRawPointer? = {
        guard let handle = dlopen(nil, RTLD_NOW) else { return nil }
        return dlsym(handle, "renameat2")
    }()

    static func rename(_ from: String, to: String, _ location: OutputLocation) throws {
        guard Glibc.rename(from, to) == 0 else {
            throw OutputFolderError(description: FileSystemErrorText.sentence("replace the folder", path: location.given, errno: errno))
        }
    }

    static func makeFolder(_ path: String) throws {
        guard mkdir(path, 0o755) == 0 else {
            throw OutputFolderError(description: FileSystemErrorText.sentence("create the folder", path: path, errno: errno))
        }
    }

    /// Writes a new file and syncs it to disk, so a renamed folder never holds a half-written file after a crash.
    static func writeFile(_ path: String, _ contents: String) throws {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw OutputFolderError(description: FileSystemErrorText.sentence("write", path: path, errno: errno)) }
        defer { close(fd) }
        var bytes = Array(contents.utf8)
        try bytes.withUnsafeMutableBytes { buffer in
            var done = 0
            while done < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + done, buffer.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw OutputFolderError(description: FileSystemErrorText.sentence("write", path: path, errno: errno))
                }
                done += n
            }
        }
        bytes.removeAll()
        guard fsync(fd) == 0 else { throw OutputFolderError(description: FileSystemErrorText.sentence("write", path: path, errno: errno)) }
    }

    static func removeFile(_ path: String) throws {
        guard unlink(path) == 0 else {
            throw OutputFolderError(description: FileSystemErrorText.sentence("remove", path: path, errno: errno))
        }
    }

    /// Syncs a folder's entries (the renames in it) to disk; best effort.
    static func syncFolder(_ path: String) {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = fsync(fd)
        close(fd)
    }

    /// Deletes a folder tree without following symbolic links; at each level the marker and the staging tag
    /// go last, so a folder whose deletion was interrupted is still recognised as the tool's own.
    static func removeTree(_ path: String) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        guard (info.st_mode & S_IFMT) == S_IFDIR else { try removeFile(path); return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        let last: Set<String> = [OutputFolder.markerName, OutputFolder.stagingTagName]
        for name in names.filter({ !last.contains($0) }) + names.filter({ last.contains($0) }) {
            try removeTree(path + "/" + name)
        }
        guard rmdir(path) == 0 else {
            throw OutputFolderError(description: FileSystemErrorText.sentence("remove the folder", path: path, errno: errno))
        }
    }
}

/// Fault injection for the crash tests (environment variable `OUTCOMES_OUTPUT_FAULTS`, comma-separated):
/// `kill-at=STEP` sends SIGKILL to this process when the swap reaches STEP, `pause-ms=N` sleeps N ms at every
/// step (so a test can kill at random points), `no-exchange` forces the rename fallback. Unset in normal use.
struct OutputFaults: Sendable {
    var killAt: String?
    var pauseMicroseconds: UInt32 = 0
    var noExchange = false

    static let current: OutputFaults = {
        var faults = OutputFaults()
        guard let text = ProcessInfo.processInfo.environment["OUTCOMES_OUTPUT_FAULTS"] else { return faults }
        for part in text.split(separator: ",") {
            if part == "no-exchange" { faults.noExchange = true }
            if part.hasPrefix("kill-at=") { faults.killAt = String(part.dropFirst(8)) }
            if part.hasPrefix("pause-ms="), let ms = UInt32(part.dropFirst(9)) { faults.pauseMicroseconds = ms * 1000 }
        }
        return faults
    }()

    static func point(_ step: String) {
        let faults = current
        if faults.pauseMicroseconds > 0 { usleep(faults.pauseMicroseconds) }
        if faults.killAt == step { kill(getpid(), SIGKILL) }
    }
}
