/// Narrow and wide transformations on any RDD, as in Spark's RDD API. Each returns a new RDD and
/// runs nothing until an action. Closures run on executor threads, concurrently.
extension RDD {
    /// Applies `transform` to every element. (On the result of `flatMap` or `filter`,
    /// `FlatMappedRDD.map` or `FilteredRDD.map` is chosen instead; they fuse the steps.)
    @inlinable @_disfavoredOverload
    public func map<U>(_ transform: @escaping @Sendable (T) throws -> U, file: String = #fileID,
                       line: Int = #line) -> RDD<U> {
        MapPartitionsRDD(parent: self, isElementwise: true, callSite: CallSite("map", file: file, line: line)) { _, _, items in
            items.map(transform)
        }
    }

    /// Maps every element to a sequence and flattens the results. `map` and `filter` on the
    /// result fuse with it (see `FusibleRDD`).
    @inlinable
    public func flatMap<S: Sequence>(_ transform: @escaping @Sendable (T) throws -> S, file: String = #fileID,
                                     line: Int = #line) -> FlatMappedRDD<T, S> {
        FlatMappedRDD(parent: self, callSite: CallSite("flatMap", file: file, line: line), expand: transform) { items in
            items.flatMap(transform)
        }
    }

    /// Keeps the elements for which `isIncluded` returns true. A `map` on the result fuses with
    /// it (see `FusibleRDD`). (On the result of `flatMap`, `FlatMappedRDD.filter` is chosen
    /// instead; it fuses the steps.)
    @inlinable @_disfavoredOverload
    public func filter(_ isIncluded: @escaping @Sendable (T) throws -> Bool, file: String = #fileID,
                       line: Int = #line) -> FilteredRDD<T> {
        FilteredRDD(parent: self, callSite: CallSite("filter", file: file, line: line), isIncluded: isIncluded) { items in
            items.filter(isIncluded)
        }
    }

    /// Transforms each partition's stream of elements as a whole.
    @inlinable
    public func mapPartitions<U>(preservesPartitioning: Bool = false, file: String = #fileID, line: Int = #line,
                                 _ transform: @escaping @Sendable (BatchIterator<T>) throws -> BatchIterator<U>) -> RDD<U> {
        MapPartitionsRDD(parent: self, preservesPartitioning: preservesPartitioning,
                         callSite: CallSite("mapPartitions", file: file, line: line)) { _, _, items in
            try transform(items)
        }
    }

    /// Transforms each partition's stream, also given the partition index.
    @inlinable
    public func mapPartitionsWithIndex<U>(preservesPartitioning: Bool = false, file: String = #fileID,
                                          line: Int = #line,
                                          _ transform: @escaping @Sendable (Int, BatchIterator<T>) throws -> BatchIterator<U>) -> RDD<U> {
        MapPartitionsRDD(parent: self, preservesPartitioning: preservesPartitioning,
                         callSite: CallSite("mapPartitionsWithIndex", file: file, line: line)) { _, index, items in
            try transform(index, items)
        }
    }

    /// One array per partition holding its elements.
    @inlinable
    public func glom(file: String = #fileID, line: Int = #line) -> RDD<[T]> {
        MapPartitionsRDD(parent: self, callSite: CallSite("glom", file: file, line: line)) { _, _, items in
            BatchIterator([try items.collectAll()], batchSize: 1)
        }
    }

    /// Pairs every element with the key `key` computes.
    @inlinable
    public func keyBy<K>(_ key: @escaping @Sendable (T) throws -> K, file: String = #fileID,
                         line: Int = #line) -> RDD<(K, T)> {
        MapPartitionsRDD(parent: self, isElementwise: true, callSite: CallSite("keyBy", file: file, line: line)) { _, _, items in
            items.map { (try key($0), $0) }
        }
    }

