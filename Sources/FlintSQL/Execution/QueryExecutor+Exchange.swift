import FlintCore

extension QueryExecutor {
    /// Shuffles each side (batches tagged with their reduce partition) into `partitions` reduce
    /// partitions. With `flint.sql.adaptive.coalescePartitions.enabled` (the default) and more
    /// than one partition, the map sides run now and the shuffles are read in groups of
    /// contiguous reduce partitions of about `flint.sql.adaptive.advisoryPartitionSizeInBytes`
    /// (fewer when that keeps every core busy, never under the minimum partition size), the
    /// same groups for every side, as Spark's adaptive execution coalesces shuffle partitions:
    /// 200 partitions of a few kilobytes become a task or two. Partition i of every result then
    /// holds the keys of the same reduce partitions.
    /// `coalescing` nil reads every reduce partition apart; given specs read those groups.
    func exchange(_ sides: [RDD<(Int, ColumnBatch)>], partitions: Int,
                  coalescing: ExchangeCoalescing = .adaptive) throws -> [RDD<(Int, ColumnBatch)>] {
        let exchange = RoundRobinPartitioner(partitions: partitions)
        let shuffled = sides.map { $0.partitionBy(exchange) }
        let reads = shuffled.compactMap { $0 as? ShuffledRDD<Int, ColumnBatch, ColumnBatch> }
        guard reads.count == shuffled.count else { return shuffled }
        if case let .given(specs) = coalescing { return reads.map { $0.coalesced(specs) } }
        guard coalescing == .adaptive, partitions > 1, session.adaptiveCoalescing else { return shuffled }
        let sizes = try reads.map { try $0.runMapStage() }
        let specs = ShufflePartitionCoalescer.specs(bytesByPartition: sizes, advisorySize: session.adaptiveAdvisorySize,
                                                    minPartitionSize: session.adaptiveMinPartitionSize,
                                                    minPartitions: context.defaultParallelism)
        guard specs.count < partitions else { return shuffled }
        return reads.map { $0.coalesced(specs) }
    }
}

/// How `QueryExecutor.exchange` reads its shuffles.
enum ExchangeCoalescing: Equatable {
    /// Coalesced from the map outputs' sizes, when the settings allow.
    case adaptive
    /// Every reduce partition apart.
    case none
    /// In these groups of reduce partitions (those of a side read in place).
    case given([Range<Int>])
}
