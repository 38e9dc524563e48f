/// Reads a shuffle whose map side has run with fewer reduce tasks than it has reduce partitions:
/// partition i reads the reduce partitions `partitionSpecs[i]` one after the other, as Spark's
/// adaptive `AQEShuffleReadExec` with coalesced partitions. Keys of different reduce partitions
/// are disjoint, so aggregating or joining a group of them in one task gives the same result;
/// with a range partitioner the groups stay in order.
public final class CoalescedShuffleReadRDD<K: Hashable, V, C>: RDD<(K, C)>, CoalescedShuffleRead, @unchecked Sendable {
    private let dependency: ShuffleDependency<K, V, C>
    /// The reduce partitions each partition reads, contiguous and in order.
    public let partitionSpecs: [Range<Int>]

    init(_ shuffled: ShuffledRDD<K, V, C>, specs: [Range<Int>], callSite: CallSite) {
        dependency = shuffled.shuffleDependency
        partitionSpecs = specs
        super.init(context: shuffled.context, dependencies: [shuffled.shuffleDependency], numPartitions: specs.count,
                   callSite: callSite)
    }

    override public var kindName: String { "CoalescedShuffleReadRDD" }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<(K, C)> {
        var reduceIds = partitionSpecs[partition].makeIterator()
        var current: BatchIterator<(K, C)>?
        let dependency = self.dependency
        return BatchIterator {
            while true {
                if let batch = try current?.nextBatch() { return batch }
                guard let reduceId = reduceIds.next() else { return nil }
                current = try ShuffleReader(dependency: dependency, reduceId: reduceId, context: context).read()
            }
        }
    }
}

/// A coalesced shuffle read of any record type: which reduce partitions each partition reads.
public protocol CoalescedShuffleRead {
    /// The reduce partitions each partition reads, contiguous and in order.
    var partitionSpecs: [Range<Int>] { get }
}

extension RDDBase {
    /// The reduce partitions each partition reads when this RDD is a coalesced shuffle read or
    /// derived from one partition by partition (one-to-one dependencies); nil otherwise.
    public var coalescedShuffleSpecs: [Range<Int>]? {
        var current: RDDBase = self
        while true {
            if let read = current as? any CoalescedShuffleRead { return read.partitionSpecs }
            guard current.dependencies.count == 1, let parent = current.dependencies[0] as? OneToOneDependency else { return nil }
            current = parent.rdd
        }
    }
}

extension ShuffledRDD {
    /// Runs this shuffle's map side now, if it has not run (Spark's `submitMapStage`), and
    /// returns the stored bytes of each reduce partition over all map outputs (Spark's
    /// `MapOutputStatistics.bytesByPartitionId`), for choosing how to read it.
    /// - Throws: what the map tasks throw, as a job does.
    public func runMapStage(file: String = #fileID, line: Int = #line) throws -> [Int] {
        try context.runMapStage(shuffleDependency, callSite: CallSite("map stage of \(self)", file: file, line: line))
        var sizes = [Int](repeating: 0, count: numPartitions)
        let tracker = context.env.shuffleManager.mapOutputTracker
        for status in try tracker.statuses(shuffleDependency.shuffleId, reduceId: 0) {
            for (reduceId, length) in status.partitionLengths.enumerated() { sizes[reduceId] += length }
        }
        return sizes
    }

    /// This shuffle read with partition i reading the reduce partitions `specs[i]` (contiguous,
    /// in order, covering every reduce partition once); see `CoalescedShuffleReadRDD`.
    public func coalesced(_ specs: [Range<Int>], file: String = #fileID, line: Int = #line) -> RDD<(K, C)> {
        precondition(specs.first?.lowerBound == 0 && specs.last?.upperBound == numPartitions
                     && Swift.zip(specs, specs.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound },
                     "the specs must cover the reduce partitions 0..<\(numPartitions) in order")
        return CoalescedShuffleReadRDD(self, specs: specs, callSite: CallSite("coalesced", file: file, line: line))
    }
}
