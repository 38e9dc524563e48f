extension LogicalPlan {
    /// Rebuilds this node with `transform` applied to every child (one level).
    func mapChildren(_ transform: (LogicalPlan) -> LogicalPlan) -> LogicalPlan {
        switch self {
        case .unresolvedRelation, .localRelation, .fileScan, .rddScan: return self
        case let .project(list, child): return .project(list, transform(child))
        case let .filter(condition, child): return .filter(condition, transform(child))
        case let .aggregate(grouping, aggregates, child): return .aggregate(grouping: grouping, aggregates: aggregates, transform(child))
        case let .sort(orders, isGlobal, child): return .sort(orders, isGlobal: isGlobal, transform(child))
        case let .limit(count, child): return .limit(count, transform(child))
        case let .distinct(child): return .distinct(transform(child))
        case let .deduplicate(keys, child): return .deduplicate(keys: keys, transform(child))
        case let .subqueryAlias(name, child): return .subqueryAlias(name, transform(child))
        case let .window(list, child): return .window(list, transform(child))
        case let .with(ctes, child): return .with(ctes, transform(child))
        case let .sample(lower, upper, seed, child): return .sample(lowerBound: lower, upperBound: upper, seed: seed, transform(child))
        case let .repartition(count, shuffle, child): return .repartition(count, shuffle: shuffle, transform(child))
        case let .repartitionByExpression(keys, count, child): return .repartitionByExpression(keys, numPartitions: count, transform(child))
        case let .join(left, right, type, condition, using):
            return .join(transform(left), transform(right), type, condition: condition, using: using)
        case let .union(children, byName, allowMissing):
            return .union(children.map(transform), byName: byName, allowMissingColumns: allowMissing)
        case let .setOperation(operation, left, right, isAll): return .setOperation(operation, transform(left), transform(right), isAll: isAll)
        }
    }

    /// Rewrites bottom-up: children first, then `rule` on the rebuilt node.
    func transformUp(_ rule: (LogicalPlan) -> LogicalPlan) -> LogicalPlan {
        rule(mapChildren { $0.transformUp(rule) })
    }

    /// Rewrites top-down: `rule` on this node, then on the children of its result.
    func transformDown(_ rule: (LogicalPlan) -> LogicalPlan) -> LogicalPlan {
        rule(self).mapChildren { $0.transformDown(rule) }
    }

    /// Applies `rule` to every expression of every node.
    func transformExpressions(_ rule: @escaping (Expression) -> Expression) -> LogicalPlan {
        transformUp { plan in
            switch plan {
            case let .project(list, child): return .project(list.map(rule), child)
            case let .filter(condition, child): return .filter(rule(condition), child)
            case let .aggregate(grouping, aggregates, child):
                return .aggregate(grouping: grouping.map(rule), aggregates: aggregates.map(rule), child)
            case let .sort(orders, isGlobal, child):
                return .sort(orders.map { SortOrder(rule($0.expression), ascending: $0.ascending, nullsFirst: $0.nullsFirst) },
                             isGlobal: isGlobal, child)
            case let .join(left, right, type, condition, using):
                return .join(left, right, type, condition: condition.map(rule), using: using)
            case let .repartitionByExpression(keys, count, child): return .repartitionByExpression(keys.map(rule), numPartitions: count, child)
            default: return plan
            }
        }
    }
}
