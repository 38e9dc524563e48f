import FlintCore

extension BatchIterator {
    /// The loop of map-side partial aggregation: folds the batches of `input` into an in-memory
    /// table with `add` (which returns the table's estimated bytes), and hands the table on with
    /// `emit` (which empties it) whenever the task's execution memory will not cover that
    /// estimate or `isFull` says so, and once at the end. Partial aggregation needs no disk: the
    /// reduce side merges every partial. Cost: one comparison per input batch, one
    /// memory-manager call per chunk of at least 4 MiB the table grows by.
    static func partiallyAggregating<Input>(_ input: BatchIterator<Input>, add: @escaping ([Input]) throws -> Int,
                                            isFull: @escaping () -> Bool = { false },
                                            emit: @escaping () -> [Element]) -> BatchIterator {
        var reservation = TaskContext.get().map(MemoryReservation.init(context:))
        var finished = false
        func handOn() -> [Element] {
            let partials = emit()
            reservation?.releaseAll()
            return partials
        }
        return BatchIterator {
            while !finished, let chunk = try input.nextBatch() {
                let estimatedBytes = try add(chunk)
                if reservation?.reserve(estimatedBytes) == false || isFull() { return handOn() }
            }
            guard !finished else { return nil }
            finished = true
            return handOn()
        }
    }
}
