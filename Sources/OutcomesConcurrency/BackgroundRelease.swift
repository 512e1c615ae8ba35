import Dispatch

/// Hands the last reference to a large value to a background thread, which frees it there.
///
/// Freeing the records of a million-patient registry takes a noticeable part of a command's run (every array of
/// every record is released one by one); a command that has written its output has nothing left to wait for,
/// so the shell prompt should not wait for the frees either. In a long-lived process the memory is returned
/// just the same, a moment later.
public enum BackgroundRelease {
    /// Releases `value` on a background thread once the caller's own references are gone.
    public static func release<T: Sendable>(_ value: consuming T) {
        let box = Box(value)
        DispatchQueue.global(qos: .utility).async { box.drop() }
    }
}

private final class Box<T: Sendable>: @unchecked Sendable {
    private var value: T?
    init(_ value: T) { self.value = value }
    /// Called once, on the background thread.
    func drop() { value = nil }
}
