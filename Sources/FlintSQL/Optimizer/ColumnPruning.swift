/// Drops columns no operator above needs, as Spark's ColumnPruning: below projections,
/// aggregates, filters, sorts and joins, each input keeps only the columns its parent reads, so
/// joins and aggregations shuffle fewer columns. A pruned input gets a projection of the
/// columns it keeps (free for column batches: it drops vectors); a file scan reads only the
/// columns needed (`FileRelation.requiredColumns`).
enum ColumnPruning {
    /// `plan` with its inputs pruned; its own output is unchanged.
    static func prune(_ plan: LogicalPlan) -> LogicalPlan { prune(plan, required: nil) }

    private static func ids(_ expressions: [Expression]) -> Set<Int> {
        Set(expressions.flatMap { $0.references.map(\.id) })
    }

    /// Prunes below `plan`, given the ids of its output columns that are needed (nil: all).
    private static func prune(_ plan: LogicalPlan, required: Set<Int>?) -> LogicalPlan {
        switch plan {
        case let .project(list, child):
            let kept = required.map { needed in list.filter { needed.contains($0.toAttribute.id) } } ?? list
            return .project(kept.isEmpty ? list : kept, narrowed(child, to: ids(kept.isEmpty ? list : kept)))
        case let .aggregate(grouping, aggregates, child):
            return .aggregate(grouping: grouping, aggregates: aggregates, narrowed(child, to: ids(grouping + aggregates)))
        case let .filter(condition, child):
            let needed = required.map { $0.union(ids([condition])) }
            return .filter(condition, narrowed(child, to: needed))
        case let .sort(orders, isGlobal, child):
            let needed = required.map { $0.union(ids(orders.map(\.expression))) }
            return .sort(orders, isGlobal: isGlobal, narrowed(child, to: needed))
        case let .limit(count, child):
            return .limit(count, narrowed(child, to: required))
        case let .repartitionByExpression(keys, count, child):
            return .repartitionByExpression(keys, numPartitions: count, narrowed(child, to: required.map { $0.union(ids(keys)) }))
        case let .join(left, right, type, condition, using):
            let needed = required.map { $0.union(ids(condition.map { [$0] } ?? [])) }
            return .join(narrowed(left, to: needed), narrowed(right, to: needed), type, condition: condition, using: using)
        case let .subqueryAlias(name, child):
            return .subqueryAlias(name, prune(child, required: required))
        case var .fileScan(relation):
            // Into the source: it decodes only the columns read above (none for a count).
            guard let required else { return plan }
            relation.requiredColumns = relation.output.filter { required.contains($0.id) }
            return .fileScan(relation)
        default:
            // Union, set operations, distinct, windows and scans keep all their columns.
            return plan.mapChildren { prune($0, required: nil) }
        }
    }

    /// `child` pruned to the columns in `needed` (nil: all), with a projection when it drops some.
    private static func narrowed(_ child: LogicalPlan, to needed: Set<Int>?) -> LogicalPlan {
        let output = child.output
        guard let needed else { return prune(child, required: nil) }
        let kept = output.filter { needed.contains($0.id) }
        let pruned = prune(child, required: Set(kept.map(\.id)))
        guard kept.count < pruned.output.count, !kept.isEmpty else { return pruned }
        if case .project = pruned { return pruned }
        return .project(kept.map { .attribute($0) }, pruned)
    }
}
