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
    /// `HashPartitioner`'s placement of runs of records (keys `stride` bytes apart) over a
    /// number of partitions, specialised for `K`; nil where `K` is not known to be `Hashable`.
    @usableFromInline let placeByHash: ((_ keys: UnsafeRawPointer, _ stride: Int, _ count: Int, _ partitions: UInt64,
                                         _ placed: UnsafeMutablePointer<Int>) -> Void)?

    /// The kernels, without `placeByHash`.
    @inlinable
    init() {
        self.init(placeByHash: nil)
    }

    @inlinable
    init(placeByHash: ((UnsafeRawPointer, Int, Int, UInt64, UnsafeMutablePointer<Int>) -> Void)?) {
        writer = ShuffleWriteKernel()
        decode = { try decodeRecords($0, keySerializer: $1, valueSerializer: $2) }
        self.placeByHash = placeByHash
    }
}

extension ShuffleRecordKernels where K: Hashable {
    /// The kernels, with `placeByHash`: the hash partitioner's own `keyMapper` runs unspecialised
    /// and is called through a reabstraction thunk per record.
    @inlinable
    init() {
        self.init { keys, stride, count, partitions, placed in
            for index in 0..<count {
                let key = (keys + index * stride).assumingMemoryBound(to: K.self)
                placed[index] = Int(truncatingIfNeeded: StableHash.hash(key.pointee) % partitions)
            }
        }
    }
}
