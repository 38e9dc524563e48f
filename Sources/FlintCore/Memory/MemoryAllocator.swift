import CMimalloc

/// The process's memory allocator.
///
/// FlintCore links mimalloc, which then serves every `malloc` and `free` of the process, the
/// Swift runtime's included. The engine's record paths (strings, tuples and arrays built and
/// freed per record: `textFile` lines, shuffle records, sort buffers) allocate tens of millions
/// of small blocks per job, and glibc's allocator spends a third of such a job's time in
/// `malloc`, `free` and their bin consolidation on two cores; mimalloc's per-thread free lists
/// cut that several-fold (see Benchmarks/README.md). Its settings are read from `MIMALLOC_*`
/// environment variables (e.g. `MIMALLOC_SHOW_STATS=1` prints its statistics at exit).
public enum MemoryAllocator {
    /// How long freed memory stays committed before mimalloc returns it to the system, in
    /// milliseconds, unless `MIMALLOC_DECOMMIT_DELAY` says otherwise: 1 s instead of
    /// mimalloc's 25 ms. Batches of a few MB (column buffers, shuffle frames, exchange
    /// buffers) are freed and allocated again within milliseconds; returned to the system,
    /// every new one page-faulted and was zeroed by the kernel again (about 4% of a join
    /// query's time). The cost is a resident size that shrinks up to a second later.
    public static let decommitDelayMilliseconds = 1000

    /// Sets the engine's allocator defaults (once per process; every `FlintEnv` calls it). The
    /// `MIMALLOC_*` environment variables still override them.
    public static func configure() { _ = configured }

    private static let configured: Void = {
        mi_option_set_default(mi_option_decommit_delay, decommitDelayMilliseconds)
    }()

    /// The allocator's name and version, e.g. "mimalloc 2.0.9". Cost: one call.
    public static var description: String {
        let version = Int(mi_version())
        return "mimalloc \(version / 100).\(version / 10 % 10).\(version % 10)"
    }
}
