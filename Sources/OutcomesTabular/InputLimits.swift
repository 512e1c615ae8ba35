import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Limits on CSV input, so a hostile or broken file costs a clear error instead of gigabytes
/// (a one-million-column header once cost 2.1 GB and 103 MB of warnings). Documented in datasets/README.md.
public enum CSVLimits {
    /// Columns in a header. Clinic exports have tens; a header wider than this is refused.
    public static let maximumColumns = 10_000
    /// Bytes in one record (header or row, quoted line breaks included). Fields are limited separately
    /// (``CSVSchema/maxFieldBytes``, 1 MiB); this bounds a row of many fields.
    public static let maximumRecordBytes = 16 << 20
}

/// Input files must be regular files: a FIFO with no writer would hang the run, a device could stream forever.
public enum RegularFile {
    /// Nil when `path` is a regular file (following symbolic links), else why not, in words.
    public static func cause(_ path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return FileSystemErrorText.cause(errno: errno) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "it is a folder, not a file"
        case S_IFIFO: return "it is a FIFO (named pipe), not a regular file"
        case S_IFSOCK: return "it is a socket, not a regular file"
        case S_IFCHR, S_IFBLK: return "it is a device, not a regular file"
        default: return "it is not a regular file"
        }
    }

    /// Nil when `path` is a regular file, else `cannot <action> '<path>': <cause>`.
    public static func problem(_ path: String, action: String = "read") -> String? {
        cause(path).map { "cannot \(action) '\(path)': \($0)" }
    }
}
