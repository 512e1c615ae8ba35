import CBLAS
import Foundation

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

    private static let processDefault: Void = {
        let environment = ProcessInfo.processInfo.environment
        if ["OPENBLAS_NUM_THREADS", "GOTO_NUM_THREADS", "OMP_NUM_THREADS"].allSatisfy({ environment[$0] == nil }) {
            openblas_set_num_threads(1)
        }
    }()
}
