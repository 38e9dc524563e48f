/// The partitions of several RDDs one after another (`union`): no shuffle.
public final class UnionRDD<T>: RDD<T>, @unchecked Sendable {
    private let parents: [RDD<T>]
    /// For each output partition: (parent index, parent partition).
    private let sources: [(Int, Int)]

    init(context: FlintContext, parents: [RDD<T>], callSite: CallSite) {
        self.parents = parents
        var dependencies: [Dependency] = []
        var sources: [(Int, Int)] = []
        for (index, parent) in parents.enumerated() {
            dependencies.append(RangeDependency(rdd: parent, inStart: 0, outStart: sources.count,
                                                length: parent.numPartitions))
            sources += (0..<parent.numPartitions).map { (index, $0) }
        }
        self.sources = sources
        super.init(context: context, dependencies: dependencies, numPartitions: sources.count, callSite: callSite)
    }

    override public var kindName: String { "UnionRDD" }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<T> {
        let (parent, parentPartition) = sources[partition]
        return try parents[parent].iterator(partition: parentPartition, context: context)
    }
}

/// Fewer partitions without a shuffle (`coalesce`): each output partition reads a contiguous
/// group of parent partitions.
public final class CoalescedRDD<T>: RDD<T>, @unchecked Sendable {
    private let parent: RDD<T>
    private let groups: [[Int]]

    @usableFromInline
    init(parent: RDD<T>, partitions: Int, callSite: CallSite) {
        self.parent = parent
        let n = parent.numPartitions
        let target = Swift.max(1, Swift.min(partitions, n))
        groups = (0..<target).map { i in Array((i * n / target)..<((i + 1) * n / target)) }
        super.init(context: parent.context, dependencies: [TableDependency(rdd: parent, table: groups)],
                   numPartitions: target, callSite: callSite)
    }

    override public var kindName: String { "CoalescedRDD" }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<T> {
        var pending = groups[partition][...]
        var current: BatchIterator<T>?
        let parent = self.parent
        return BatchIterator {
            while true {
                if let batch = try current?.nextBatch() { return batch }
                guard let next = pending.popFirst() else { return nil }
                current = try parent.iterator(partition: next, context: context)
            }
        }
    }
}

/// Every pair of elements of two RDDs (`cartesian`): partition (i, j) pairs partition i of the
/// first with partition j of the second.
public final class CartesianRDD<T, U>: RDD<(T, U)>, @unchecked Sendable {
    private let first: RDD<T>
    private let second: RDD<U>

    init(first: RDD<T>, second: RDD<U>, callSite: CallSite) {
        self.first = first
        self.second = second
        let m = first.numPartitions, n = second.numPartitions
        super.init(context: first.context,
                   dependencies: [TableDependency(rdd: first, table: (0..<m * n).map { [$0 / n] }),
                                  TableDependency(rdd: second, table: (0..<m * n).map { [$0 % n] })],
                   numPartitions: m * n, callSite: callSite)
    }

    override public var kindName: String { "CartesianRDD" }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<(T, U)> {
        let n = second.numPartitions
        let right = try second.iterator(partition: partition % n, context: context).collectAll()
        return try first.iterator(partition: partition / n, context: context).flatMap { left in
            right.lazy.map { (left, $0) }
        }
    }
}

/// Computes each partition from the same partition of two RDDs (`zipPartitions`, and `zip`
/// on top of it), as Spark's `ZippedPartitionsRDD2`: a narrow dependency on both, so two
/// shuffled inputs with the same number of partitions are read side by side, as streams.
public final class ZippedPartitionsRDD<T, U, V>: RDD<V>, @unchecked Sendable {
    private let first: RDD<T>
    private let second: RDD<U>
    private let transform: (Int, BatchIterator<T>, BatchIterator<U>) throws -> BatchIterator<V>

    init(first: RDD<T>, second: RDD<U>, callSite: CallSite,
         transform: @escaping (Int, BatchIterator<T>, BatchIterator<U>) throws -> BatchIterator<V>) {
        self.first = first
        self.second = second
        self.transform = transform
        super.init(context: first.context,
                   dependencies: [OneToOneDependency(rdd: first), OneToOneDependency(rdd: second)],
                   numPartitions: first.numPartitions, callSite: callSite)
    }

    override public var kindName: String { "ZippedPartitionsRDD2" }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<V> {
        try transform(partition, try first.iterator(partition: partition, context: context),
                      try second.iterator(partition: partition, context: context))
    }
}

/// An RDD with no partitions (`emptyRDD`).
public final class EmptyRDD<T>: RDD<T>, @unchecked Sendable {
    init(context: FlintContext, callSite: CallSite) {
        super.init(context: context, dependencies: [], numPartitions: 0, callSite: callSite)
    }

    override public var kindName: String { "EmptyRDD" }

    override public func compute(partition: Int, context: TaskContext) throws -> BatchIterator<T> { .empty }
}
