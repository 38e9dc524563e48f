/// Key/value operations on RDDs of pairs, as Spark's `PairRDDFunctions`. Operations that take a
/// partition count default to the parent's partitioner when it has one, else to
/// `defaultParallelism`. An RDD already partitioned by the target partitioner is aggregated or
/// joined without a shuffle.
extension RDD {
    /// Applies `transform` to every value, keeping keys and the partitioner.
    @inlinable
    public func mapValues<K, V, U>(_ transform: @escaping @Sendable (V) throws -> U, file: String = #fileID,
                                   line: Int = #line) -> RDD<(K, U)> where T == (K, V) {
        MapPartitionsRDD(parent: self, preservesPartitioning: true, isElementwise: true,
                         callSite: CallSite("mapValues", file: file, line: line)) { _, _, items in
            items.map { (key, value) in (key, try transform(value)) }
        }
    }

    /// Maps every value to a sequence and pairs each of its elements with the key.
    @inlinable
    public func flatMapValues<K, V, S: Sequence>(_ transform: @escaping @Sendable (V) throws -> S,
                                                 file: String = #fileID, line: Int = #line) -> RDD<(K, S.Element)>
        where T == (K, V) {
        MapPartitionsRDD(parent: self, preservesPartitioning: true, isElementwise: true,
                         callSite: CallSite("flatMapValues", file: file, line: line)) { _, _, items in
            items.flatMap { (key, value) in try transform(value).lazy.map { (key, $0) } }
        }
    }

    /// The keys.
    @inlinable
    public func keys<K, V>(file: String = #fileID, line: Int = #line) -> RDD<K> where T == (K, V) {
        MapPartitionsRDD(parent: self, isElementwise: true, callSite: CallSite("keys", file: file, line: line)) { _, _, items in
            items.map(\.0)
        }
    }

    /// The values.
    @inlinable
    public func values<K, V>(file: String = #fileID, line: Int = #line) -> RDD<V> where T == (K, V) {
        MapPartitionsRDD(parent: self, isElementwise: true, callSite: CallSite("values", file: file, line: line)) { _, _, items in
            items.map(\.1)
        }
    }

    /// The partitioner of a key operation, as Spark's `Partitioner.defaultPartitioner`: with an
    /// explicit count, a hash partitioner of that many partitions; otherwise the partitioner of
    /// the input with the most partitions when it has one, else a hash partitioner of
    /// `flint.default.parallelism` partitions if set, else of the largest input's partition count.
    @usableFromInline
    func defaultPartitioner(_ numPartitions: Int?, with others: [RDDBase] = []) -> Partitioner {
        if let numPartitions { return HashPartitioner(partitions: numPartitions) }
        let inputs = [self as RDDBase] + others
        if let existing = inputs.compactMap(\.partitioner).max(by: { $0.numPartitions < $1.numPartitions }) {
            return existing
        }
        let configured = context.conf.get(ConfigEntry.defaultParallelism.key) == nil ? nil : context.defaultParallelism
        return HashPartitioner(partitions: configured ?? inputs.map(\.numPartitions).max() ?? 1)
    }

    /// Combines the values of each key with an `Aggregator`, as Spark's `combineByKey`: with
    /// `mapSideCombine`, each map task combines before the shuffle. No shuffle when the RDD is
    /// already partitioned by `partitioner`.
    @inlinable
    public func combineByKey<K: Hashable, V, C>(
        createCombiner: @escaping @Sendable (V) -> C, mergeValue: @escaping @Sendable (C, V) -> C,
        mergeCombiners: @escaping @Sendable (C, C) -> C, partitioner: Partitioner, mapSideCombine: Bool = true,
        file: String = #fileID, line: Int = #line
    ) -> RDD<(K, C)> where T == (K, V) {
        combined(by: Aggregator(createCombiner: createCombiner, mergeValue: mergeValue, mergeCombiners: mergeCombiners),
                 partitioner: partitioner, mapSideCombine: mapSideCombine,
                 callSite: CallSite("combineByKey", file: file, line: line))
    }

    /// The engine behind every by-key aggregation; `callSite` names the user's operation.
    @usableFromInline
    func combined<K: Hashable, V, C>(by aggregator: Aggregator<K, V, C>, partitioner: Partitioner,
                                     mapSideCombine: Bool = true, callSite: CallSite) -> RDD<(K, C)> where T == (K, V) {
        if self.partitioner == partitioner {
            return MapPartitionsRDD(parent: self, preservesPartitioning: true, callSite: callSite) { context, _, items in
                let combiner = ExternalAggregator(context: context, keySerializer: try Serializer<K>.make(),
                                                  valueSerializer: try Serializer<C>.make(), aggregator: aggregator)
                try combiner.insertAll(values: items)
                return try combiner.result()
            }
        }
        return ShuffledRDD(parent: self, partitioner: partitioner, aggregator: aggregator,
                           mapSideCombine: mapSideCombine, callSite: callSite)
    }

    /// `combineByKey` over `numPartitions` hash partitions (or the existing partitioner).
    @inlinable
    public func combineByKey<K: Hashable, V, C>(
        createCombiner: @escaping @Sendable (V) -> C, mergeValue: @escaping @Sendable (C, V) -> C,
        mergeCombiners: @escaping @Sendable (C, C) -> C, numPartitions: Int? = nil,
        file: String = #fileID, line: Int = #line
    ) -> RDD<(K, C)> where T == (K, V) {
        combineByKey(createCombiner: createCombiner, mergeValue: mergeValue, mergeCombiners: mergeCombiners,
                     partitioner: defaultPartitioner(numPartitions), file: file, line: line)
    }

    /// Merges the values of each key with an associative, commutative function, combining on the
    /// map side first.
    @inlinable
    public func reduceByKey<K: Hashable, V>(_ function: @escaping @Sendable (V, V) -> V, numPartitions: Int? = nil,
                                            file: String = #fileID, line: Int = #line) -> RDD<(K, V)> where T == (K, V) {
        reduceByKey(partitioner: defaultPartitioner(numPartitions), function, file: file, line: line)
    }

    /// `reduceByKey` with an explicit partitioner.
    @inlinable
    public func reduceByKey<K: Hashable, V>(partitioner: Partitioner, _ function: @escaping @Sendable (V, V) -> V,
                                            file: String = #fileID, line: Int = #line) -> RDD<(K, V)> where T == (K, V) {
        combined(by: Aggregator(createCombiner: { $0 }, mergeValue: function, mergeCombiners: function),
                 partitioner: partitioner, callSite: CallSite("reduceByKey", file: file, line: line))
    }

    /// Folds the values of each key, starting from `zeroValue` (applied once per key per partition).
    @inlinable
    public func foldByKey<K: Hashable, V>(_ zeroValue: V, numPartitions: Int? = nil,
                                          _ function: @escaping @Sendable (V, V) -> V,
                                          file: String = #fileID, line: Int = #line) -> RDD<(K, V)> where T == (K, V) {
        nonisolated(unsafe) let zero = zeroValue
        return combined(by: Aggregator(createCombiner: { function(zero, $0) }, mergeValue: function, mergeCombiners: function),
                        partitioner: defaultPartitioner(numPartitions), callSite: CallSite("foldByKey", file: file, line: line))
    }

    /// Aggregates the values of each key: `seqOp` folds values into an accumulator starting at
    /// `zeroValue`, `combOp` merges accumulators.
    @inlinable
    public func aggregateByKey<K: Hashable, V, U>(_ zeroValue: U, numPartitions: Int? = nil,
                                                  seqOp: @escaping @Sendable (U, V) -> U,
                                                  combOp: @escaping @Sendable (U, U) -> U,
                                                  file: String = #fileID, line: Int = #line) -> RDD<(K, U)>
        where T == (K, V) {
        nonisolated(unsafe) let zero = zeroValue
        return combined(by: Aggregator(createCombiner: { seqOp(zero, $0) }, mergeValue: seqOp, mergeCombiners: combOp),
                        partitioner: defaultPartitioner(numPartitions),
                        callSite: CallSite("aggregateByKey", file: file, line: line))
    }

    /// Groups the values of each key into an array (no map-side combine, as in Spark). Prefer
    /// `reduceByKey` or `aggregateByKey` when the groups are only aggregated.
    @inlinable
    public func groupByKey<K: Hashable, V>(numPartitions: Int? = nil, file: String = #fileID,
                                           line: Int = #line) -> RDD<(K, [V])> where T == (K, V) {
        combined(by: Aggregator(createCombiner: { [$0] }, mergeValueInPlace: { $0.append($1) },
                                mergeCombinersInPlace: { $0.append(contentsOf: $1) }),
                 partitioner: defaultPartitioner(numPartitions), mapSideCombine: false,
                 callSite: CallSite("groupByKey", file: file, line: line))
    }

    /// Spreads the pairs over `partitioner`'s partitions (no-op if already partitioned so).
    @inlinable
    public func partitionBy<K: Hashable, V>(_ partitioner: Partitioner, file: String = #fileID,
                                            line: Int = #line) -> RDD<(K, V)> where T == (K, V) {
        if self.partitioner == partitioner { return self }
        return ShuffledRDD<K, V, V>(parent: self, partitioner: partitioner, aggregator: nil, mapSideCombine: false,
                                    records: ShuffleRecordKernels(), callSite: CallSite("partitionBy", file: file, line: line))
    }

    /// Sorts by key with a range partitioner built by sampling the keys (one sampling job), so
    /// that partition i holds smaller keys than partition i+1 (larger when descending).
    /// - Throws: what the sampling job throws.
    @inlinable
    public func sortByKey<K: Comparable & Hashable, V>(ascending: Bool = true, numPartitions: Int? = nil,
                                                       file: String = #fileID, line: Int = #line) throws -> RDD<(K, V)>
        where T == (K, V) {
        let pairs: RDD<(K, V)> = self
        // Sampled here, not in RangePartitioner's initialiser, so that the sampling loop is
        // specialised for K and V.
        let partitions = numPartitions ?? self.numPartitions
        let sketches = try RangePartitioner<K>.sketch(pairs, partitions: partitions,
                                                      callSite: CallSite("sortByKey", file: file, line: line))
        let partitioner = RangePartitioner<K>(partitions: partitions, sketches: sketches, ascending: ascending)
        return ShuffledRDD<K, V, V>(parent: pairs, partitioner: partitioner, aggregator: nil, mapSideCombine: false,
                                    keyOrdering: KeyOrdering(ascending: ascending),
                                    callSite: CallSite("sortByKey", file: file, line: line))
    }
}

extension RDD {
    /// Sorts the elements by the key `key` computes.
    /// - Throws: what the sampling job of the range partitioner throws.
    @inlinable
    public func sortBy<K: Comparable & Hashable>(_ key: @escaping @Sendable (T) throws -> K, ascending: Bool = true,
                                                 numPartitions: Int? = nil, file: String = #fileID,
                                                 line: Int = #line) throws -> RDD<T> {
        try keyBy(key, file: file, line: line).sortByKey(ascending: ascending, numPartitions: numPartitions,
                                                         file: file, line: line).values(file: file, line: line)
    }
}