    /// A sample of the elements: each element is kept with probability `fraction` (without
    /// replacement), or appears a Poisson(`fraction`) number of times (with replacement).
    /// Equal seeds give equal samples.
    /// - Precondition: `fraction >= 0`, and `fraction <= 1` without replacement.
    @inlinable
    public func sample(withReplacement: Bool, fraction: Double, seed: UInt64 = UInt64.random(in: 0...UInt64.max),
                       file: String = #fileID, line: Int = #line) -> RDD<T> {
        precondition(fraction >= 0 && (withReplacement || fraction <= 1),
                     "sample fraction must be in [0, 1] without replacement and >= 0 with replacement, got \(fraction)")
        return MapPartitionsRDD(parent: self, preservesPartitioning: true,
                                callSite: CallSite("sample", file: file, line: line)) { _, index, items in
            var random = SeededRandom(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
            if withReplacement {
                return items.mapBatches { batch in
                    var kept: [T] = []
                    for element in batch {
                        for _ in 0..<random.nextPoisson(mean: fraction) { kept.append(element) }
                    }
                    return kept
                }
            }
            return items.mapBatches { batch in batch.filter { _ in random.nextDouble() < fraction } }
        }
    }

    /// Splits the elements randomly into RDDs of the given relative weights (normalised to sum
    /// to 1). Each element lands in exactly one split; equal seeds give equal splits.
    /// - Precondition: weights are non-negative with a positive sum.
    @inlinable
    public func randomSplit(_ weights: [Double], seed: UInt64 = UInt64.random(in: 0...UInt64.max),
                            file: String = #fileID, line: Int = #line) -> [RDD<T>] {
        precondition(weights.allSatisfy { $0 >= 0 } && weights.reduce(0, +) > 0,
                     "randomSplit weights must be non-negative with a positive sum, got \(weights)")
        let total = weights.reduce(0, +)
        var bounds = [0.0]
        for weight in weights { bounds.append(bounds.last! + weight / total) }
        return (0..<weights.count).map { split in
            let lower = bounds[split], upper = split == weights.count - 1 ? 1.0 : bounds[split + 1]
            return MapPartitionsRDD(parent: self, preservesPartitioning: true,
                                    callSite: CallSite("randomSplit", file: file, line: line)) { _, index, items in
                var random = SeededRandom(seed: seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
                return items.mapBatches { batch in
                    batch.filter { _ in
                        let u = random.nextDouble()
                        return u >= lower && u < upper
                    }
                }
            }
        }
    }

    /// The elements of this RDD followed by those of `other` (no shuffle).
    public func union(_ other: RDD<T>, file: String = #fileID, line: Int = #line) -> RDD<T> {
        UnionRDD(context: context, parents: [self, other], callSite: CallSite("union", file: file, line: line))
    }

    /// Every pair `(a, b)` with `a` from this RDD and `b` from `other`.
    public func cartesian<U>(_ other: RDD<U>, file: String = #fileID, line: Int = #line) -> RDD<(T, U)> {
        CartesianRDD(first: self, second: other, callSite: CallSite("cartesian", file: file, line: line))
    }

    /// Pairs the i-th element of each partition with the i-th element of the same partition of
    /// `other`.
    /// - Throws: `FlintError.invalidArgument` when the partition counts differ (the element
    ///   counts per partition are checked when the job runs).
    public func zip<U>(_ other: RDD<U>, file: String = #fileID, line: Int = #line) throws -> RDD<(T, U)> {
        let (first, second) = (description, other.description)
        return try zipped(other, callSite: CallSite("zip", file: file, line: line)) { partition, lefts, rights in
            let left = try lefts.collectAll()
            let right = try rights.collectAll()
            guard left.count == right.count else {
                throw FlintError.invalidArgument(
                    "Can only zip RDDs with same number of elements in each partition: partition \(partition) has "
                        + "\(left.count) elements in \(first) and \(right.count) in \(second)")
            }
            return BatchIterator(Array(Swift.zip(left, right)))
        }
    }

    /// Computes each partition with `transform` from the streams of the same partition of this
    /// RDD and `other`, without a shuffle (Spark's `zipPartitions`). Neither stream is read
    /// until `transform` pulls it, so two inputs shuffled into the same number of partitions
    /// are combined side by side, holding only what `transform` keeps.
    /// - Throws: `FlintError.invalidArgument` when the partition counts differ.
    public func zipPartitions<U, V>(
        _ other: RDD<U>, file: String = #fileID, line: Int = #line,
        _ transform: @escaping @Sendable (BatchIterator<T>, BatchIterator<U>) throws -> BatchIterator<V>
    ) throws -> RDD<V> {
        try zipped(other, callSite: CallSite("zipPartitions", file: file, line: line)) { _, lefts, rights in
            try transform(lefts, rights)
        }
    }

    /// The `ZippedPartitionsRDD` behind `zip` and `zipPartitions`, once the partition counts agree.
    private func zipped<U, V>(_ other: RDD<U>, callSite: CallSite,
                              transform: @escaping (Int, BatchIterator<T>, BatchIterator<U>) throws -> BatchIterator<V>)
        throws -> RDD<V> {
        guard numPartitions == other.numPartitions else {
            throw FlintError.invalidArgument(
                "Can't zip RDDs with unequal numbers of partitions: \(numPartitions) and \(other.numPartitions)")
        }
        return ZippedPartitionsRDD(first: self, second: other, callSite: callSite, transform: transform)
    }

    /// Pairs each element with its index (0, 1, ... in partition order). Runs a job to count the
    /// elements of all partitions but the last, as Spark does.
    @inlinable
    public func zipWithIndex(file: String = #fileID, line: Int = #line) throws -> RDD<(T, Int)> {
        let callSite = CallSite("zipWithIndex", file: file, line: line)
        var offsets = [0]
        if numPartitions > 1 {
            let counts = try context.runJob(self, partitions: Array(0..<numPartitions - 1), callSite: callSite) { _, items in
                try items.count()
            }
            for count in counts { offsets.append(offsets.last! + count) }
        }
        return MapPartitionsRDD(parent: self, callSite: callSite) { _, index, items in
            var next = offsets[index]
            return items.map { element in
                defer { next += 1 }
                return (element, next)
            }
        }
    }

    /// Pairs each element with a unique id: the k-th element of partition p gets k·n + p for n
    /// partitions (no job needed; ids are not consecutive).
    @inlinable
    public func zipWithUniqueId(file: String = #fileID, line: Int = #line) -> RDD<(T, Int)> {
        let n = numPartitions
        return MapPartitionsRDD(parent: self, callSite: CallSite("zipWithUniqueId", file: file, line: line)) { _, index, items in
            var k = 0
            return items.map { element in
                defer { k += 1 }
                return (element, k * n + index)
            }
        }
    }

    /// Reduces the number of partitions to `partitions` by merging neighbours (no shuffle), or
    /// with `shuffle: true` redistributes the elements evenly over any number of partitions.
    @inlinable
    public func coalesce(_ partitions: Int, shuffle: Bool = false, file: String = #fileID,
                         line: Int = #line) -> RDD<T> {
        precondition(partitions > 0, "coalesce needs at least one partition, got \(partitions)")
        if shuffle { return repartition(partitions, file: file, line: line) }
        return CoalescedRDD(parent: self, partitions: partitions, callSite: CallSite("coalesce", file: file, line: line))
    }

    /// Redistributes the elements evenly over `partitions` partitions with a shuffle: each
    /// partition deals its elements round-robin from a random start, as Spark does.
    @inlinable
    public func repartition(_ partitions: Int, file: String = #fileID, line: Int = #line) -> RDD<T> {
        precondition(partitions > 0, "repartition needs at least one partition, got \(partitions)")
        let callSite = CallSite("repartition", file: file, line: line)
        let keyed: RDD<(Int, T)> = MapPartitionsRDD(parent: self, callSite: callSite) { _, index, items in
            var random = SeededRandom(seed: UInt64(index))
            var position = Int(random.next() % UInt64(partitions))
            return items.map { element in
                position += 1
                return (position % partitions, element)
            }
        }
        let shuffled = ShuffledRDD<Int, T, T>(parent: keyed, partitioner: RoundRobinPartitioner(partitions: partitions),
                                              aggregator: nil, mapSideCombine: false, records: ShuffleRecordKernels(),
                                              callSite: callSite)
        return MapPartitionsRDD(parent: shuffled, callSite: callSite) { _, _, items in items.map(\.1) }
    }
}
