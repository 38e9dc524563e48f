import FlintCore

/// The columnar shuffled hash join: both sides are shuffled as column batches by the hash of
/// their join keys; in each partition the right side's rows are put in a hash table by key
/// (`JoinTable`) and the left batches stream past it, each giving index pairs from which the
/// output columns are gathered. Null keys never match.
///
/// The build side lives in execution memory, reserved in chunks as its batches arrive. When the
/// pool will not cover it, the partition is joined by grace hash partitioning: both sides are
/// written to disk by a second hash of their keys (`SpillBuckets`), and bucket i of the left is
/// joined with bucket i of the right, one bucket at a time. Every row of a key is in one bucket,
/// so outer, semi and anti joins keep their meaning per bucket. A bucket whose right side is
/// still too big is split again with the next level's hash, down to `maxLevel`, past which
/// (only a few heavy keys get there) it is built in memory whatever the budget.
/// Cost without spilling: one hash-table insert per right row, one lookup per left row.
struct HashJoin: Sendable {
    let type: JoinType
    let leftKeys: [Expression]
    let rightKeys: [Expression]
    let leftEvaluator: ExpressionEvaluator
    let rightEvaluator: ExpressionEvaluator
    let residual: (Expression, ExpressionEvaluator)?
    let pairSchema: StructType
    let outputSchema: StructType
    let leftWidth: Int
    let rightSchema: StructType
    /// The deepest level of re-splitting a bucket.
    static let maxLevel = 3

    /// The left side's schema (the first `leftWidth` fields of `pairSchema`).
    var leftSchema: StructType { StructType(Array(pairSchema.fields.prefix(leftWidth))) }

    /// Streams the left batches of one partition past `table`, a table built once for every
    /// task (a broadcast join's: inner, left outer, semi or anti, which never mark right rows,
    /// so the tasks share it read-only). Cost: one lookup per left row.
    static func probe(_ left: BatchIterator<ColumnBatch>, with table: JoinTable) -> BatchIterator<ColumnBatch> {
        var table = table
        return BatchIterator {
            guard let chunk = try left.nextBatch() else { return nil }
            return try chunk.map { try table.probe($0) }.filter { $0.rowCount > 0 }
        }
    }

    /// Joins one partition: reads the whole right side into a `JoinTable`, then streams the left
    /// side through it, a batch out per left batch (and the unmatched right rows last, for
    /// right and full outer joins); or, when the right side outgrows the task's memory, joins
    /// bucket by bucket from disk (see the type's description). `level` is the bucket level.
    /// - Throws: what reading either side or evaluating keys and conditions throws;
    ///   `FlintError.io` naming a spill file that cannot be written or read.
    func join(left: BatchIterator<ColumnBatch>, right: BatchIterator<ColumnBatch>, level: Int = 0) throws
        -> BatchIterator<ColumnBatch> {
        let context = level <= Self.maxLevel ? TaskContext.get() : nil
        var reservation = context.map(MemoryReservation.init(context:))
        var build: [ColumnBatch] = []
        var buildBytes = 0
        while let chunk = try right.nextBatch() {
            build += chunk
            buildBytes += chunk.reduce(0) { $0 + $1.estimatedBytes + $1.rowCount * JoinTable.bytesPerRow }
            if let context, reservation?.reserve(buildBytes) == false {
                reservation?.releaseAll()
                return try partitionedJoin(left: left, right: right, buffered: consume build, level: level, context: context)
            }
        }
        var table = try JoinTable(build, join: self)
        build = []
        var probing = true
        return BatchIterator {
            guard probing else {
                reservation?.releaseAll()
                return nil
            }
            if let chunk = try left.nextBatch() { return try chunk.map { try table.probe($0) }.filter { $0.rowCount > 0 } }
            probing = false
            return table.unmatchedRight().map { [$0] } ?? []
        }
    }

    /// The grace hash join of one partition: the right batches read so far (`buffered`), the
    /// rest of the right side, then the whole left side go to disk by bucket; the buckets are
    /// then joined in order, each when pulled.
    private func partitionedJoin(left: BatchIterator<ColumnBatch>, right: BatchIterator<ColumnBatch>,
                                 buffered: consuming [ColumnBatch], level: Int, context: TaskContext) throws
        -> BatchIterator<ColumnBatch> {
        var pending = consume buffered
        // Buffered batches leave memory as they enter the buckets.
        let drained = BatchIterator { pending.popLast().map { [$0] } }
        var rightBuckets = SpillBuckets(schema: rightSchema, level: level, context: context)
        try spill(drained, into: &rightBuckets, keys: rightKeys, evaluator: rightEvaluator)
        try spill(right, into: &rightBuckets, keys: rightKeys, evaluator: rightEvaluator)
        var leftBuckets = SpillBuckets(schema: leftSchema, level: level, context: context)
        try spill(left, into: &leftBuckets, keys: leftKeys, evaluator: leftEvaluator)
        let (lefts, rights) = (leftBuckets, rightBuckets)
        return .concatenating(SpillBuckets.fanOut) { bucket in
            try join(left: lefts.batches(inBucket: bucket), right: rights.batches(inBucket: bucket), level: level + 1)
        }
    }

    /// Writes every batch of `side` into `buckets` by its join keys, then flushes them.
    private func spill(_ side: BatchIterator<ColumnBatch>, into buckets: inout SpillBuckets, keys: [Expression],
                       evaluator: ExpressionEvaluator) throws {
        try side.forEach { batch in try buckets.add(batch, keys: try keys.map { try evaluator.evaluate($0, batch) }) }
        try buckets.flush()
    }
}
