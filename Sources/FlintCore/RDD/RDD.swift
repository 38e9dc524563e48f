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

    /// The elements of `partition`: the entry point tasks use (later reads the cache first).
    public final func iterator(partition: Int, context: TaskContext) throws -> BatchIterator<T> {
        try compute(partition: partition, context: context)
    }

    /// Names this RDD for `toDebugString`. Returns self.
    @discardableResult
    public func setName(_ name: String) -> Self {
        self.name = name
        return self
    }
}
