/// A hash map of combiners that keeps an estimate of its memory, reserves execution memory as it
/// grows, and hands its contents to a spill handler (then empties itself) when the task's memory
/// budget would be exceeded.
///
/// Size estimate: entries × (inline size of key and combiner, doubled for the table's load factor
/// and metadata) + sampled heap bytes (`SizeSampler`). Checked once per input batch, not per record.
final class SpillableMap<K: Hashable, C> {
    private(set) var contents = CombineTable<K, C>()
    private var reservation: MemoryReservation
    private var sizes: SizeSampler<K, C>
    private let spillHandler: (CombineTable<K, C>) throws -> Void
    private let context: TaskContext
    private var lastKey: K?

    /// A map whose first table has room for `expectedKeys` keys when the task's memory grants
    /// their estimated size (else it starts small and grows).
    init(context: TaskContext, keySerializer: Serializer<K>, valueSerializer: Serializer<C>, expectedKeys: Int = 0,
         spillHandler: @escaping (CombineTable<K, C>) throws -> Void) {
        self.context = context
        reservation = MemoryReservation(memory: context.memoryConsumerGroup)
        sizes = SizeSampler(keySerializer: keySerializer, valueSerializer: valueSerializer)
        self.spillHandler = spillHandler
        if expectedKeys > 0 {
            if reservation.reserve(sizes.estimate(records: expectedKeys, overheadFactor: 2)) {
                contents = CombineTable(minimumCapacity: expectedKeys)
            } else {
                reservation.releaseAll()
            }
        }
    }

    /// Folds a batch of records into the map with `kernel` (one of an `Aggregator`'s batch
    /// kernels), then checks the memory budget.
    func insert<R>(_ batch: [(K, R)], using kernel: (CombineTable<K, C>, [(K, R)]) -> Void) throws {
        guard let last = batch.last else { return }
        kernel(contents, batch)
        lastKey = last.0
        try checkMemory()
    }

    /// The estimated bytes held.
    var estimatedSize: Int { sizes.estimate(records: contents.count, overheadFactor: 2) }

    /// Samples an entry, then spills if the estimate exceeds what the memory manager grants.
    private func checkMemory() throws {
        if let key = lastKey, let value = contents[key] { try sizes.sample(key, value) }
        let size = estimatedSize
        if !reservation.reserve(size) {
            context.metrics.memoryBytesSpilled += size
            try spillHandler(contents)
            contents = CombineTable()
            lastKey = nil
            reservation.releaseAll()
        }
    }

    /// Returns the memory reservation (after the contents were consumed).
    func release() {
        contents = CombineTable()
        reservation.releaseAll()
    }
}
