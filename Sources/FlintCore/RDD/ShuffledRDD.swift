/// The result of a shuffle: partition i holds the `(K, C)` records whose keys the partitioner
/// places in i, aggregated and/or sorted as the dependency says.
public final class ShuffledRDD<K: Hashable, V, C>: RDD<(K, C)>, @unchecked Sendable {
    let shuffleDependency: ShuffleDependency<K, V, C>
    /// Reads a partition; formed in the initialiser so that it runs code specialised for K, V, C
    /// (see `ShuffleDependency.mapTask`).
    private let reader: (Int, TaskContext) throws -> BatchIterator<(K, C)>

    /// `records`, for a shuffle without an aggregator, are the loops that write and decode its
    /// records, formed where the types are known (`ShuffleRecordKernels`); without them, and
    /// without an aggregator or key ordering that brings its own, the generic loops run.
    @usableFromInline
    init(parent: RDD<(K, V)>, partitioner: Partitioner, aggregator: Aggregator<K, V, C>?, mapSideCombine: Bool,
         keyOrdering: KeyOrdering<K, C>? = nil, records: ShuffleRecordKernels<K, V>? = nil, callSite: CallSite) {
        let dependency = ShuffleDependency(parent: parent, partitioner: partitioner, aggregator: aggregator,
                                           mapSideCombine: mapSideCombine, keyOrdering: keyOrdering,
                                           recordWriter: records?.write)
        shuffleDependency = dependency
        // Without an aggregator C == V (checked by the dependency).
        let decode = records?.decode as? ([UInt8], Serializer<K>, Serializer<C>) throws -> [(K, C)]
        reader = { partition, context in
            try ShuffleReader(dependency: dependency, reduceId: partition, context: context).read(decode: decode)
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
                                recordWriter: kernels.writeLeft)
        rightShuffle = right.partitioner == partitioner ? nil
            : ShuffleDependency(parent: right, partitioner: partitioner, aggregator: nil, mapSideCombine: false,
                                recordWriter: kernels.writeRight)
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
        let leftRecords = try leftShuffle.map {
            try ShuffleReader(dependency: $0, reduceId: partition, context: context).read(decode: kernels.decodeLeft)
        } ?? left.iterator(partition: partition, context: context)
        let rightRecords = try rightShuffle.map {
            try ShuffleReader(dependency: $0, reduceId: partition, context: context).read(decode: kernels.decodeRight)
        } ?? right.iterator(partition: partition, context: context)
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

/// The per-record work of a cogroup: the aggregator that merges one-sided groups, the maps
/// that turn each side's records into them, and the writing and decoding of each side's
/// shuffled frames. Formed in the `@inlinable` `cogroup`, where the key
/// and value types are known, so that it runs specialised (from the engine's generic code, every
/// record went through value witnesses and generic metadata lookups).
@usableFromInline
struct CoGroupKernels<K: Hashable, V, W> {
    @usableFromInline let aggregator: Aggregator<K, ([V], [W]), ([V], [W])>
    @usableFromInline let tagLeft: ([(K, V)]) -> [(K, ([V], [W]))]
    @usableFromInline let tagRight: ([(K, W)]) -> [(K, ([V], [W]))]
    /// Decode the frames of each side's shuffle.
    @usableFromInline let decodeLeft: ([UInt8], Serializer<K>, Serializer<V>) throws -> [(K, V)]
    @usableFromInline let decodeRight: ([UInt8], Serializer<K>, Serializer<W>) throws -> [(K, W)]
    /// Serialise each side's records into its shuffle.
    @usableFromInline let writeLeft: ShuffleWriteKernel<K, V>
    @usableFromInline let writeRight: ShuffleWriteKernel<K, W>

    @inlinable
    init() {
        let merge: (inout ([V], [W]), ([V], [W])) -> Void = { group, other in
            group.0 += other.0
            group.1 += other.1
        }
        aggregator = Aggregator(createCombiner: { $0 }, mergeValueInPlace: merge, mergeCombinersInPlace: merge)
        tagLeft = { batch in batch.map { ($0.0, ([$0.1], [])) } }
        tagRight = { batch in batch.map { ($0.0, ([], [$0.1])) } }
        decodeLeft = { try decodeRecords($0, keySerializer: $1, valueSerializer: $2) }
        decodeRight = { try decodeRecords($0, keySerializer: $1, valueSerializer: $2) }
        writeLeft = ShuffleWriteKernel()
        writeRight = ShuffleWriteKernel()
    }
}

/// The loops that write a shuffle's records on the map side and decode them on the reduce side,
/// for shuffles without an aggregator (`partitionBy`, `repartition`): formed in the `@inlinable`
/// operation, so that they run specialised for the key and value types.
@usableFromInline
struct ShuffleRecordKernels<K, V> {
    @usableFromInline let write: ShuffleWriteKernel<K, V>
    @usableFromInline let decode: ([UInt8], Serializer<K>, Serializer<V>) throws -> [(K, V)]

    @inlinable
    init() {
        write = ShuffleWriteKernel()
        decode = { try decodeRecords($0, keySerializer: $1, valueSerializer: $2) }
    }
}
