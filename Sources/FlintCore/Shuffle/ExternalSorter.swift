import Foundation

/// Sorts a reduce partition by key within the task's memory budget: records are buffered; when
/// memory runs out the buffer is sorted and spilled as a run; at the end the runs and the sorted
/// buffer are merged (k-way, by the key ordering). Sorting is stable within a run.
final class ExternalSorter<K, C> {
    private let context: TaskContext
    private let keySerializer: Serializer<K>
    private let valueSerializer: Serializer<C>
    private let ordering: KeyOrdering<K, C>
    private var buffer = RecordBuffer<(K, C)>()
    private var runs: [SpillRun<K, C>] = []
    private var sizes: SizeSampler<K, C>
    private var reservation: MemoryReservation

    init(context: TaskContext, keySerializer: Serializer<K>, valueSerializer: Serializer<C>,
         ordering: KeyOrdering<K, C>) {
        self.context = context
        self.keySerializer = keySerializer
        self.valueSerializer = valueSerializer
        self.ordering = ordering
        sizes = SizeSampler(keySerializer: keySerializer, valueSerializer: valueSerializer)
        reservation = MemoryReservation(memory: context.memoryConsumerGroup)
    }

    /// Buffers every record, spilling sorted runs when memory runs out.
    func insertAll(_ records: BatchIterator<(K, C)>) throws {
        while let batch = try records.nextBatch() {
            buffer.append(contentsOf: batch)
            try sizes.sample(batch[batch.count - 1].0, batch[batch.count - 1].1)
            let estimate = sizes.estimate(records: buffer.count, overheadFactor: 2)
            if !reservation.reserve(estimate) {
                context.metrics.memoryBytesSpilled += estimate
                try spill()
            }
        }
    }

    private func sortBuffer() {
        ordering.sortRecords(buffer.records)
    }

    private func spill() throws {
        sortBuffer()
        let (run, bytes) = try SpillRun.write(buffer.records, manager: context.env.shuffleManager,
                                              keySerializer: keySerializer, valueSerializer: valueSerializer)
        context.metrics.diskBytesSpilled += bytes
        context.addTaskCompletionListener { try? FileManager.default.removeItem(at: run.file) }
        runs.append(run)
        buffer.removeAll()
        reservation.releaseAll()
    }

    /// The records in key order; consumes the sorter.
    func result() throws -> BatchIterator<(K, C)> {
        sortBuffer()
        let sorted = buffer
        buffer = RecordBuffer(capacity: 16)
        reservation.releaseAll()
        // Batches are moved out of the sorted buffer, not copied.
        let inMemory = BatchIterator { sorted.moveOut(limit: BatchIterator<(K, C)>.defaultBatchSize) }
        if runs.isEmpty { return inMemory }
        var streams = try runs.map { try $0.open(keySerializer: keySerializer, valueSerializer: valueSerializer) }
        streams.append(RecordStream(batches: inMemory))
        let less = ordering.areInIncreasingOrder
        return BatchIterator {
            var output: [(K, C)] = []
            output.reserveCapacity(BatchIterator<(K, C)>.defaultBatchSize)
            while output.count < BatchIterator<(K, C)>.defaultBatchSize {
                var best: (stream: RecordStream<K, C>, record: (K, C))?
                for stream in streams {
                    guard let head = try stream.peek() else { continue }
                    if best == nil || less(head.0, best!.record.0) { best = (stream, head) }
                }
                guard let (stream, record) = best else { break }
                stream.advance()
                output.append(record)
            }
            return output.isEmpty ? nil : output
        }
    }
}
