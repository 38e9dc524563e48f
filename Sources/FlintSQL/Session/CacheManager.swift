import FlintCore
import Synchronization

/// The DataFrames cached with `cache()` / `persist(_:)`, as Spark's `CacheManager`: the
/// analysed plan of each, with its batches persisted in the block manager. Queries whose plan
/// contains a cached plan read the cached batches instead (matched when they are built, before
/// optimisation, by canonical form: a plan built again the same way, e.g. from a second read of
/// the same file, finds the cache as well, as Spark's `sameResult`).
final class CacheManager: Sendable {
    private struct Entry: @unchecked Sendable {
        let canonical: LogicalPlan
        let batches: RDD<ColumnBatch>
        let relation: RDDRelation
    }
    private let entries = Mutex<[Entry]>([])

    /// Whether `plan` is cached.
    func isCached(_ plan: LogicalPlan) -> Bool {
        let canonical = plan.canonicalized
        return entries.withLock { $0.contains { $0.canonical == canonical } }
    }

    /// Caches `plan`'s result at `level` (computed by the next action that reads it).
    func cache(_ plan: LogicalPlan, level: StorageLevel, session: FlintSession, relationId: Int) throws {
        guard !isCached(plan) else { return }
        // Cached sub-plans are read from their cache (a frame cached on top of a cached frame
        // must not recompute it).
        let optimized = Optimizer(session: session).optimize(useCachedData(plan))
        let batches = try QueryExecutor(session: session).execute(optimized)
        try batches.persist(level)
        let relation = RDDRelation(id: relationId, output: plan.output, name: "InMemoryRelation")
        session.register(batches, id: relationId)
        entries.withLock { $0.append(Entry(canonical: plan.canonicalized, batches: batches, relation: relation)) }
    }

    /// Drops `plan`'s cached batches; returns whether it was cached.
    @discardableResult
    func uncache(_ plan: LogicalPlan) -> Bool {
        let canonical = plan.canonicalized
        let removed = entries.withLock { entries -> [Entry] in
            let matching = entries.filter { $0.canonical == canonical }
            entries.removeAll { $0.canonical == canonical }
            return matching
        }
        for entry in removed { entry.batches.unpersist() }
        return !removed.isEmpty
    }

    /// `plan` with every cached sub-plan replaced by a scan of its cached batches.
    func useCachedData(_ plan: LogicalPlan) -> LogicalPlan {
        let cached = entries.withLock { $0 }
        guard !cached.isEmpty else { return plan }
        return plan.transformDown { node in
            let canonical = node.canonicalized
            guard let entry = cached.first(where: { $0.canonical == canonical }) else { return node }
            // The cached batches' columns in this plan's own attributes (same order).
            return .rddScan(RDDRelation(id: entry.relation.id, output: node.output, name: entry.relation.name))
        }
    }
}
