/// A resilient distributed dataset: an immutable, partitioned collection of `T` with lazy
/// lineage, as Spark's `RDD[T]`.
///
/// Transformations return new RDDs and run nothing; actions (`collect`, `count`, ...) submit a
/// job to the scheduler. Subclasses implement `compute(partition:context:)`.
open class RDD<T>: RDDBase, @unchecked Sendable {
    /// Computes one partition as a stream of batches. Called by the scheduler inside a task.
    open func compute(partition: Int, context: TaskContext) throws -> BatchIterator<T> {
        preconditionFailure("\(kindName) must override compute(partition:context:)")
    }

    /// A sample of about `size` of `partition`'s elements, drawn without computing
    /// the others, or nil when this RDD cannot draw one that way (the default). Sources that
    /// can skip records cheaply (text files) and element-wise transformations of them override
    /// it; callers use `sampledPartition`, which also respects caching.
    open func computeSampledPartition(partition: Int, context: TaskContext, size: Int,
                                      seed: UInt64) throws -> SampledPartition<T>? {
        nil
    }

    /// The elements of `partition`: the entry point tasks use. Reads the cached block of a
    /// persisted RDD (computing and storing it on a miss), the checkpoint data of a
    /// checkpointed one, and computes the partition otherwise.
    public final func iterator(partition: Int, context: TaskContext) throws -> BatchIterator<T> {
        let level = getStorageLevel()
        guard level.isValid else { return try computeOrReadCheckpoint(partition: partition, context: context) }
        return try context.env.blockManager.getOrCompute(rddId: id, partition: partition, level: level,
                                                         context: context) {
            try computeOrReadCheckpoint(partition: partition, context: context)
        }
    }

    private func computeOrReadCheckpoint(partition: Int, context: TaskContext) throws -> BatchIterator<T> {
        if let checkpoint = persistence.withLock({ $0.checkpointDependency })?.rdd as? RDD<T> {
            return try checkpoint.iterator(partition: partition, context: context)
        }
        return try compute(partition: partition, context: context)
    }

    /// Names this RDD for `toDebugString`. Returns self.
    @discardableResult
    public func setName(_ name: String) -> Self {
        self.name = name
        return self
    }
}
