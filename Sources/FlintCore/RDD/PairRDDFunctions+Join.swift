/// Joins and set operations on pair RDDs, built on `cogroup` as in Spark. An input already
/// partitioned by the chosen partitioner is read without a shuffle.
extension RDD {
    /// Groups this RDD and `other` by key: for each key, its values in each.
    @inlinable
    public func cogroup<K: Hashable, V, W>(_ other: RDD<(K, W)>, numPartitions: Int? = nil, file: String = #fileID,
                                           line: Int = #line) -> RDD<(K, ([V], [W]))> where T == (K, V) {
        cogroup(other, partitioner: defaultPartitioner(numPartitions, with: [other]), file: file, line: line)
    }

    /// `cogroup` with an explicit partitioner.
    @inlinable
    public func cogroup<K: Hashable, V, W>(_ other: RDD<(K, W)>, partitioner: Partitioner, file: String = #fileID,
                                           line: Int = #line) -> RDD<(K, ([V], [W]))> where T == (K, V) {
        CoGroupedRDD(left: self, right: other, partitioner: partitioner,
                     callSite: CallSite("cogroup", file: file, line: line), kernels: CoGroupKernels())
    }

    /// Pairs of values for every key present in both RDDs (inner join).
    @inlinable
    public func join<K: Hashable, V, W>(_ other: RDD<(K, W)>, numPartitions: Int? = nil, file: String = #fileID,
                                        line: Int = #line) -> RDD<(K, (V, W))> where T == (K, V) {
        cogroup(other, numPartitions: numPartitions, file: file, line: line).flatMapValues({ groups in
            groups.0.flatMap { v in groups.1.map { w in (v, w) } }
        }, file: file, line: line)
    }

    /// Every key of this RDD with each matching value of `other`, or nil when it has none.
    @inlinable
    public func leftOuterJoin<K: Hashable, V, W>(_ other: RDD<(K, W)>, numPartitions: Int? = nil,
                                                 file: String = #fileID, line: Int = #line) -> RDD<(K, (V, W?))>
        where T == (K, V) {
        cogroup(other, numPartitions: numPartitions, file: file, line: line).flatMapValues({ groups in
            groups.1.isEmpty ? groups.0.map { ($0, nil) } : groups.0.flatMap { v in groups.1.map { w in (v, w) } }
        }, file: file, line: line)
    }

    /// Every key of `other` with each matching value of this RDD, or nil when it has none.
    @inlinable
    public func rightOuterJoin<K: Hashable, V, W>(_ other: RDD<(K, W)>, numPartitions: Int? = nil,
                                                  file: String = #fileID, line: Int = #line) -> RDD<(K, (V?, W))>
        where T == (K, V) {
        cogroup(other, numPartitions: numPartitions, file: file, line: line).flatMapValues({ groups in
            groups.0.isEmpty ? groups.1.map { (nil, $0) } : groups.0.flatMap { v in groups.1.map { w in (v, w) } }
        }, file: file, line: line)
    }

    /// Every key of either RDD with each matching pair, nil on the side that lacks the key.
    @inlinable
    public func fullOuterJoin<K: Hashable, V, W>(_ other: RDD<(K, W)>, numPartitions: Int? = nil,
                                                 file: String = #fileID, line: Int = #line) -> RDD<(K, (V?, W?))>
        where T == (K, V) {
        cogroup(other, numPartitions: numPartitions, file: file, line: line).flatMapValues({ groups -> [(V?, W?)] in
            if groups.0.isEmpty { return groups.1.map { (nil, $0) } }
            if groups.1.isEmpty { return groups.0.map { ($0, nil) } }
            return groups.0.flatMap { v in groups.1.map { w in (v, w) } }
        }, file: file, line: line)
    }

    /// The pairs whose key does not occur in `other`.
    @inlinable
    public func subtractByKey<K: Hashable, V, W>(_ other: RDD<(K, W)>, numPartitions: Int? = nil,
                                                 file: String = #fileID, line: Int = #line) -> RDD<(K, V)>
        where T == (K, V) {
        cogroup(other, numPartitions: numPartitions, file: file, line: line).flatMapValues({ groups in
            groups.1.isEmpty ? groups.0 : []
        }, file: file, line: line)
    }
}

extension RDD {
    /// The distinct pairs (Swift tuples are not `Hashable`, so pairs get their own `distinct`):
    /// the values of each key are collected into a set, on the map side first.
    @inlinable
    public func distinct<K: Hashable, V: Hashable>(numPartitions: Int? = nil, file: String = #fileID,
                                                   line: Int = #line) -> RDD<(K, V)> where T == (K, V) {
        combined(by: Aggregator(createCombiner: { Set([$0]) }, mergeValueInPlace: { $0.insert($1) },
                                mergeCombinersInPlace: { $0.formUnion($1) }),
                 partitioner: HashPartitioner(partitions: numPartitions ?? self.numPartitions),
                 callSite: CallSite("distinct", file: file, line: line))
            .flatMap({ key, values in values.map { (key, $0) } }, file: file, line: line)
    }
}

extension RDD where T: Hashable {
    /// The distinct elements (a shuffle with map-side de-duplication).
    @inlinable
    public func distinct(numPartitions: Int? = nil, file: String = #fileID, line: Int = #line) -> RDD<T> {
        map({ ($0, true) }, file: file, line: line)
            .reduceByKey({ first, _ in first }, numPartitions: numPartitions ?? self.numPartitions, file: file, line: line)
            .keys(file: file, line: line)
    }

    /// The distinct elements present in both RDDs.
    @inlinable
    public func intersection(_ other: RDD<T>, numPartitions: Int? = nil, file: String = #fileID,
                             line: Int = #line) -> RDD<T> {
        map({ ($0, true) }, file: file, line: line)
            .cogroup(other.map({ ($0, true) }, file: file, line: line),
                     numPartitions: numPartitions ?? Swift.max(self.numPartitions, other.numPartitions), file: file, line: line)
            .filter({ !$0.1.0.isEmpty && !$0.1.1.isEmpty }, file: file, line: line)
            .keys(file: file, line: line)
    }

    /// The elements of this RDD that do not occur in `other` (duplicates kept, as in Spark).
    @inlinable
    public func subtract(_ other: RDD<T>, numPartitions: Int? = nil, file: String = #fileID,
                         line: Int = #line) -> RDD<T> {
        map({ ($0, true) }, file: file, line: line)
            .subtractByKey(other.map({ ($0, true) }, file: file, line: line),
                           numPartitions: numPartitions ?? self.numPartitions, file: file, line: line)
            .keys(file: file, line: line)
    }
}
