/// Spark's runtime-filter injection (`InjectRuntimeFilter`), in its semi-join-reduction form:
/// when a shuffle join's one side can only meet rows whose key passes a selective filter on a
/// small relation elsewhere in the plan, the other side is first reduced to the keys of that
/// filtered relation by a left semi join (which broadcasts the small relation), so that less of
/// it is aggregated, shuffled and joined.
///
/// Example: in `kv ⋈ σ(dim) ⋈ (SELECT key, sum(..) FROM kv GROUP BY key)` on one key, every
/// joined row's key is a key of `σ(dim)`, so the aggregate's input is semi-joined with
/// `σ(dim)`'s keys (`LeftSemiJoinPushdown` then moves the semi join below the aggregate).
///
/// Applies to inner equi-joins of two sides larger than the broadcast threshold (a shuffle
/// join), with the filter found through projections, inner and semi joins (following their key
/// equalities) and grouping keys, over a scan whose filtered estimate is at most the threshold.
/// Runs once, after the other rules reach their fixed point. Cost: O(plan size) per join.
/// `flint.sql.optimizer.runtimeFilter.semiJoinReduction.enabled` turns it off.
enum SemiJoinReduction {
    /// `plan` with the reductions inserted; `threshold` is the broadcast threshold in bytes.
    static func apply(_ plan: LogicalPlan, threshold: Int) -> LogicalPlan {
        guard threshold >= 0 else { return plan }
        return plan.transformDown { node in
            guard case let .join(left, right, .inner, condition?, using) = node,
                  isLarge(left, threshold), isLarge(right, threshold) else { return node }
            let keys = JoinExecutor.equiKeys(condition, left: left, right: right)
            var reducedLeft = left, reducedRight = right
            for (leftKey, rightKey) in zip(keys.left, keys.right) {
                guard case let .attribute(a) = leftKey, case let .attribute(b) = rightKey else { continue }
                reducedRight = reduce(reducedRight, key: b, by: selectiveSource(in: left, key: a.id), threshold: threshold)
                reducedLeft = reduce(reducedLeft, key: a, by: selectiveSource(in: right, key: b.id), threshold: threshold)
            }
            return .join(reducedLeft, reducedRight, .inner, condition: condition, using: using)
        }
    }

    /// Whether a join side is too large to broadcast (unknown sizes count as small: no reduction).
    private static func isLarge(_ plan: LogicalPlan, _ threshold: Int) -> Bool {
        guard let size = plan.estimatedSize() else { return false }
        return size > threshold
    }

    /// `plan` semi-joined with a fresh copy of `source` on `key` = the source's key, when the
    /// source is small enough and the key types agree.
    private static func reduce(_ plan: LogicalPlan, key: Attribute, by source: (plan: LogicalPlan, key: Attribute)?,
                               threshold: Int) -> LogicalPlan {
        guard let source, source.key.dataType == key.dataType, let size = source.plan.estimatedSize(), size <= threshold,
              let position = source.plan.output.firstIndex(where: { $0.id == source.key.id }) else { return plan }
        let copy = source.plan.refreshingIds()
        let copyKey = copy.output[position]
        return .join(plan, .project([.attribute(copyKey)], copy), .leftSemi,
                     condition: .binary(.equal, .attribute(key), .attribute(copyKey)), using: [])
    }

    /// A filter over a scan below `plan` whose rows include a match on `key` (an attribute id)
    /// for every output row of `plan`, with the attribute that carries the key there.
    static func selectiveSource(in plan: LogicalPlan, key: Int) -> (plan: LogicalPlan, key: Attribute)? {
        switch plan {
        case let .project(list, child):
            guard list.contains(where: { isAttribute($0, key) }) else { return nil }
            return selectiveSource(in: child, key: key)
        case let .filter(condition, child):
            if condition.isDeterministic, isScan(child), let attribute = plan.output.first(where: { $0.id == key }) {
                return (plan, attribute)
            }
            return selectiveSource(in: child, key: key)
        case let .aggregate(grouping, aggregates, child):
            guard grouping.contains(where: { isAttribute($0, key) }), aggregates.contains(where: { isAttribute($0, key) }) else { return nil }
            return selectiveSource(in: child, key: key)
        case let .join(left, right, type, condition, _) where type == .inner || type == .leftSemi:
            let keys = JoinExecutor.equiKeys(condition, left: left, right: right)
            let inLeft = left.output.contains { $0.id == key }
            guard inLeft || type == .inner else { return nil }
            var candidates: [(LogicalPlan, Int)] = [(inLeft ? left : right, key)]
            for (leftKey, rightKey) in zip(keys.left, keys.right) {
                guard case let .attribute(a) = leftKey, case let .attribute(b) = rightKey else { continue }
                if inLeft, a.id == key { candidates.append((right, b.id)) }
                if !inLeft, b.id == key { candidates.append((left, a.id)) }
            }
            return candidates.lazy.compactMap { selectiveSource(in: $0.0, key: $0.1) }.first
        default:
            return nil
        }
    }

    private static func isAttribute(_ expression: Expression, _ id: Int) -> Bool {
        if case let .attribute(attribute) = expression { return attribute.id == id }
        return false
    }

    /// A relation read as is, or through a projection.
    private static func isScan(_ plan: LogicalPlan) -> Bool {
        switch plan {
        case .fileScan, .rddScan, .localRelation: return true
        case let .project(_, child): return isScan(child)
        default: return false
        }
    }
}
