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

    /// The first parent, typed: for RDDs with one narrow parent.
    final func firstParent<P>(_ type: P.Type = P.self) -> RDD<P> {
        guard let parent = dependencies.first?.rdd as? RDD<P> else {
            preconditionFailure("\(kindName)[\(id)] has no parent of type RDD<\(P.self)>")
        }
        return parent
    }

    /// Names this RDD for `toDebugString`. Returns self.
    @discardableResult
    public func setName(_ name: String) -> Self {
        self.name = name
        return self
    }
}
