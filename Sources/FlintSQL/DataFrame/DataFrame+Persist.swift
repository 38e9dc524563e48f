import FlintCore

extension DataFrame {
    /// Keeps the frame's rows, once computed by the next action, at `level` (Spark's default
    /// for DataFrames, MEMORY_AND_DISK); later queries built on this frame read them back.
    /// Cost: nothing until an action; then the memory or disk the level says.
    /// - Throws: what persisting the underlying RDD throws.
    @discardableResult
    public func persist(_ level: StorageLevel = .memoryAndDisk) throws -> DataFrame {
        try session.cacheManager.cache(plan, level: level, session: session, relationId: session.newRelationId())
        return self
    }

    /// Persists at MEMORY_AND_DISK, as Spark's `Dataset.cache()`.
    @discardableResult
    public func cache() throws -> DataFrame { try persist() }

    /// Drops the cached rows; later queries recompute them.
    @discardableResult
    public func unpersist(blocking: Bool = false) -> DataFrame {
        session.cacheManager.uncache(plan)
        return self
    }

    /// Whether the frame is cached.
    public var isCached: Bool { session.cacheManager.isCached(plan) }
}
