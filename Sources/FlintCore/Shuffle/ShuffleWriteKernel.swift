/// The loop that serialises a batch of records into a map task's partition buffers, formed where
/// the key and value types are known (part of `ShuffleRecordKernels`), so that it runs
/// specialised: from the shuffle writer's generic code, every record's partitioning and
/// serialisation went through generic calls.
/// Cost per record: one partitioner call (or a share of one per batch, with a `RecordPlacer`),
/// two serializer calls, one buffer-size check.
@usableFromInline
struct ShuffleWriteKernel<K, X> {
    /// Appends every record of the batch to the buffer of its key's partition.
    @usableFromInline
    let write: (_ batch: [(K, X)], _ partitionOf: (K) -> Int, _ placeRecords: Partitioner.RecordPlacer?,
                _ keys: Serializer<K>, _ values: Serializer<X>, _ buffer: PartitionedFrameBuffer) throws -> Void

    @inlinable
    init() {
        write = { batch, partitionOf, placeRecords, keys, values, buffer in
            // Fields are read in place through pointers: `batch[index].0` copied the record
            // (a retain and a release of its strings) at each use.
            let valueOffset = MemoryLayout<(K, X)>.offset(of: \(K, X).1)!
            try batch.withUnsafeBufferPointer { records in
                guard let base = records.baseAddress else { return }
                var placed: UnsafeMutablePointer<Int>?
                if let placeRecords {
                    placed = .allocate(capacity: records.count)
                    placeRecords(UnsafeRawPointer(base), MemoryLayout<(K, X)>.stride, records.count, placed!)
                }
                defer { placed?.deallocate() }
                for index in records.indices {
                    let record = UnsafeRawPointer(base + index)
                    let key = record.assumingMemoryBound(to: K.self)
                    let partition = placed?[index] ?? partitionOf(key.pointee)
                    try keys.write(key.pointee, into: &buffer.buffers[partition])
                    try values.write((record + valueOffset).assumingMemoryBound(to: X.self).pointee,
                                     into: &buffer.buffers[partition])
                    try buffer.didAppend(to: partition)
                }
            }
        }
    }
}
