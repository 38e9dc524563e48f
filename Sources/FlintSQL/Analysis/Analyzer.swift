/// Resolves a parsed or built plan, as Spark's `Analyzer`: tables and views through the
/// catalog, CTEs, column names through each operator's input (with the nearest names when one
/// is unknown), `*`, function calls through the registry, implicit casts, `USING` joins,
/// `HAVING` and `ORDER BY` on aggregates and on columns that the select list dropped.
struct Analyzer {
    let catalog: Catalog
    let functions: FunctionRegistry
    /// The columns of the enclosing queries, when analysing a subquery: names not found in the
    /// subquery resolve to them (correlation).
    var outer: [Attribute] = []

    /// The resolved plan.
    /// - Throws: `AnalysisError` naming what could not be resolved.
    func analyze(_ plan: LogicalPlan) throws -> LogicalPlan {
        let resolved = try resolve(plan, ctes: [:])
        if outer.isEmpty { try Self.checkNoCorrelationLeft(in: resolved) }
        return resolved
    }

    /// An analyser for a subquery of an operator whose input is `input`.
    func forSubquery(of input: [Attribute]) -> Analyzer {
        Analyzer(catalog: catalog, functions: functions, outer: input + outer)
    }

    /// Correlated subqueries that were not rewritten into joins (a correlated scalar subquery,
    /// or EXISTS / IN outside a WHERE conjunct) are reported, not run.
    private static func checkNoCorrelationLeft(in plan: LogicalPlan) throws {
        for expression in plan.nodeExpressions {
            var subqueries: [(Expression, LogicalPlan)] = []
            _ = expression.contains { node in
                switch node {
                case let .scalarSubquery(subquery), let .exists(subquery), let .inSubquery(_, subquery):
                    subqueries.append((node, subquery))
                default: break
                }
                return false
            }
            for (node, subquery) in subqueries {
                if !CorrelatedSubqueries.outerReferences(subquery).isEmpty {
                    let kind = if case .scalarSubquery = node { "a correlated scalar subquery" } else {
                        "a correlated EXISTS / IN subquery outside a conjunct of WHERE"
                    }
                    throw AnalysisError.unsupported("\(kind) is not supported: \(node.prettyName)")
                }
                try checkNoCorrelationLeft(in: subquery)
            }
        }
        for child in plan.children { try checkNoCorrelationLeft(in: child) }
    }

    private func resolve(_ plan: LogicalPlan, ctes: [String: LogicalPlan]) throws -> LogicalPlan {
        func child(_ plan: LogicalPlan) throws -> LogicalPlan { try resolve(plan, ctes: ctes) }
        switch plan {
        case let .unresolvedRelation(parts):
            let name = parts.joined(separator: ".")
            if let cte = ctes[name.lowercased()] { return .subqueryAlias(parts.last!, outer.isEmpty ? cte : cte.refreshingIds()) }
            guard let view = catalog.lookup(name) else { throw AnalysisError.tableNotFound(name: name) }
            // In a subquery, a table may also be read by the outer query: fresh ids keep its
            // columns apart from the outer ones (Spark's DeduplicateRelations).
            return .subqueryAlias(parts.last!, outer.isEmpty ? view : view.refreshingIds())
        case let .with(definitions, body):
            var scope = ctes
            for definition in definitions { scope[definition.name.lowercased()] = try resolve(definition.plan, ctes: scope) }
            return try resolve(body, ctes: scope)
        case .localRelation, .fileScan, .rddScan, .window:
            return plan
        case let .project(expressions, input):
            let resolvedInput = try child(input)
            let list = try namedList(expressions, input: resolvedInput.output)
            if list.contains(where: \.containsAggregate) { return .aggregate(grouping: [], aggregates: list, resolvedInput) }
            let (rewritten, widened) = try CorrelatedSubqueries(analyzer: self).scalars(list, input: resolvedInput)
            return try WindowPlanner.plan(project: rewritten, input: widened)
        case let .filter(condition, input):
            return try resolveFilter(condition, input: try child(input))
        case let .aggregate(grouping, aggregates, input):
            let resolvedInput = try child(input)
            let list = try namedList(aggregates, input: resolvedInput.output)
            let keys = try grouping.map { key -> Expression in
                // GROUP BY 1 refers to the first select item; GROUP BY alias to a select item.
                if case let .literal(.integer(position)) = key, (1...list.count).contains(Int(position)) {
                    return stripAlias(list[Int(position) - 1])
                }
                if case let .unresolvedAttribute(parts) = key, parts.count == 1,
                   (try? resolveColumn(parts, input: resolvedInput.output)) == nil,
                   let item = list.first(where: { $0.toAttribute.name.lowercased() == parts[0].lowercased() }) {
                    return stripAlias(item)
                }
                return try resolveExpression(key, input: resolvedInput.output)
            }
            return .aggregate(grouping: keys, aggregates: list, resolvedInput)
        case let .sort(orders, isGlobal, input):
            return try resolveSort(orders, isGlobal: isGlobal, input: try child(input))
        case let .limit(count, input):
            return .limit(count, try child(input))
        case let .distinct(input):
            return .distinct(try child(input))
        case let .deduplicate(keys, input):
            let resolvedInput = try child(input)
            return .deduplicate(keys: try keys.map { try resolveExpression($0, input: resolvedInput.output) }, resolvedInput)
        case let .subqueryAlias(name, input):
            return .subqueryAlias(name, try child(input))
        case let .sample(lower, upper, seed, input):
            return .sample(lowerBound: lower, upperBound: upper, seed: seed, try child(input))
        case let .repartition(count, shuffle, input):
            return .repartition(count, shuffle: shuffle, try child(input))
        case let .repartitionByExpression(keys, count, input):
            let resolvedInput = try child(input)
            return .repartitionByExpression(try keys.map { try resolveExpression($0, input: resolvedInput.output) },
                                            numPartitions: count, resolvedInput)
        case let .join(left, right, type, condition, using):
            return try JoinResolver(analyzer: self).resolve(left: try child(left), right: try child(right), type: type,
                                                            condition: condition, using: using)
        case let .union(children, byName, allowMissing):
            return try SetOperationResolver(analyzer: self).union(try children.map(child), byName: byName,
                                                                   allowMissingColumns: allowMissing)
        case let .setOperation(operation, left, right, isAll):
            let (l, r) = try SetOperationResolver(analyzer: self).aligned(try child(left), try child(right),
                                                                          operation: operation.rawValue)
            return .setOperation(operation, l, r, isAll: isAll)
        }
    }

