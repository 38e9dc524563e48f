extension RDD {
    /// Keeps the partitions at `level` once computed, as Spark's `persist`: the next action
    /// computes and stores them, later ones read them back. Persisting at the level the RDD has
    /// already is a no-op. Cost: nothing until a job runs; then the memory or disk the level
    /// says (see `StorageLevel`, `FlintContext.getRDDStorageInfo()`).
    /// - Throws: `FlintError.invalidArgument` when the RDD is persisted at another level
    ///   already (unpersist it first), or for `.none`.
    @discardableResult
    public func persist(_ level: StorageLevel) throws -> Self {
        guard level.isValid else {
            throw FlintError.invalidArgument("cannot persist \(self) at \(level); use unpersist() to stop persisting")
        }
        try persistence.withLock { state in
            if state.storageLevel.isValid, state.storageLevel != level {
                throw FlintError.invalidArgument(
                    "cannot change the storage level of \(self) from \(state.storageLevel) to \(level) "
                        + "after it was assigned; unpersist() it first")
            }
            state.storageLevel = level
        }
        context.registerPersistent(self)
        return self
    }

    /// Persists at `.memoryOnly`, as Spark's `cache()`.
    /// - Throws: `FlintError.invalidArgument` when the RDD is persisted at another level already.
    @discardableResult
    public func cache() throws -> Self { try persist(.memoryOnly) }

    /// Stops persisting the RDD and drops its blocks from memory and disk (the memory is back in
    /// the pool when this returns; `blocking` is accepted for Spark compatibility). Later
    /// actions recompute it from its lineage. Cost: one pass over the cached blocks.
    @discardableResult
    public func unpersist(blocking: Bool = false) -> Self {
        persistence.withLock { $0.storageLevel = .none }
        context.unregisterPersistent(id)
        context.env.blockManager.removeRDD(id)
        return self
    }
}
