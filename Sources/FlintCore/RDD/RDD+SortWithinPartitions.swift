extension RDD {
    /// Sorts each partition by key where it is, without a shuffle (the partition-local half of
    /// Spark's `repartitionAndSortWithinPartitions`, and what `Dataset.sortWithinPartitions`
    /// does): records are buffered within the task's execution memory, sorted and spilled to
    /// disk as runs when it runs out, and merged as the partition is read. Stable within a run.
    ///
    /// Cost: O(n log n) per partition; memory bounded by the task's share of
    /// `flint.executor.memory`, spilled bytes counted in the task metrics.
    public func sortWithinPartitions<K: Comparable, V>(ascending: Bool = true, file: String = #fileID,
                                                       line: Int = #line) -> RDD<(K, V)> where T == (K, V) {
        let pairs: RDD<(K, V)> = self
        return pairs.mapPartitions(preservesPartitioning: true, file: file, line: line) { records in
            guard let context = TaskContext.get() else {
                preconditionFailure("sortWithinPartitions runs inside a task")
            }
            let sorter = ExternalSorter<K, V>(context: context, keySerializer: try Serializer<K>.make(),
                                              valueSerializer: try Serializer<V>.make(), ordering: KeyOrdering(ascending: ascending))
            try sorter.insertAll(records)
            return try sorter.result()
        }
    }
}
