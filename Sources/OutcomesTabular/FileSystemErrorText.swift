import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One sentence naming a path and why the file system refused it, for errors a user can act on
/// ("cannot read 'x.csv': permission denied") instead of a raw NSError dump.
public enum FileSystemErrorText {
    /// The cause of a POSIX error number in plain words.
    public static func cause(errno code: Int32) -> String {
        switch code {
        case EACCES, EPERM: return "permission denied"
        case ENOENT: return "it does not exist"
        case ENOTDIR: return "a part of the path is not a folder"
        case EISDIR: return "it is a folder, not a file"
        case ENOSPC: return "the disk is full"
        case EDQUOT: return "the disk quota is exceeded"
        case EROFS: return "the file system is read-only"
        case EEXIST: return "it already exists"
        case ENOTEMPTY: return "the folder is not empty"
        case ELOOP: return "too many levels of symbolic links"
        case ENAMETOOLONG: return "the name is too long"
        case EMFILE, ENFILE: return "too many open files"
        case EIO: return "an input/output error from the device"
        case EXDEV: return "it is on a different file system"
        case EBUSY: return "it is in use (a mount point?)"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    /// `cannot <action> '<path>': <cause>`.
    public static func sentence(_ action: String, path: String, errno code: Int32) -> String {
        "cannot \(action) '\(path)': \(cause(errno: code))"
    }

    /// The POSIX error number behind a Foundation error, when there is one.
    public static func errnoCode(of error: Error) -> Int32? {
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return ENOENT
            case .fileReadNoPermission, .fileWriteNoPermission: return EACCES
            case .fileWriteOutOfSpace: return ENOSPC
            case .fileWriteVolumeReadOnly: return EROFS
            case .fileWriteFileExists: return EEXIST
            default: return nil
            }
        }
        return nil
    }

    /// `cannot <action> '<path>': <cause>` for a Foundation error (its own description when no cause is known).
    public static func sentence(_ action: String, path: String, error: Error) -> String {
        if let code = errnoCode(of: error) { return sentence(action, path: path, errno: code) }
        if let decoding = error as? CocoaError, decoding.code == .fileReadInapplicableStringEncoding {
            return "cannot \(action) '\(path)': it is not UTF-8 text"
        }
        return "cannot \(action) '\(path)': \((error as NSError).localizedDescription)"
    }
}
