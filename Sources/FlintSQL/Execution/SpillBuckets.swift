import FlintCore

/// Rows an operator cannot keep in memory, written to local disk by bucket (grace hash
/// partitioning): a row goes to the bucket of its keys' spill hash (`KeyHashing.spillHashes`
/// at this recursion level), so every row of a key, whichever side of a join or spill of an
/// aggregation it comes from, lands in the same bucket, and buckets are then processed one at
/// a time, each holding about 1/`fanOut` of the rows.
///
/// Rows wait in memory, per bucket, under their own execution-memory reservation; when the
/// pool will not cover them (and they are worth a file), or on `flush()`, they are written as
/// one `PartitionedSpillFile`, a segment per bucket with each bucket's pieces concatenated into
/// one batch. The files are deleted when the task ends. Cost per row added: a hash, a re-mix,
/// a gather into its bucket's piece; per flush: a serialisation and a Snappy pass over the rows.
struct SpillBuckets {
    /// Buckets per spill: enough that a partition twice to ten times over budget splits into
    /// buckets that fit, few enough that each flush writes segments worth a frame.
    static let fanOut = 16
    /// Below this many bytes pending, a refused reservation does not force a flush (a file per
    /// few rows would cost more than the memory it frees), as the shuffle's file buffers.
    static let minimumFlushBytes = 256 << 10

    let schema: StructType
    let level: Int
    private let context: TaskContext
    private var reservation: MemoryReservation
    private var pending: [[ColumnBatch]]
    private var pendingBytes = 0
    private var files: [PartitionedSpillFile<ColumnBatch>] = []

    /// Empty buckets for rows of `schema`, split by the spill hash of `level`.
    init(schema: StructType, level: Int, context: TaskContext) {
        self.schema = schema
        self.level = level
        self.context = context
        reservation = MemoryReservation(context: context)
        pending = Array(repeating: [], count: Self.fanOut)
    }

    /// Adds the rows of `batch`, whose join or grouping keys are `keys`, to their buckets;
    /// writes every pending row to a spill file when memory for them is refused.
    /// - Throws: `FlintError.io` naming a spill file that cannot be written.
    mutating func add(_ batch: ColumnBatch, keys: [ColumnVector]) throws {
        guard batch.rowCount > 0 else { return }
        let hashes = KeyHashing.spillHashes(KeyHashing.hashes(keys, rowCount: batch.rowCount), level: level)
        for (bucket, piece) in KeyHashing.split(batch, hashes: hashes, partitions: Self.fanOut) {
            pending[bucket].append(piece)
        }
        pendingBytes += batch.estimatedBytes
        if !reservation.reserve(pendingBytes), pendingBytes >= Self.minimumFlushBytes { try flush() }
    }

    /// Writes the pending rows, if any, as one spill file (a segment per bucket) and frees
    /// their memory; counts them in the task's `memoryBytesSpilled` (the file's size goes to
    /// `diskBytesSpilled`).
    /// - Throws: `FlintError.io` naming the spill file when it cannot be written.
    mutating func flush() throws {
        guard pendingBytes > 0 else { return }
        let segments = pending.map { $0.isEmpty ? [] : [ColumnBatch.concatenating($0, schema: schema)] }
        files.append(try PartitionedSpillFile.write(segments, context: context))
        context.metrics.memoryBytesSpilled += pendingBytes
        pending = Array(repeating: [], count: Self.fanOut)
        pendingBytes = 0
        reservation.releaseAll()
    }

    /// The rows of `bucket` from every spill file, in the order they were added, read one file
    /// segment at a time. Call after `flush()`: rows still pending are not included.
    func batches(inBucket bucket: Int) -> BatchIterator<ColumnBatch> {
        let files = self.files
        return .concatenating(files.count) { index in try files[index].elements(inPartition: bucket) }
    }
}
