import Foundation
import Synchronization

/// The type-erased side of a shuffle dependency that the scheduler uses: a stage boundary whose
/// map side writes partitioned files.
public class ShuffleDependencyBase: Dependency, @unchecked Sendable {
    /// Unique id of the shuffle within the context.
    public let shuffleId: Int
    /// How keys are spread over reduce partitions.
    public let partitioner: Partitioner
    private let shuffleManager: ShuffleManager

    init(rdd: RDDBase, partitioner: Partitioner) {
        shuffleId = rdd.context.newShuffleId()
        self.partitioner = partitioner
        shuffleManager = rdd.context.env.shuffleManager
        super.init(rdd: rdd)
        shuffleManager.mapOutputTracker.registerShuffle(shuffleId, numMaps: rdd.numPartitions)
    }

    /// Computes map partition `mapId` of the parent and writes its shuffle output.
    func runMapTask(mapId: Int, context: TaskContext) throws -> MapStatus {
        preconditionFailure("ShuffleDependency implements runMapTask")
    }

    /// The shuffle's files are deleted once no RDD refers to it any more, as Spark's
    /// ContextCleaner does.
    deinit {
        shuffleManager.removeShuffle(shuffleId)
    }
}

/// A shuffle of `(K, V)` records into partitions of `(K, C)`, with an optional aggregator
/// (map-side combine when `mapSideCombine`) and an optional key ordering for sorted output.
public final class ShuffleDependency<K: Hashable, V, C>: ShuffleDependencyBase, @unchecked Sendable {
    /// The parent RDD of records.
    public let parent: RDD<(K, V)>
    /// How values are combined, if at all.
    public let aggregator: Aggregator<K, V, C>?
    /// Whether map tasks combine values before writing.
    public let mapSideCombine: Bool
    /// Sorts each reduce partition by key when set (`sortByKey`).
    public let keyOrdering: KeyOrdering<K, C>?
    /// The map task, made where the dependency is created: a closure formed in code that the
    /// compiler specialised for the concrete K, V, C, so the per-record work runs specialised
    /// code (a method override would run the unspecialised generic body).
    private var mapTask: (Int, TaskContext) throws -> MapStatus = { _, _ in
        preconditionFailure("the map task is set by the initialiser")
    }

    /// The specialised loops that write and decode uncombined records: the ones given, else the
    /// aggregator's or the key ordering's.
    let records: ShuffleRecordKernels<K, V>

    init(parent: RDD<(K, V)>, partitioner: Partitioner, aggregator: Aggregator<K, V, C>?, mapSideCombine: Bool,
         keyOrdering: KeyOrdering<K, C>? = nil, records: ShuffleRecordKernels<K, V>? = nil) {
        precondition(aggregator != nil || V.self == C.self, "a shuffle without an aggregator must have C == V")
        precondition(!mapSideCombine || aggregator != nil, "map-side combine needs an aggregator")
        self.parent = parent
        self.aggregator = aggregator
        self.mapSideCombine = mapSideCombine
        self.keyOrdering = keyOrdering
        // Without an aggregator V == C (checked above), so the key ordering's kernel fits.
        guard let kernels = records ?? aggregator?.values
                ?? keyOrdering.flatMap({ $0.records as? ShuffleRecordKernels<K, V> }) else {
            preconditionFailure("a shuffle needs record kernels: an aggregator, a key ordering or ShuffleRecordKernels")
        }
        self.records = kernels
        super.init(rdd: parent, partitioner: partitioner)
        mapTask = { [unowned self] mapId, context in
            let records = try parent.iterator(partition: mapId, context: context)
            let writer = try ShuffleWriter<K, V, C>(dependency: self, mapId: mapId, context: context)
            return try writer.write(records)
        }
    }

    override func runMapTask(mapId: Int, context: TaskContext) throws -> MapStatus {
        try mapTask(mapId, context)
    }

    /// The most keys a finished map task of this process combined without spilling: later
    /// tasks size their table for it up front instead of doubling it a dozen times (input
    /// splits of one file hold similar numbers of distinct keys).
    private let mapSideKeys = Mutex(0)

    /// The key count later map-side tables start with (0 before any task finished).
    var mapSideKeysHint: Int { mapSideKeys.withLock { $0 } }

    /// Records that a map task combined `keys` keys in one table.
    func noteMapSideKeys(_ keys: Int) {
        mapSideKeys.withLock { $0 = Swift.max($0, Swift.min(keys, 1 << 22)) }
    }
}
