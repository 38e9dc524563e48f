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
    /// The allocator's name and version, e.g. "mimalloc 2.0.9". Cost: one call.
    public static var description: String {
        let version = Int(mi_version())
        return "mimalloc \(version / 100).\(version / 10 % 10).\(version % 10)"
    }
}
