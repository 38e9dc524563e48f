/// Deals the rows a map task sends to an exchange into one batch per reduce partition: input
/// batches and their rows' targets are buffered until about `targetRows` rows per partition (or
/// `maximumBytes`) are held, then the buffer is concatenated and split (`KeyHashing.split`:
/// one counting pass, then each column dealt to the partitions in one pass). An exchange thus
/// writes a few large batches per partition, and splitting costs one pass per column per
/// chunk, not a sliver of every input batch for each of 200 partitions. Cost: three
/// sequential copies of each row, a counting pass.
struct PartitionedBatches {
    private let partitions: Int
    private let schema: StructType
    private var pending: [ColumnBatch] = []
    private var pendingTargets: [UInt64] = []
    private var pendingBytes = 0
    private static var targetRows: Int { 4096 }
    private static var maximumBytes: Int { 32 << 20 }

    init(partitions: Int, schema: StructType) {
        self.partitions = partitions
        self.schema = schema
    }

    /// Buffers `batch`, whose row i goes to partition `targets[i] % partitions`; returns the
    /// partitions' batches when the buffer is full.
    mutating func add(_ batch: ColumnBatch, targets: [UInt64]) -> [(Int, ColumnBatch)] {
        guard batch.rowCount > 0 else { return [] }
        pending.append(batch)
        pendingTargets += targets
        pendingBytes += batch.estimatedBytes
        let full = pendingTargets.count >= Self.targetRows * partitions || pendingBytes >= Self.maximumBytes
        return full ? flush() : []
    }

    /// The buffered rows, one batch per partition that has any; empties the buffer.
    mutating func flush() -> [(Int, ColumnBatch)] {
        guard !pending.isEmpty else { return [] }
        defer {
            pending = []
            pendingTargets = []
            pendingBytes = 0
        }
        return KeyHashing.split(ColumnBatch.concatenating(pending, schema: schema), hashes: pendingTargets,
                                partitions: partitions)
    }
}
