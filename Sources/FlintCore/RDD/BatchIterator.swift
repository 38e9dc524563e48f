/// A pull-based stream of a partition's elements, delivered in batches.
///
/// Narrow transformations are pipelined batch by batch: `map` over a `BatchIterator` maps each
/// batch as it is pulled, so a chain of narrow steps never materialises a whole partition.
/// A batch holds up to `defaultBatchSize` elements (fewer at the end; never empty).
/// Pulling one batch costs one closure call plus the work of the steps it passes through.
public struct BatchIterator<Element> {
    /// The number of elements a source puts in one batch.
    public static var defaultBatchSize: Int { 4096 }

    @usableFromInline let pull: () throws -> [Element]?

    /// Creates an iterator from a function that returns the next batch, or nil at the end.
    /// The function may return empty batches; they are skipped.
    @inlinable
    public init(_ next: @escaping () throws -> [Element]?) {
        pull = next
    }

    /// An iterator over `elements`, cut into batches of `batchSize`.
    public init(_ elements: [Element], batchSize: Int = BatchIterator.defaultBatchSize) {
        var start = 0
        let count = elements.count
        if count <= batchSize {
            var done = count == 0
            pull = {
                if done { return nil }
                done = true
                return elements
            }
            return
        }
        pull = {
            guard start < count else { return nil }
            let end = Swift.min(start + batchSize, count)
            defer { start = end }
            return Array(elements[start..<end])
        }
    }

    /// An iterator with no elements.
    public static var empty: BatchIterator<Element> { BatchIterator { nil } }

    /// Returns the next non-empty batch, or nil when the partition is exhausted.
    @inlinable
    public func nextBatch() throws -> [Element]? {
        while let batch = try pull() {
            if !batch.isEmpty { return batch }
        }
        return nil
    }

    /// Applies `transform` to every element, lazily, batch by batch.
    @inlinable
    public func map<U>(_ transform: @escaping (Element) throws -> U) -> BatchIterator<U> {
        BatchIterator<U> { try self.nextBatch()?.map(transform) }
    }

    /// Applies `transform` to whole batches, lazily.
    @inlinable
    public func mapBatches<U>(_ transform: @escaping ([Element]) throws -> [U]) -> BatchIterator<U> {
        BatchIterator<U> { try self.nextBatch().map(transform) }
    }

    /// Keeps the elements for which `isIncluded` is true, lazily. Each batch is filtered in
    /// place (`removeAll(where:)`, order kept) when no one else holds it: the kept elements are
    /// moved, not copied and released (for a batch of heap strings, two atomic reference-count
    /// operations per element saved), and no second array is allocated.
    @inlinable
    public func filter(_ isIncluded: @escaping (Element) throws -> Bool) -> BatchIterator<Element> {
        BatchIterator {
            guard var batch = try self.nextBatch() else { return nil }
            try batch.removeAll { try !isIncluded($0) }
            return batch
        }
    }

    /// Maps each element to a sequence and flattens the result, lazily, in batches of about
    /// `defaultBatchSize` output elements.
    @inlinable
    public func flatMap<S: Sequence>(_ transform: @escaping (Element) throws -> S) -> BatchIterator<S.Element> {
        emitting { element, output in output.append(contentsOf: try transform(element)) }
    }

    /// `flatMap(expand)` followed by `map(transform)`, lazily, without a batch between the
    /// steps (`FlatMappedRDD.map` runs so).
    @inlinable
    public func expanding<S: Sequence, U>(_ expand: @escaping (Element) throws -> S,
                                          mappingEach transform: @escaping (S.Element) throws -> U) -> BatchIterator<U> {
        emitting { element, output in
            for item in try expand(element) { output.append(try transform(item)) }
        }
    }

    /// `flatMap(expand)` followed by `filter(isIncluded)`, lazily, without a batch between the
    /// steps (`FlatMappedRDD.filter` runs so).
    @inlinable
    public func expanding<S: Sequence>(_ expand: @escaping (Element) throws -> S,
                                       filteringEach isIncluded: @escaping (S.Element) throws -> Bool) -> BatchIterator<S.Element> {
        emitting { element, output in
            for item in try expand(element) where try isIncluded(item) { output.append(item) }
        }
    }

    /// `filter(isIncluded)` followed by `map(transform)`, lazily, without moving the kept
    /// elements first (`FilteredRDD.map` runs so).
    @inlinable
    public func filtering<U>(_ isIncluded: @escaping (Element) throws -> Bool,
                             mappingEach transform: @escaping (Element) throws -> U) -> BatchIterator<U> {
        mapBatches { batch in
            var output: [U] = []
            output.reserveCapacity(batch.count)
            for element in batch where try isIncluded(element) { output.append(try transform(element)) }
            return output
        }
    }

    /// The outputs `emit` appends for each element, lazily, in batches of about
    /// `defaultBatchSize` (a batch ends after the element that fills it).
    @inlinable
    func emitting<U>(_ emit: @escaping (Element, inout [U]) throws -> Void) -> BatchIterator<U> {
        var pending: [Element] = []
        var index = 0
        return BatchIterator<U> {
            var output: [U] = []
            output.reserveCapacity(BatchIterator<U>.defaultBatchSize)
            while output.count < BatchIterator<U>.defaultBatchSize {
                if index == pending.count {
                    guard let next = try self.nextBatch() else { break }
                    pending = next
                    index = 0
                }
                try emit(pending[index], &output)
                index += 1
            }
            return output.isEmpty ? nil : output
        }
    }

    /// Calls `body` on every element, pulling batch by batch.
    @inlinable
    public func forEach(_ body: (Element) throws -> Void) throws {
        while let batch = try nextBatch() {
            for element in batch { try body(element) }
        }
    }

    /// Calls `body` on every batch.
    @inlinable
    public func forEachBatch(_ body: ([Element]) throws -> Void) throws {
        while let batch = try nextBatch() { try body(batch) }
    }

    /// Pulls everything into one array. Costs memory for the whole partition.
    @inlinable
    public func collectAll() throws -> [Element] {
        guard var all = try nextBatch() else { return [] }
        while let batch = try nextBatch() { all.append(contentsOf: batch) }
        return all
    }

    /// Counts the elements, discarding them.
    @inlinable
    public func count() throws -> Int {
        var total = 0
        while let batch = try nextBatch() { total += batch.count }
        return total
    }
}
