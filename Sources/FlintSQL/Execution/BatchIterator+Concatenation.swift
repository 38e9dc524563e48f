import FlintCore

extension BatchIterator {
    /// The elements of `count` iterators one after the other, iterator i made by `part(i)` only
    /// once iterator i - 1 is exhausted (and released), so that at most one is open at a time:
    /// one spill bucket's file, one bucket's join or aggregation. Cost: one closure call per batch.
    static func concatenating(_ count: Int, _ part: @escaping (Int) throws -> BatchIterator) -> BatchIterator {
        var next = 0
        var current: BatchIterator?
        return BatchIterator {
            while true {
                if let iterator = current {
                    if let batch = try iterator.nextBatch() { return batch }
                    current = nil
                }
                guard next < count else { return nil }
                current = try part(next)
                next += 1
            }
        }
    }
}
