extension CorrelatedSubqueries {
    /// `expressions` over `input` with their correlated scalar subqueries replaced by columns
    /// of a left outer join, as Spark's `RewriteCorrelatedScalarSubquery`: the subquery's
    /// aggregate is grouped by the inner sides of its equality correlations and joined on
    /// them. A group with no rows gives what the aggregate gives over no rows (0 for `count`,
    /// otherwise null). Returns the rewritten expressions and the (widened) input; the input is
    /// unchanged when nothing is correlated.
    /// - Throws: `AnalysisError.unsupported` when the subquery is not a single aggregate or
    ///   its correlation is not a conjunction of equalities.
    func scalars(_ expressions: [Expression], input: LogicalPlan) throws -> ([Expression], LogicalPlan) {
        let outerIds = Set(input.output.map(\.id))
        var plan = input
        var failure: Error?
        let rewritten = expressions.map { expression in
            expression.transformUp { node in
                guard failure == nil, case let .scalarSubquery(subquery) = node,
                      Self.isCorrelated(subquery, to: outerIds) else { return node }
                do {
                    let (value, joined) = try join(plan, subquery, outerIds: outerIds)
                    plan = joined
                    return value
                } catch {
                    failure = error
                    return node
                }
            }
        }
        if let failure { throw failure }
        return (rewritten, plan)
    }

    /// `outer` left-joined with the grouped subquery, and the expression reading its value.
    private func join(_ outer: LogicalPlan, _ subquery: LogicalPlan, outerIds: Set<Int>) throws -> (Expression, LogicalPlan) {
        var body = subquery
        while case let .subqueryAlias(_, child) = body { body = child }
        guard case let .aggregate(grouping, aggregates, child) = body, grouping.isEmpty, aggregates.count == 1 else {
            throw AnalysisError.unsupported("a correlated scalar subquery must be one aggregate without GROUP BY, "
                                            + "e.g. (SELECT max(x) FROM t WHERE t.k = outer.k)")
        }
        let (inner, correlation) = try Self.pullUpCorrelation(child, outerIds: outerIds)
        var keys: [(outer: Expression, inner: Expression)] = []
        for predicate in correlation {
            guard case let .binary(.equal, a, b) = predicate else { throw Self.notEquality(predicate) }
            let aIds = Self.referencedIds(a), bIds = Self.referencedIds(b)
            if aIds.isSubset(of: outerIds), bIds.isDisjoint(with: outerIds) {
                keys.append((a, b))
            } else if bIds.isSubset(of: outerIds), aIds.isDisjoint(with: outerIds) {
                keys.append((b, a))
            } else {
                throw Self.notEquality(predicate)
            }
        }
        let innerKeys = keys.enumerated().map { Expression.alias($0.element.inner, name: "key\($0.offset)", id: Attribute.newId()) }
        let matched = Expression.alias(.literal(.boolean(true)), name: "matched", id: Attribute.newId())
        let grouped = LogicalPlan.aggregate(grouping: keys.map(\.inner), aggregates: aggregates + innerKeys + [matched], inner)
        let condition = PredicatePushdown.conjoin(zip(keys, innerKeys).map { .binary(.equal, $0.outer, .attribute($1.toAttribute)) })
        let joined = LogicalPlan.join(outer, grouped, .leftOuter, condition: condition, using: [])
        let result = aggregates[0].toAttribute.asNullable
        guard let empty = emptyResult(aggregates[0]), !empty.isNull else { return (.attribute(result), joined) }
        return (.caseWhen([WhenClause(condition: .unary(.isNull, .attribute(matched.toAttribute.asNullable)), value: .literal(empty))],
                          otherwise: .attribute(result)), joined)
    }

    /// What `aggregate` gives over no rows: `count` is 0, other aggregates null; nil when that
    /// does not fold to a constant.
    private func emptyResult(_ aggregate: Expression) -> Value? {
        let overNothing = aggregate.transformUp { node in
            guard case let .call(call) = node, call.kind == .aggregate else { return node }
            return call.name == "count" ? .literal(.long(0)) : .cast(.literal(.null), call.dataType)
        }
        switch ConstantFolding(functions: analyzer.functions).fold(overNothing) {
        case let .alias(.literal(value), _, _), let .literal(value): return Cast.cast(value, to: aggregate.dataType)
        case let .alias(.cast(.literal(value), _), _, _), let .cast(.literal(value), _): return Cast.cast(value, to: aggregate.dataType)
        default: return nil
        }
    }

    private static func notEquality(_ predicate: Expression) -> AnalysisError {
        .unsupported("a correlated scalar subquery can only correlate by equalities (inner = outer), not \(predicate.prettyName)")
    }
}
