/// The loop that serialises a batch of records into a map task's partition buffers, formed where
/// the key and value types are known (part of `ShuffleRecordKernels`), so that it runs
/// specialised: from the shuffle writer's generic code, every record's partitioning and
/// serialisation went through generic calls.
/// Cost per record: one partitioner call, two serializer calls, one buffer-size check.
@usableFromInline
struct ShuffleWriteKernel<K, X> {
    /// Appends every record of the batch to the buffer of its key's partition.
    @usableFromInline
    let write: (_ batch: [(K, X)], _ partitionOf: (K) -> Int, _ keys: Serializer<K>, _ values: Serializer<X>,
                _ buffer: PartitionedFrameBuffer) throws -> Void

    @inlinable
    init() {
        write = { batch, partitionOf, keys, values, buffer in
            for index in batch.indices {
                let partition = partitionOf(batch[index].0)
                try keys.write(batch[index].0, into: &buffer.buffers[partition])
                try values.write(batch[index].1, into: &buffer.buffers[partition])
                try buffer.didAppend(to: partition)
            }
        }
    }
}
