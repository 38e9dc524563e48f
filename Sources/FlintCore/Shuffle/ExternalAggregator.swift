/// Aggregates a reduce partition by key within the task's memory budget, as Spark's
/// `ExternalAppendOnlyMap`: combiners live in a `CombineTable`; when memory runs out it is sorted
/// by key hash and spilled as a run; at the end the runs and the map are merged by hash, and
/// equal keys are combined with `mergeCombiners`.
final class ExternalAggregator<K: Hashable, V, C> {
    private let context: TaskContext
    private let keySerializer: Serializer<K>
    private let valueSerializer: Serializer<C>
    private let aggregator: Aggregator<K, V, C>
    private var runs: [SpillRun<K, C>] = []
    private var map: SpillableMap<K, C>!

    init(context: TaskContext, keySerializer: Serializer<K>, valueSerializer: Serializer<C>,
         aggregator: Aggregator<K, V, C>) {
        self.context = context
        self.keySerializer = keySerializer
        self.valueSerializer = valueSerializer
        self.aggregator = aggregator
        map = SpillableMap(context: context, keySerializer: keySerializer, valueSerializer: valueSerializer) {
            [unowned self] contents in try self.spill(contents)
        }
    }

    /// Folds in raw values.
    func insertAll(values records: BatchIterator<(K, V)>) throws {
        while let batch = try records.nextBatch() { try map.insert(batch, using: aggregator.insertValues) }
    }

    /// Folds in partial combiners.
    func insertAll(combiners records: BatchIterator<(K, C)>) throws {
        while let batch = try records.nextBatch() { try map.insert(batch, using: aggregator.insertCombiners) }
    }

    private func spill(_ contents: CombineTable<K, C>) throws {
        let (run, bytes) = try SpillRun.write(contents.sortedByHash(), manager: context.env.shuffleManager,
                                             keySerializer: keySerializer, valueSerializer: valueSerializer)
        context.metrics.diskBytesSpilled += bytes
        context.addTaskCompletionListener { try? FileManager.default.removeItem(at: run.file) }
        runs.append(run)
    }

    /// The aggregated records; consumes the aggregator.
    func result() throws -> BatchIterator<(K, C)> {
        let contents = map.contents
        map.release()
        if runs.isEmpty {
            return contents.batches(collect: aggregator.collectCombiners)
        }
        let inMemory = contents.sortedByHash()
        var streams = try runs.map { try $0.open(keySerializer: keySerializer, valueSerializer: valueSerializer) }
        streams.append(RecordStream(batches: BatchIterator(inMemory)))
        return mergeByHash(streams)
    }

    private func mergeByHash(_ streams: [RecordStream<K, C>]) -> BatchIterator<(K, C)> {
        let mergeCombiners = aggregator.mergeCombiners
        return BatchIterator {
            var output: [(K, C)] = []
            var bucket: [(K, C)] = []
            while output.count < BatchIterator<(K, C)>.defaultBatchSize {
                var minimum: UInt64?
                for stream in streams {
                    if let head = try stream.peek() {
                        let hash = CombineTable<K, C>.hash(head.0)
                        if minimum == nil || hash < minimum! { minimum = hash }
                    }
                }
                guard let hash = minimum else { break }
                bucket.removeAll(keepingCapacity: true)
                for stream in streams {
                    while let head = try stream.peek(), CombineTable<K, C>.hash(head.0) == hash {
                        stream.advance()
                        if let index = bucket.firstIndex(where: { $0.0 == head.0 }) {
                            mergeCombiners(&bucket[index].1, head.1)
                        } else {
                            bucket.append(head)
                        }
                    }
                }
                output.append(contentsOf: bucket)
            }
            return output.isEmpty ? nil : output
        }
    }
}

import Foundation
