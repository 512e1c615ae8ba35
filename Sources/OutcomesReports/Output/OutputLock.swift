import Foundation
import OutcomesTabular
#if canImport(Glibc)
import Glibc
#endif

/// One writer at a time per output folder: an advisory `flock` on the lock file `.NAME.lock` beside the
/// folder. The holder writes who it is into the file, so a waiting or refused run can name it, and deletes the
/// file when it is done (a run that locked the deleted file notices and locks the new one). The lock is released
/// when the process ends, however it ends; a killed run leaves only this small file, which holds no patient data.
public final class OutputLock: @unchecked Sendable {
    // The descriptor is only touched by the owner, on acquire and release.
    private var descriptor: Int32
    /// The lock file.
    public let path: String

    private init(descriptor: Int32, path: String) {
        self.descriptor = descriptor
        self.path = path
    }

    deinit { release() }

    /// Takes the lock for the output folder at `outputPath` and recovers what a crashed run left beside it.
    /// If another run holds it: with `noWait`, throws an error naming the holder; otherwise calls `onMessage`
    /// once with a message naming the holder and waits. `onMessage` also receives a line for each recovery
    /// step; by default the lines go to standard error.
    public static func acquire(forOutput outputPath: String, noWait: Bool,
                               onMessage: (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }) throws -> OutputLock {
        let location = try OutputLocation(outputPath)
        var announced = false
        var fd: Int32 = -1
        while true {
            fd = open(location.lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o644)
            guard fd >= 0 else {
                throw OutputFolderError(description: FileSystemErrorText.sentence("create the lock file", path: location.lockPath, errno: errno))
            }
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                guard errno == EWOULDBLOCK else { throw failure("lock", location.lockPath, closing: fd) }
                let holder = describeHolder(fd)
                if noWait {
                    close(fd)
                    throw OutputFolderError(description: "'\(outputPath)' is being written by another run (\(holder)); not waiting (--no-wait)")
                }
                if !announced { onMessage("waiting for another run to finish writing '\(outputPath)' (\(holder))") }
                announced = true
                while flock(fd, LOCK_EX) != 0 {
                    guard errno == EINTR else { throw failure("lock", location.lockPath, closing: fd) }
                }
            }
            // The holder deletes the lock file when it finishes; a lock taken on a deleted file guards nothing,
            // so go round again until the file locked is the one at the path.
            var held = stat(), atPath = stat()
            if fstat(fd, &held) == 0 && stat(location.lockPath, &atPath) == 0
                && held.st_ino == atPath.st_ino && held.st_dev == atPath.st_dev { break }
            close(fd)
        }
        let lock = OutputLock(descriptor: fd, path: location.lockPath)
        let command = CommandLine.arguments.joined(separator: " ")
        let started = ISO8601.formatDateTime(Date().timeIntervalSince1970)
        let note = "pid \(getpid()) on \(ProcessInfo.processInfo.hostName), started \(started)Z: \(command)\n"
        _ = ftruncate(fd, 0)
        _ = note.withCString { pwrite(fd, $0, strlen($0), 0) }
        for note in try OutputRecovery.recover(location) { onMessage("note: " + note) }
        return lock
    }

    /// Releases the lock and deletes the lock file (also done when the lock is deallocated; the lock, not the
    /// file, is released when the process ends however it ends).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = unlink(path)
        _ = flock(descriptor, LOCK_UN)
        close(descriptor)
        descriptor = -1
    }

    static func failure(_ action: String, _ path: String, closing fd: Int32) -> OutputFolderError {
        let code = errno
        close(fd)
        return OutputFolderError(description: FileSystemErrorText.sentence(action, path: path, errno: code))
    }

    /// What the holder wrote into the lock file, or a general phrase.
    static func describeHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 512)
        let n = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress!, $0.count, 0) }
        guard n > 0 else { return "holder unknown" }
        let text = String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return text.isEmpty ? "holder unknown" : text
    }
}
