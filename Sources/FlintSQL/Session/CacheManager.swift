import FlintCore
import Synchronization

/// The DataFrames cached with `cache()` / `persist(_:)`, as Spark's `CacheManager`: the
/// analysed plan of each, with its batches persisted in the block manager. Queries whose plan
/// contains a cached plan read the cached batches instead (matched when they are built, before
/// optimisation).
final class CacheManager: Sendable {
    private struct Entry: @unchecked Sendable {
        let plan: LogicalPlan
        let batches: RDD<ColumnBatch>
        let relation: RDDRelation
    }
    private let entries = Mutex<[Entry]>([])

    /// Whether `plan` is cached.
    func isCached(_ plan: LogicalPlan) -> Bool { entries.withLock { $0.contains { $0.plan == plan } } }

    /// Caches `plan`'s result at `level` (computed by the next action that reads it).
    func cache(_ plan: LogicalPlan, level: StorageLevel, session: FlintSession, relationId: Int) throws {
        guard !isCached(plan) else { return }
        let optimized = Optimizer(functions: session.functions).optimize(plan)
        let batches = try QueryExecutor(session: session).execute(optimized)
        try batches.persist(level)
        let relation = RDDRelation(id: relationId, output: plan.output, name: "InMemoryRelation")
        session.register(batches, id: relationId)
        entries.withLock { $0.append(Entry(plan: plan, batches: batches, relation: relation)) }
    }

    /// Drops `plan`'s cached batches; returns whether it was cached.
    @discardableResult
    func uncache(_ plan: LogicalPlan) -> Bool {
        let removed = entries.withLock { entries -> [Entry] in
            let matching = entries.filter { $0.plan == plan }
            entries.removeAll { $0.plan == plan }
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
            cached.first { $0.plan == node }.map { .rddScan($0.relation) } ?? node
        }
    }
}
