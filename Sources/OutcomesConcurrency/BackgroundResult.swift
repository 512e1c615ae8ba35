import Dispatch

/// Work started on a background thread whose result the caller collects later, so two independent steps (a
/// report's input fingerprints and the loading of the same files) overlap instead of running one after the other.
public final class BackgroundResult<Value: Sendable>: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    // Written once by the background thread before `done` is signalled, read only after waiting for it.
    private var result: Result<Value, any Error>?

    /// Starts `work` at once on a global queue.
    public init(_ work: @escaping @Sendable () throws -> Value) {
        DispatchQueue.global(qos: .userInitiated).async { [self] in
            result = Result { try work() }
            done.signal()
        }
    }

    /// Waits for the work to end and returns its value, or throws its error. Call once.
    public func value() throws -> Value {
        done.wait()
        return try result!.get()
    }
}
