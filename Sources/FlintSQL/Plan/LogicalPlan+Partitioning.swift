extension LogicalPlan {
    /// The attributes by which the executed plan's output is already hash-partitioned over
    /// `flint.sql.shuffle.partitions` partitions (`KeyHashing` of those columns, as a join's
    /// exchange splits its sides), as Spark's `outputPartitioning`: a grouped aggregate on the
    /// columnar path leaves its groups where its shuffle put them, as does `repartition(cols)`,
    /// and filters, aliases and projections that pass the key columns through keep that. nil
    /// when unknown. O(plan depth).
    var hashPartitioning: [Attribute]? {
        switch self {
        case let .aggregate(grouping, aggregates, _):
            guard !grouping.isEmpty, ColumnarAggregator.operations(for: QueryExecutor.aggregateCalls(aggregates)) != nil else { return nil }
            var keys: [Attribute] = []
            for expression in grouping {
                // The key column must be in the output as itself (not renamed or computed).
                guard case let .attribute(key) = expression,
                      aggregates.contains(where: { if case let .attribute(a) = $0 { a.id == key.id } else { false } }) else { return nil }
                keys.append(key)
            }
            return keys
        case let .repartitionByExpression(keys, _, _):
            // Split by KeyHashing of the keys, as a join's exchange; the partition count is
            // checked against the join's when it runs.
            var attributes: [Attribute] = []
            for key in keys {
                guard case let .attribute(attribute) = key else { return nil }
                attributes.append(attribute)
            }
            return attributes
        case let .filter(_, child), let .subqueryAlias(_, child):
            return child.hashPartitioning
        case let .project(expressions, child):
            guard let keys = child.hashPartitioning else { return nil }
            let passed = Set(expressions.compactMap { if case let .attribute(a) = $0 { a.id } else { nil } })
            return keys.allSatisfy { passed.contains($0.id) } ? keys : nil
        default:
            return nil
        }
    }

    /// Whether the executed plan's rows with equal `keys` are already in the same partition, in
    /// the partition a join's exchange on `keys` would send them to (no shuffle needed).
    func isHashPartitioned(by keys: [Expression]) -> Bool {
        guard let partitioning = hashPartitioning, partitioning.count == keys.count else { return false }
        return zip(partitioning, keys).allSatisfy { attribute, key in
            if case let .attribute(a) = key { a.id == attribute.id } else { false }
        }
    }
}
