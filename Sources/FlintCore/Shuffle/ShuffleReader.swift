/// Reads one reduce partition of a shuffle: fetches its blocks, then aggregates by key (with an
/// external, spilling hash map) or sorts by key (with an external, spilling sort) when the
/// dependency asks, or streams the records as they come.
struct ShuffleReader<K: Hashable, V, C> {
    let dependency: ShuffleDependency<K, V, C>
    let reduceId: Int
    let context: TaskContext

    /// The partition's records, decoded by the dependency's (or its aggregator's) kernels.
    func read() throws -> BatchIterator<(K, C)> {
        let fetcher = ShuffleBlockFetcher(shuffleId: dependency.shuffleId, reduceId: reduceId, context: context)
        let keySerializer = try Serializer<K>.make()
        let combinerSerializer = try Serializer<C>.make()
        if let aggregator = dependency.aggregator {
            let combiner = ExternalAggregator(context: context, keySerializer: keySerializer,
                                              valueSerializer: combinerSerializer, aggregator: aggregator)
            if dependency.mapSideCombine {
                let records = try fetcher.records(keySerializer: keySerializer, valueSerializer: combinerSerializer,
                                                  decode: aggregator.combiners.decode)
                try combiner.insertAll(combiners: records)
            } else {
                let records = try fetcher.records(keySerializer: keySerializer, valueSerializer: try Serializer<V>.make(),
                                                  decode: aggregator.values.decode)
                try combiner.insertAll(values: records)
            }
            let result = try combiner.result()
            return try sortedIfNeeded(result, keySerializer: keySerializer, valueSerializer: combinerSerializer)
        }
        // Without an aggregator V == C (checked when the dependency was made).
        if let ordering = dependency.keyOrdering {
            let sorter = SerializedRecordSorter(context: context, keySerializer: keySerializer,
                                                valueSerializer: combinerSerializer, ordering: ordering)
            return try sorter.sorted(try fetcher.payloads())
        }
        // V == C here, so the dependency's decoder yields (K, C) records.
        let decode = dependency.records.decode as! ([UInt8], Serializer<K>, Serializer<C>) throws -> [(K, C)]
        return try fetcher.records(keySerializer: keySerializer, valueSerializer: combinerSerializer, decode: decode)
    }

    private func sortedIfNeeded(_ records: BatchIterator<(K, C)>, keySerializer: Serializer<K>,
                                valueSerializer: Serializer<C>) throws -> BatchIterator<(K, C)> {
        guard let ordering = dependency.keyOrdering else { return records }
        let sorter = ExternalSorter<K, C>(context: context, keySerializer: keySerializer,
                                          valueSerializer: valueSerializer, ordering: ordering)
        try sorter.insertAll(records)
        return try sorter.result()
    }
}
