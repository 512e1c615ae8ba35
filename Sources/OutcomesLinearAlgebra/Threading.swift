import CBLAS

/// OpenBLAS threading. On small machines a multi-threaded `dgemm` can be slower than one thread and
/// does not compose with Swift concurrency, so the project parallelizes in one place only.
public enum BLASThreads {
    /// Sets the number of OpenBLAS worker threads for the whole process.
    public static func set(_ n: Int) { openblas_set_num_threads(Int32(n)) }
}
