/// The result of a shuffle: partition i holds the `(K, C)` records whose keys the partitioner
/// places in i, aggregated and/or sorted as the dependency says.
public final class ShuffledRDD<K: Hashable, V, C>: RDD<(K, C)>, @unchecked Sendable {
    let shuffleDependency: ShuffleDependency<K, V, C>
    /// Reads a partition; formed in the initialiser so that it runs code specialised for K, V, C
    /// (see `ShuffleDependency.mapTask`).
    private let reader: (Int, TaskContext) throws -> BatchIterator<(K, C)>

    /// `records`, for a shuffle without an aggregator or key ordering, are the loops that write
    /// and decode its records, formed where the types are known (`ShuffleRecordKernels`); one
    /// of the three is required (`ShuffleDependency`).
    @usableFromInline
    init(parent: RDD<(K, V)>, partitioner: Partitioner, aggregator: Aggregator<K, V, C>?, mapSideCombine: Bool,
         keyOrdering: KeyOrdering<K, C>? = nil, records: ShuffleRecordKernels<K, V>? = nil, callSite: CallSite) {
        let dependency = ShuffleDependency(parent: parent, partitioner: partitioner, aggregator: aggregator,
                                           mapSideCombine: mapSideCombine, keyOrdering: keyOrdering, records: records)
        shuffleDependency = dependency
        reader = { partition, context in
            try ShuffleReader(dependency: dependency, reduceId: partition, context: context).read()
        }
        super.init(context: parent.context, dependencies: [shuffleDependency],
                   numPartitions: partitioner.numPartitions, callSite: callSite)
        self.partitioner = partitioner
    }

    override public var kindName: String { "ShuffledRDD" }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<(K, C)> {
        try reader(partition, context)
    }
}

/// Groups two pair RDDs by key, as Spark's `CoGroupedRDD`: each output record holds a key and
/// all values of that key in either parent. A parent already partitioned by the target
/// partitioner is read in place (narrow dependency); any other parent is shuffled.
public final class CoGroupedRDD<K: Hashable, V, W>: RDD<(K, ([V], [W]))>, @unchecked Sendable {
    private let left: RDD<(K, V)>
    private let right: RDD<(K, W)>
    private let leftShuffle: ShuffleDependency<K, V, V>?
    private let rightShuffle: ShuffleDependency<K, W, W>?
    private let kernels: CoGroupKernels<K, V, W>

    @usableFromInline
    init(left: RDD<(K, V)>, right: RDD<(K, W)>, partitioner: Partitioner, callSite: CallSite,
         kernels: CoGroupKernels<K, V, W>) {
        self.left = left
        self.right = right
        self.kernels = kernels
        leftShuffle = left.partitioner == partitioner ? nil
            : ShuffleDependency(parent: left, partitioner: partitioner, aggregator: nil, mapSideCombine: false,
                                records: kernels.left)
        rightShuffle = right.partitioner == partitioner ? nil
            : ShuffleDependency(parent: right, partitioner: partitioner, aggregator: nil, mapSideCombine: false,
                                records: kernels.right)
        let dependencies: [Dependency] = [
            leftShuffle ?? OneToOneDependency(rdd: left),
            rightShuffle ?? OneToOneDependency(rdd: right),
        ]
        super.init(context: left.context, dependencies: dependencies, numPartitions: partitioner.numPartitions,
                   callSite: callSite)
        self.partitioner = partitioner
    }

    override public var kindName: String { "CoGroupedRDD" }

    /// Groups both sides' records of `partition` by key within the task's memory, as Spark's
    /// CoGroupedRDD over an ExternalAppendOnlyMap: each record becomes a one-sided group, and
    /// groups of a key are merged in a spilling `ExternalAggregator`. Types the shuffle cannot
    /// serialise (possible when neither side is shuffled) are grouped in memory.
    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<(K, ([V], [W]))> {
        let leftRecords = try leftShuffle.map { try ShuffleReader(dependency: $0, reduceId: partition, context: context).read() }
            ?? left.iterator(partition: partition, context: context)
        let rightRecords = try rightShuffle.map { try ShuffleReader(dependency: $0, reduceId: partition, context: context).read() }
            ?? right.iterator(partition: partition, context: context)
        guard let keySerializer = try? Serializer<K>.make(), let groupSerializer = try? Serializer<([V], [W])>.make() else {
            var groups: [K: ([V], [W])] = [:]
            try leftRecords.forEach { key, value in groups[key, default: ([], [])].0.append(value) }
            try rightRecords.forEach { key, value in groups[key, default: ([], [])].1.append(value) }
            return BatchIterator(groups.map { ($0.key, $0.value) })
        }
        let groups = ExternalAggregator(context: context, keySerializer: keySerializer, valueSerializer: groupSerializer,
                                        aggregator: kernels.aggregator)
        try groups.insertAll(combiners: leftRecords.mapBatches(kernels.tagLeft))
        try groups.insertAll(combiners: rightRecords.mapBatches(kernels.tagRight))
        return try groups.result()
    }
}
