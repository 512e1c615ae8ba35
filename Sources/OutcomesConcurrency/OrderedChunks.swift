import Dispatch
import Foundation

/// Work split into consecutive chunks that run on several threads and come back in chunk order, so the
/// result is the one-thread result whatever the number of threads: same input, same bytes.
public enum OrderedChunks {
    /// Threads used by default: the processors available, at most 8, or the number in the environment variable
    /// `OUTCOMES_THREADS` (benchmarks compare 1 and 2).
    public static let defaultThreads: Int = {
        if let text = ProcessInfo.processInfo.environment["OUTCOMES_THREADS"], let threads = Int(text), threads >= 1 {
            return min(threads, 64)
        }
        return max(1, min(8, ProcessInfo.processInfo.activeProcessorCount))
    }()

    /// `body` applied to consecutive ranges covering `0..<count`, each at most `chunkSize` long, the results in
    /// range order. Ranges run concurrently on up to `threads` threads; with one thread, or one range, they run
    /// on the calling thread.
    public static func map<T: Sendable>(count: Int, chunkSize: Int, threads: Int = defaultThreads,
                                        _ body: @Sendable (Range<Int>) -> T) -> [T] {
        precondition(chunkSize >= 1, "chunk size must be positive")
        let chunks = (count + chunkSize - 1) / chunkSize
        let range: @Sendable (Int) -> Range<Int> = { $0 * chunkSize ..< min(count, ($0 + 1) * chunkSize) }
        if threads <= 1 || chunks <= 1 { return (0..<chunks).map { body(range($0)) } }
        let results = Slots<T>(count: chunks)
        // Each thread takes the next chunk not yet started, so a slow chunk does not hold up a whole share.
        let next = Counter()
        withoutActuallyEscaping(body) { body in
            DispatchQueue.concurrentPerform(iterations: min(threads, chunks)) { _ in
                while case let chunk = next.take(), chunk < chunks { results.set(chunk, body(range(chunk))) }
            }
        }
        return results.values()
    }

    /// `body` applied to each index in `0..<count`, results in index order: ``map(count:chunkSize:threads:_:)``
    /// with one element per chunk, for a few large independent jobs.
    public static func each<T: Sendable>(_ count: Int, threads: Int = defaultThreads, _ body: @Sendable (Int) -> T) -> [T] {
        withoutActuallyEscaping(body) { body in
            map(count: count, chunkSize: 1, threads: threads) { body($0.lowerBound) }
        }
    }
}

/// One slot per chunk, each written by exactly one thread before `values()` reads them all.
private final class Slots<T>: @unchecked Sendable {
    private var storage: UnsafeMutableBufferPointer<T?>
    init(count: Int) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: nil)
    }
    deinit {
        storage.deinitialize()
        storage.deallocate()
    }
    func set(_ index: Int, _ value: T) { storage[index] = value }
    func values() -> [T] { storage.map { $0! } }
}

/// The next chunk to start, shared by the threads.
private final class Counter: @unchecked Sendable {
    private var value = 0
    private let lock = NSLock()
    func take() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value - 1
    }
}
