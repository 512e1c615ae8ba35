import CBLAS
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// OpenBLAS threading. On small machines a multi-threaded `dgemm` can be slower than one thread and
/// does not compose with Swift concurrency, so the project parallelizes in one place only.
public enum BLASThreads {
    /// Sets the number of OpenBLAS worker threads for the whole process.
    public static func set(_ n: Int) {
        applyProcessDefault()
        openblas_set_num_threads(Int32(n))
    }

    /// The project's default, applied once before this module's first BLAS or LAPACK call: one OpenBLAS thread,
    /// unless OPENBLAS_NUM_THREADS, GOTO_NUM_THREADS or OMP_NUM_THREADS chooses otherwise. The products here are
    /// tall and thin (n × p with p small); a second thread gains little on them, and OpenBLAS's idle workers
    /// spin on the other core between calls (about a tenth of a million-row Cox fit's time on two cores).
    @inline(__always) static func applyProcessDefault() { _ = processDefault }

    /// Applies the default at process start and, when it is one thread, stops the workers OpenBLAS started
    /// when it was loaded. A pthreads OpenBLAS starts them before `main` and each spins on `sched_yield` for
    /// about 2^28 clock ticks (a tenth of a second) before it sleeps, taking a core from the process's own
    /// threads, e.g. the two-thread CSV reader, even in commands that never call BLAS. Executables call this
    /// first; a build of OpenBLAS without the shutdown entry point (serial, OpenMP) is left as it is.
    public static func applyProcessDefaultAtLaunch() {
        applyProcessDefault()
        guard usesProcessDefault else { return }
        typealias Shutdown = @convention(c) () -> Int32
        guard let handle = dlopen(nil, RTLD_NOW), let symbol = dlsym(handle, "blas_thread_shutdown_") else { return }
        // Later calls run on the calling thread (one thread); OpenBLAS restarts workers itself if a caller asks for more.
        _ = unsafeBitCast(symbol, to: Shutdown.self)()
    }

    private static var usesProcessDefault: Bool {
        let environment = ProcessInfo.processInfo.environment
        return ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"].allSatisfy { environment[$0] == nil }
    }

    private static let processDefault: Void = {
        if usesProcessDefault { openblas_set_num_threads(1) }
    }()
}
