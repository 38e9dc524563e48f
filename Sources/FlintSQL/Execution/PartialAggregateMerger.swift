import FlintCore

/// The reduce side of the columnar hash aggregation: merges the partial batches (keys, then
/// aggregate states; see `ColumnarAggregator`) that the shuffle brought to one partition into a
/// group table, within the task's execution memory.
///
/// The table's estimated size is reserved in chunks as it grows (one comparison per partial
/// batch otherwise). When the pool refuses, the table's groups are written as partial batches
/// into `SpillBuckets` (by a second hash of their keys) and the table starts empty. At the end
/// the remaining groups are spilled too and the buckets are merged one at a time: all partials
/// of a key are in one bucket, so each bucket's table is final. A bucket still too big is split
/// again with the next level's hash; past `maxLevel` (reached only when a handful of keys
/// outweigh the budget, since every level divides the keys by `SpillBuckets.fanOut`) a bucket
/// is merged in memory whatever the budget.
struct PartialAggregateMerger: Sendable {
    let keyTypes: [DataType]
    let operations: [ColumnarAggregator.Operation]
    /// The layout of partial batches: `k0…` keys, then `s0…` states.
    let partialSchema: StructType
    /// The deepest level of re-splitting.
    static let maxLevel = 3

    /// The merged groups of `partials`: one table when they fit, otherwise one per spill bucket,
    /// each merged only when pulled (so one bucket's table is in memory at a time). The memory
    /// of the last table is given back when the stream is pulled past it.
    /// - Throws: what reading `partials` throws; `FlintError.io` naming a spill file that
    ///   cannot be written or read.
    func merge(_ partials: BatchIterator<ColumnBatch>, level: Int = 0) throws -> BatchIterator<ColumnarAggregator> {
        var aggregator = ColumnarAggregator(keyTypes: keyTypes, operations: operations)
        guard let context = TaskContext.get(), level <= Self.maxLevel else {
            try partials.forEach { aggregator.merge(partial: $0, keyCount: keyTypes.count) }
            return BatchIterator([aggregator])
        }
        var reservation = MemoryReservation(context: context)
        var buckets: SpillBuckets?
        try partials.forEach { batch in
            aggregator.merge(partial: batch, keyCount: keyTypes.count)
            if !reservation.reserve(aggregator.estimatedBytes) {
                if buckets == nil { buckets = SpillBuckets(schema: partialSchema, level: level, context: context) }
                try spill(&aggregator, into: &buckets!)
                reservation.releaseAll()
            }
        }
        guard var spilled = buckets else {
            var table: ColumnarAggregator? = aggregator
            return BatchIterator {
                guard let result = table else {
                    reservation.releaseAll()
                    return nil
                }
                table = nil
                return [result]
            }
        }
        try spill(&aggregator, into: &spilled)
        reservation.releaseAll()
        let finished = spilled
        return .concatenating(SpillBuckets.fanOut) { bucket in
            try merge(finished.batches(inBucket: bucket), level: level + 1)
        }
    }

    /// Writes the groups of `aggregator` as one partial batch into `buckets` (flushed to disk)
    /// and empties it.
    private func spill(_ aggregator: inout ColumnarAggregator, into buckets: inout SpillBuckets) throws {
        let columns = aggregator.partialColumns()
        try buckets.add(ColumnBatch(schema: partialSchema, columns: columns, rowCount: aggregator.groupCount),
                        keys: Array(columns.prefix(keyTypes.count)))
        try buckets.flush()
        aggregator = ColumnarAggregator(keyTypes: keyTypes, operations: operations)
    }
}
