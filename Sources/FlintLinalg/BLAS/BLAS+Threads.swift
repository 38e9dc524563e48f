import CBLAS
import Foundation

extension BLAS {
    /// The number of threads OpenBLAS uses for one call.
    public static var threadCount: Int { Int(openblas_get_num_threads()) }

    /// Sets the number of threads OpenBLAS uses for one call (process-wide). Engines that run
    /// BLAS inside parallel tasks want 1: the tasks are the parallelism, and OpenBLAS's own
    /// threads would only contend with them (Spark's advice is OPENBLAS_NUM_THREADS=1).
    public static func setThreadCount(_ count: Int) {
        precondition(count >= 1, "OpenBLAS needs at least one thread, got \(count)")
        openblas_set_num_threads(Int32(count))
    }

    /// One OpenBLAS thread per call unless the user chose a count with `OPENBLAS_NUM_THREADS`;
    /// done once per process, the first time a distributed algorithm runs.
    public static let useOneThreadPerTask: Void = {
        if ProcessInfo.processInfo.environment["OPENBLAS_NUM_THREADS"] == nil { setThreadCount(1) }
    }()
}
