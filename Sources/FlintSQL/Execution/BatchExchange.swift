import FlintCore

/// Rows of column batches dealt to shuffle partitions: each map task deals its rows by a target
/// per row into batches of a few thousand rows per partition (`PartitionedBatches`), and the
/// exchange shuffles them by partition id. Cost: two copies per row, one shuffle.
enum BatchExchange {
    /// `input` with every row moved to partition `targets(task, batch)[row] % partitions`.
    static func exchange(_ input: RDD<ColumnBatch>, schema: StructType, partitions: Int,
                         targets: @escaping @Sendable (_ task: Int, _ batch: ColumnBatch) throws -> [UInt64]) -> RDD<ColumnBatch> {
        tagged(input, schema: schema, partitions: partitions, targets: targets)
            .partitionBy(RoundRobinPartitioner(partitions: partitions)).map(\.1)
    }

    /// The map side of a hash exchange on `keys` (a join side, `repartition(cols)`): rows with
    /// equal keys tagged with the same partition, `KeyHashing`'s hash of the keys modulo
    /// `partitions`.
    static func tagged(_ input: RDD<ColumnBatch>, schema: StructType, keys: [Expression], evaluator: ExpressionEvaluator,
                       partitions: Int) -> RDD<(Int, ColumnBatch)> {
        tagged(input, schema: schema, partitions: partitions) { _, batch in
            KeyHashing.hashes(try keys.map { try evaluator.evaluate($0, batch) }, rowCount: batch.rowCount)
        }
    }

    /// The map side of `exchange`: batches of rows bound for one partition, tagged with it.
    static func tagged(_ input: RDD<ColumnBatch>, schema: StructType, partitions: Int,
                       targets: @escaping @Sendable (_ task: Int, _ batch: ColumnBatch) throws -> [UInt64]) -> RDD<(Int, ColumnBatch)> {
        input.mapPartitionsWithIndex { task, batches in
            var collector = PartitionedBatches(partitions: partitions, schema: schema)
            var flushed = false
            return BatchIterator {
                while let chunk = try batches.nextBatch() {
                    var full: [(Int, ColumnBatch)] = []
                    for batch in chunk { full += collector.add(batch, targets: try targets(task, batch)) }
                    if !full.isEmpty { return full }
                }
                guard !flushed else { return nil }
                flushed = true
                return collector.flush()
            }
        }
    }
}
