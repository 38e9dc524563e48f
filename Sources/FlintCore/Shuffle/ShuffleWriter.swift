/// Writes one map task's records for a shuffle: partitions them, combines them on the map side
/// when the dependency asks, serialises and compresses them, and spills under memory pressure.
final class ShuffleWriter<K: Hashable, V, C> {
    private let dependency: ShuffleDependency<K, V, C>
    private let mapId: Int
    private let context: TaskContext
    private let keySerializer: Serializer<K>
    private let buffer: PartitionedFrameBuffer
    private let partitionOf: (K) -> Int
    private let placeRecords: Partitioner.RecordPlacer?

    init(dependency: ShuffleDependency<K, V, C>, mapId: Int, context: TaskContext) throws {
        self.dependency = dependency
        self.mapId = mapId
        self.context = context
        keySerializer = try Serializer<K>.make()
        partitionOf = dependency.partitioner.keyMapper(for: K.self)
        placeRecords = dependency.partitioner.recordPlacer(for: K.self) ?? Self.hashPlacer(dependency)
        buffer = PartitionedFrameBuffer(numPartitions: dependency.partitioner.numPartitions,
                                        manager: context.env.shuffleManager, context: context)
    }

    /// A `HashPartitioner`'s placement of runs of records through the dependency's specialised
    /// kernels (the same as its `keyMapper`: `StableHash.hash(key) % partitions`), else nil.
    /// It reads only the key at the start of each record, so it places combined records too.
    private static func hashPlacer(_ dependency: ShuffleDependency<K, V, C>) -> Partitioner.RecordPlacer? {
        guard dependency.partitioner is HashPartitioner, let place = dependency.records.placeByHash else { return nil }
        let partitions = UInt64(dependency.partitioner.numPartitions)
        return { keys, stride, count, placed in place(keys, stride, count, partitions, placed) }
    }

    /// Consumes `records` and writes the map output; returns its status.
    func write(_ records: BatchIterator<(K, V)>) throws -> MapStatus {
        let written: Int
        if dependency.mapSideCombine, let aggregator = dependency.aggregator {
            written = try writeCombined(records, aggregator: aggregator)
        } else {
            written = try writeRecords(records, valueSerializer: try Serializer<V>.make())
        }
        let lengths = try buffer.writeOutput(shuffleId: dependency.shuffleId, mapId: mapId)
        context.metrics.shuffleRecordsWritten += written
        context.metrics.shuffleBytesWritten += lengths.reduce(0, +)
        context.metrics.shuffleBytesWrittenUncompressed += buffer.uncompressedBytes
        return MapStatus(mapId: mapId, executorId: context.env.executorId, partitionLengths: lengths,
                         recordsWritten: written)
    }

    private func writeRecords(_ records: BatchIterator<(K, V)>, valueSerializer: Serializer<V>) throws -> Int {
        var count = 0
        while let batch = try records.nextBatch() {
            try dependency.records.writer.write(batch, partitionOf, placeRecords, keySerializer, valueSerializer, buffer)
            count += batch.count
        }
        return count
    }

    /// Combines values per key in a spillable map; returns the number of combined records
    /// written (Spark counts records after the map-side combine).
    private func writeCombined(_ records: BatchIterator<(K, V)>, aggregator: Aggregator<K, V, C>) throws -> Int {
        let combinerSerializer = try Serializer<C>.make()
        var written = 0
        var spilled = false
        let map = SpillableMap<K, C>(context: context, keySerializer: keySerializer, valueSerializer: combinerSerializer,
                                     expectedKeys: dependency.mapSideKeysHint) { [unowned self] contents in
            written += try self.write(contents, combinerSerializer: combinerSerializer, aggregator: aggregator)
            try self.buffer.spill()
            spilled = true
        }
        while let batch = try records.nextBatch() {
            try map.insert(batch, using: aggregator.insertValues)
        }
        if !spilled { dependency.noteMapSideKeys(map.contents.count) }
        written += try write(map.contents, combinerSerializer: combinerSerializer, aggregator: aggregator)
        map.release()
        return written
    }

    /// Serialises combined records into their partitions' buffers; returns how many.
    private func write(_ combiners: CombineTable<K, C>, combinerSerializer: Serializer<C>,
                       aggregator: Aggregator<K, V, C>) throws -> Int {
        let records = combiners.batches(collect: aggregator.collectCombiners)
        while let batch = try records.nextBatch() {
            try aggregator.combiners.writer.write(batch, partitionOf, placeRecords, keySerializer, combinerSerializer, buffer)
        }
        return combiners.count
    }
}
