extension LogicalPlan {
    /// The same plan with every attribute it defines given a new id (scans' columns, aliases),
    /// and every reference rewritten to match: a second copy of a relation that can be joined
    /// with the first (Spark's DeduplicateRelations for self-joins and repeated views).
    func refreshingIds() -> LogicalPlan { renumberingIds { _ in Attribute.newId() } }

    /// The plan with its attribute ids numbered 0, 1, 2, ... in the order they are met: two
    /// plans that compute the same result from the same inputs, built separately (e.g. two
    /// reads of one file), have equal canonical forms (Spark's `sameResult`).
    var canonicalized: LogicalPlan {
        var next = 0
        return renumberingIds { _ in
            defer { next += 1 }
            return next
        }
    }

    /// The plan with every attribute id replaced by `newId(old)`, called once per distinct id,
    /// bottom-up, and every reference rewritten to match.
    private func renumberingIds(_ newId: (Int) -> Int) -> LogicalPlan {
        var mapping: [Int: Int] = [:]
        func fresh(_ id: Int) -> Int {
            if let mapped = mapping[id] { return mapped }
            let new = newId(id)
            mapping[id] = new
            return new
        }
        func renamed(_ attribute: Attribute) -> Attribute {
            var copy = attribute
            copy.id = fresh(attribute.id)
            return copy
        }
        func rewrite(_ expression: Expression) -> Expression {
            expression.transformUp { node in
                switch node {
                case let .attribute(attribute): return .attribute(renamed(attribute))
                case let .alias(child, name, id): return .alias(child, name: name, id: fresh(id))
                default: return node
                }
            }
        }
        func order(_ sort: SortOrder) -> SortOrder {
            SortOrder(rewrite(sort.expression), ascending: sort.ascending, nullsFirst: sort.nullsFirst)
        }
        return transformUp { plan in
            switch plan {
            case let .localRelation(output, rows): return .localRelation(output: output.map(renamed), rows: rows)
            case var .fileScan(relation):
                relation.output = relation.output.map(renamed)
                relation.requiredColumns = relation.requiredColumns?.map(renamed)
                relation.pushedFilters = relation.pushedFilters.map(rewrite)
                return .fileScan(relation)
            case var .rddScan(relation):
                relation.output = relation.output.map(renamed)
                return .rddScan(relation)
            case let .project(list, child): return .project(list.map(rewrite), child)
            case let .filter(condition, child): return .filter(rewrite(condition), child)
            case let .aggregate(grouping, aggregates, child):
                return .aggregate(grouping: grouping.map(rewrite), aggregates: aggregates.map(rewrite), child)
            case let .sort(orders, isGlobal, child): return .sort(orders.map(order), isGlobal: isGlobal, child)
            case let .deduplicate(keys, child): return .deduplicate(keys: keys.map(rewrite), child)
            case let .repartitionByExpression(keys, count, child): return .repartitionByExpression(keys.map(rewrite), numPartitions: count, child)
            case let .window(list, child): return .window(list.map(rewrite), child)
            case let .join(left, right, type, condition, using):
                return .join(left, right, type, condition: condition.map(rewrite), using: using)
            default: return plan
            }
        }
    }
}
