/// Sorts a reduce partition by key while its records are still serialized, when they fit in
/// the task's memory (Spark's serialized sort, in spirit): the fetched frames are kept as bytes,
/// each record's key is decoded and its value skipped, the (key, record) pairs are sorted, and
/// values are decoded in key order, one output batch at a time.
///
/// Against sorting decoded records (`ExternalSorter`), the values are built in output order and
/// freed by the consumer batch by batch while still in cache (a sorted partition of strings
/// otherwise frees them in an order unrelated to their addresses: a cache miss each), only
/// 16-byte pairs move during the sort, and the memory held is the serialized size, known
/// exactly. When the task's memory will not hold the bytes, the records read so far and the
/// rest go to `ExternalSorter`, which spills. Cost: one key decode and one value skip per record
/// to index, the sort, one value decode per record to output.
final class SerializedRecordSorter<K, C> {
    private let context: TaskContext
    private let keySerializer: Serializer<K>
    private let valueSerializer: Serializer<C>
    private let ordering: KeyOrdering<K, C>

    /// Bytes of index kept per record: its (key, reference) pair, twice during the sort.
    private static var indexBytesPerRecord: Int { 2 * MemoryLayout<(K, Int)>.stride }

    init(context: TaskContext, keySerializer: Serializer<K>, valueSerializer: Serializer<C>,
         ordering: KeyOrdering<K, C>) {
        self.context = context
        self.keySerializer = keySerializer
        self.valueSerializer = valueSerializer
        self.ordering = ordering
    }

    /// The records of `payloads` (frames of serialized records) in key order.
    func sorted(_ payloads: BatchIterator<[UInt8]>) throws -> BatchIterator<(K, C)> {
        var reservation = MemoryReservation(context: context)
        var frames: [[UInt8]] = []
        // (key, frame number << 32 | offset of the value in the frame)
        var index: [(K, Int)] = []
        var heldBytes = 0
        while let batch = try payloads.nextBatch() {
            for frame in batch {
                precondition(frames.count < 1 << 31 && frame.count < 1 << 32, "frame reference out of range")
                try ordering.serializedKernels.index(frame, frames.count, keySerializer, valueSerializer, &index)
                frames.append(frame)
                heldBytes += frame.count
                if !reservation.reserve(heldBytes + index.count * Self.indexBytesPerRecord) {
                    reservation.releaseAll()
                    return try spilling(frames, rest: payloads)
                }
            }
        }
        context.metrics.shuffleRecordsRead += index.count
        index.withUnsafeMutableBufferPointer { ordering.sortKeyed($0) }
        return output(index, frames: frames, reservation: reservation)
    }

    /// Decodes the sorted records batch by batch; the memory is given back at the end.
    private func output(_ index: [(K, Int)], frames: [[UInt8]], reservation: MemoryReservation) -> BatchIterator<(K, C)> {
        var reservation = reservation
        var next = 0
        let valueSerializer = self.valueSerializer
        let decode = ordering.serializedKernels.decode
        // Frame addresses, for prefetching only: the readers keep the frames and never mutate
        // them, so they stay valid (and a prefetch of a bad address is ignored, never a fault).
        let bases = frames.map { $0.withUnsafeBytes { UnsafeRawPointer($0.baseAddress) } }
        var readers = frames.map { ByteReader($0) }
        return BatchIterator {
            guard next < index.count else {
                reservation.releaseAll()
                return nil
            }
            let end = Swift.min(next + BatchIterator<(K, C)>.defaultBatchSize, index.count)
            defer { next = end }
            return try decode(index, next..<end, &readers, bases, valueSerializer)
        }
    }

    /// The records of `frames` and of the rest of `payloads`, sorted by `ExternalSorter`.
    private func spilling(_ frames: [[UInt8]], rest payloads: BatchIterator<[UInt8]>) throws -> BatchIterator<(K, C)> {
        var held: [[UInt8]]? = frames
        let all = BatchIterator<[UInt8]> {
            defer { held = nil }
            return try held ?? payloads.nextBatch()
        }
        let sorter = ExternalSorter(context: context, keySerializer: keySerializer, valueSerializer: valueSerializer,
                                    ordering: ordering)
        try sorter.insertAll(ShuffleBlockFetcher.decoding(all, keySerializer: keySerializer, valueSerializer: valueSerializer,
                                                          context: context, decode: ordering.records.decode))
        return try sorter.result()
    }
}
