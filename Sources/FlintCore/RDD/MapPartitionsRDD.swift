/// Applies a function to each partition of its parent, lazily and batch by batch: the RDD behind
/// map, flatMap, filter, mapPartitions and most narrow transformations. (Not final:
/// `FusibleRDD` adds fusion with the next step.)
public class MapPartitionsRDD<P, T>: RDD<T>, @unchecked Sendable {
    @usableFromInline let parent: RDD<P>
    private let transform: (TaskContext, Int, BatchIterator<P>) throws -> BatchIterator<T>
    /// Whether `transform` treats every element on its own (map, filter, flatMap, ...), so
    /// that it maps a sample of the parent to a sample of this RDD.
    private let isElementwise: Bool
    /// The partition computed by a step fused with the parent's (see `FusibleRDD`), or nil
    /// when it cannot run fused and `transform` reads the parent.
    private let fused: ((TaskContext, Int) throws -> BatchIterator<T>?)?

    /// `isElementwise` declares that `transform` neither looks at the partition index nor
    /// carries state from one element to the next; `fused` may compute a partition without
    /// reading the parent's elements.
    @usableFromInline
    init(parent: RDD<P>, preservesPartitioning: Bool = false, isElementwise: Bool = false, callSite: CallSite,
         transform: @escaping (TaskContext, Int, BatchIterator<P>) throws -> BatchIterator<T>,
         fused: ((TaskContext, Int) throws -> BatchIterator<T>?)? = nil) {
        self.parent = parent
        self.transform = transform
        self.isElementwise = isElementwise
        self.fused = fused
        super.init(context: parent.context, dependencies: [OneToOneDependency(rdd: parent)],
                   numPartitions: parent.numPartitions, callSite: callSite)
        if preservesPartitioning { partitioner = parent.partitioner }
    }

    override public var kindName: String { "MapPartitionsRDD" }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<T> {
        if let fused, let items = try fused(context, partition) { return items }
        return try transform(context, partition, try parent.iterator(partition: partition, context: context))
    }

    /// The transformed sample of the parent, for element-wise transformations.
    override public func computeSampledPartition(partition: Int, context: TaskContext, size: Int,
                                                 seed: UInt64) throws -> SampledPartition<T>? {
        guard isElementwise,
              let sample = try parent.sampledPartition(partition: partition, context: context, size: size, seed: seed)
        else { return nil }
        return SampledPartition(elements: try transform(context, partition, sample.elements), fraction: sample.fraction)
    }
}

/// The elements of a local array, cut into `numSlices` contiguous slices (`parallelize`).
public final class ParallelCollectionRDD<T>: RDD<T>, @unchecked Sendable {
    private let slices: [[T]]

    init(context: FlintContext, data: [T], numSlices: Int, callSite: CallSite) {
        let count = data.count
        slices = (0..<numSlices).map { i in
            Array(data[(i * count / numSlices)..<((i + 1) * count / numSlices)])
        }
        super.init(context: context, dependencies: [], numPartitions: numSlices, callSite: callSite)
    }

    override public var kindName: String { "ParallelCollectionRDD" }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<T> {
        context.metrics.inputRecords += slices[partition].count
        return BatchIterator(slices[partition])
    }
}

/// The integers of a range, computed per partition without materialising them (`range`).
public final class RangeRDD: RDD<Int>, @unchecked Sendable {
    private let start: Int
    private let step: Int
    private let count: Int

    init(context: FlintContext, start: Int, step: Int, count: Int, numSlices: Int, callSite: CallSite) {
        self.start = start
        self.step = step
        self.count = count
        super.init(context: context, dependencies: [], numPartitions: numSlices, callSite: callSite)
    }

    override public var kindName: String { "RangeRDD" }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<Int> {
        var index = partition * count / numPartitions
        let end = (partition + 1) * count / numPartitions
        let start = self.start, step = self.step
        return BatchIterator {
            guard index < end else { return nil }
            let stop = Swift.min(end, index + BatchIterator<Int>.defaultBatchSize)
            defer { index = stop }
            context.metrics.inputRecords += stop - index
            return (index..<stop).map { start + $0 * step }
        }
    }
}
