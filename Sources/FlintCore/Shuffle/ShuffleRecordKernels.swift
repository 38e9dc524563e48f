/// The loops that write a shuffle's (K, V) records on the map side and decode them on the reduce
/// side: formed in an `@inlinable` operation or initialiser (`partitionBy`, `repartition`,
/// `CoGroupKernels`, `Aggregator`, `KeyOrdering`), so that they run specialised for the key and
/// value types.
@usableFromInline
struct ShuffleRecordKernels<K, V> {
    /// Serialises a batch of records into a map task's partition buffers.
    @usableFromInline let writer: ShuffleWriteKernel<K, V>
    /// Decodes one frame of serialized records.
    @usableFromInline let decode: ([UInt8], Serializer<K>, Serializer<V>) throws -> [(K, V)]

    @inlinable
    init() {
        writer = ShuffleWriteKernel()
        decode = { try decodeRecords($0, keySerializer: $1, valueSerializer: $2) }
    }
}