    /// Expands stars, resolves, and names every item (unnamed ones after Spark's pretty names).
    func namedList(_ expressions: [Expression], input: [Attribute]) throws -> [Expression] {
        try expressions.flatMap { expression -> [Expression] in
            if case let .star(qualifier) = expression {
                let columns = qualifier.map { q in input.filter { $0.qualifier?.lowercased() == q.lowercased() } } ?? input
                if let qualifier, columns.isEmpty {
                    throw AnalysisError.unresolvedColumn(name: "\(qualifier).*", suggestions: Array(Set(input.compactMap(\.qualifier))).sorted())
                }
                return columns.map { .attribute($0) }
            }
            let resolved = try resolveExpression(expression, input: input)
            switch resolved {
            case .attribute, .alias: return [resolved]
            default: return [.alias(resolved, name: expression.prettyName, id: Attribute.newId())]
            }
        }
    }

    private func stripAlias(_ expression: Expression) -> Expression {
        if case let .alias(child, _, _) = expression { return child }
        return expression
    }

    /// A filter; over an aggregate (HAVING), aggregate calls in the condition are computed by
    /// the aggregate and read back by name.
    private func resolveFilter(_ condition: Expression, input: LogicalPlan) throws -> LogicalPlan {
        if case let .aggregate(grouping, aggregates, aggregateInput) = input {
            if let resolved = try? resolveExpression(condition, input: input.output), !resolved.containsAggregate {
                return .filter(try booleanCondition(resolved), input)
            }
            // Resolve against the aggregate's input, then move aggregate calls into the aggregate.
            let resolved = try resolveExpression(condition, input: aggregateInput.output + input.output)
            var extra: [Expression] = []
            let rewritten = resolved.transformUp { node in
                guard case let .call(call) = node, call.kind == .aggregate else { return node }
                if let existing = aggregates.first(where: { stripAlias($0) == node }) { return .attribute(existing.toAttribute) }
                let alias = Expression.alias(node, name: node.prettyName, id: Attribute.newId())
                extra.append(alias)
                return .attribute(alias.toAttribute)
            }
            let widened = LogicalPlan.aggregate(grouping: grouping, aggregates: aggregates + extra, aggregateInput)
            let filtered = LogicalPlan.filter(try booleanCondition(rewritten), widened)
            return extra.isEmpty ? filtered : .project(input.output.map { .attribute($0) }, filtered)
        }
        let resolved = try booleanCondition(try resolveExpression(condition, input: input.output))
        let subqueries = CorrelatedSubqueries(analyzer: self)
        let (rewritten, widened) = try subqueries.scalars([resolved], input: input)
        let filtered = try subqueries.filter(rewritten[0], widened)
        return widened == input ? filtered : .project(input.output.map { .attribute($0) }, filtered)
    }

    private func booleanCondition(_ condition: Expression) throws -> Expression {
        guard condition.dataType == .boolean || condition.dataType == .null else {
            throw AnalysisError.typeMismatch(expression: condition.prettyName,
                                             reason: "a filter condition must be boolean, not \(condition.dataType.simpleString)")
        }
        return condition
    }

    /// A sort; keys the select list dropped are resolved below it and carried up (Spark's
    /// ResolveMissingReferences), then projected away.
    private func resolveSort(_ orders: [SortOrder], isGlobal: Bool, input: LogicalPlan) throws -> LogicalPlan {
        if let resolved = try? orders.map({ try resolveOrder($0, input: input.output) }) {
            return .sort(resolved, isGlobal: isGlobal, input)
        }
        guard case let .project(list, projectInput) = input else {
            return .sort(try orders.map { try resolveOrder($0, input: input.output) }, isGlobal: isGlobal, input)
        }
        let resolved = try orders.map { try resolveOrder($0, input: input.output + projectInput.output) }
        let missing = resolved.flatMap { $0.expression.references }.filter { attribute in
            !input.output.contains { $0.id == attribute.id }
        }
        let widened = LogicalPlan.project(list + Set(missing).map { .attribute($0) }, projectInput)
        return .project(input.output.map { .attribute($0) }, .sort(resolved, isGlobal: isGlobal, widened))
    }

    private func resolveOrder(_ order: SortOrder, input: [Attribute]) throws -> SortOrder {
        let expression = try resolveExpression(order.expression, input: input)
        guard expression.dataType.isOrderable else {
            throw AnalysisError.typeMismatch(expression: expression.prettyName,
                                             reason: "cannot sort by a value of type \(expression.dataType.simpleString)")
        }
        return SortOrder(expression, ascending: order.ascending, nullsFirst: order.nullsFirst)
    }
}
