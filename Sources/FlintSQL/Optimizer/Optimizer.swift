/// Rewrites an analysed plan into a cheaper equivalent, as Spark's Catalyst optimizer: rules
/// run in order, repeatedly, until the plan stops changing (at most 10 rounds). Every rule
/// keeps the plan's output (names, ids and types) unchanged.
struct Optimizer {
    let functions: FunctionRegistry
    /// The broadcast threshold for `SemiJoinReduction`, or nil when that rule is off.
    let semiJoinReductionThreshold: Int?

    /// The optimizer with `session`'s functions and `flint.sql.*` settings.
    init(session: FlintSession) {
        functions = session.functions
        semiJoinReductionThreshold = session.semiJoinReductionEnabled ? session.broadcastThreshold : nil
    }

    /// The optimised plan.
    func optimize(_ plan: LogicalPlan) -> LogicalPlan {
        let optimized = pruned(fixedPoint(plan))
        // Semi-join reduction sizes the relations by the columns they read: after pruning.
        guard let threshold = semiJoinReductionThreshold else { return optimized }
        let reduced = SemiJoinReduction.apply(optimized, threshold: threshold)
        return reduced == optimized ? optimized : pruned(fixedPoint(reduced))
    }

    private func pruned(_ plan: LogicalPlan) -> LogicalPlan {
        ColumnPruning.prune(plan).transformUp(Self.combineAndPrune)
    }

    /// The rounds of rules, until the plan stops changing (at most 10).
    private func fixedPoint(_ plan: LogicalPlan) -> LogicalPlan {
        var current = plan
        for _ in 0..<10 {
            let next = round(current)
            if next == current { break }
            current = next
        }
        return current
    }

    private func round(_ plan: LogicalPlan) -> LogicalPlan {
        var result = plan.transformUp(Self.removeAliases)
        result = result.transformExpressions { ConstantFolding(functions: functions).fold($0) }
        result = result.transformDown(PredicatePushdown.rule)
        result = result.transformDown(LeftSemiJoinPushdown.rule)
        result = result.transformUp(Self.combineAndPrune)
        return result
    }

    /// Drops `SubqueryAlias` nodes: after analysis, qualifiers live in the attributes.
    static func removeAliases(_ plan: LogicalPlan) -> LogicalPlan {
        if case let .subqueryAlias(_, child) = plan { return child }
        return plan
    }

    /// Combines adjacent filters and projections; removes filters that are always true,
    /// projections that return their input unchanged, and sorts whose order an aggregate
    /// above them discards (Spark's EliminateSorts).
    static func combineAndPrune(_ plan: LogicalPlan) -> LogicalPlan {
        switch plan {
        case let .aggregate(grouping, aggregates, .sort(_, _, child)) where !isOrderSensitive(aggregates):
            return .aggregate(grouping: grouping, aggregates: aggregates, child)
        case let .aggregate(grouping, aggregates, .project(list, .sort(_, _, child))) where !isOrderSensitive(aggregates):
            return .aggregate(grouping: grouping, aggregates: aggregates, .project(list, child))
        case let .filter(.literal(.boolean(true)), child):
            return child
        case let .filter(outer, .filter(inner, child)):
            return .filter(.binary(.and, inner, outer), child)
        case let .project(list, child) where list.map(\.toAttribute) == child.output:
            return child
        case let .project(outer, .project(inner, child)) where inner.allSatisfy(\.isDeterministic):
            let substitution = Dictionary(inner.map { ($0.toAttribute.id, $0) }, uniquingKeysWith: { a, _ in a })
            return .project(outer.map { substitute($0, substitution) }, child)
        default:
            return plan
        }
    }

    /// Whether an aggregate list reads its input's order (first, last, collect_list).
    static func isOrderSensitive(_ aggregates: [Expression]) -> Bool {
        aggregates.contains { item in
            item.contains { node in
                if case let .call(call) = node { return ["first", "last", "collect_list"].contains(call.name) }
                return false
            }
        }
    }

    /// `expression` with attributes defined by `definitions` (id → defining expression) replaced
    /// by their definitions, keeping the outer names.
    static func substitute(_ expression: Expression, _ definitions: [Int: Expression]) -> Expression {
        switch expression {
        case let .attribute(attribute):
            guard let definition = definitions[attribute.id] else { return expression }
            if case let .alias(body, _, _) = definition { return .alias(body, name: attribute.name, id: attribute.id) }
            return definition
        case let .alias(child, name, id):
            return .alias(inline(child, definitions), name: name, id: id)
        default:
            return inline(expression, definitions)
        }
    }

    /// `expression` with each attribute defined by `definitions` replaced by its definition's
    /// body (the expression under its alias).
    static func inline(_ expression: Expression, _ definitions: [Int: Expression]) -> Expression {
        guard case let .attribute(attribute) = expression, let definition = definitions[attribute.id] else {
            return expression.mapChildren { inline($0, definitions) }
        }
        if case let .alias(body, _, _) = definition { return body }
        return definition
    }
}

extension Expression {
    /// Whether evaluating it twice gives the same result (no random functions yet: always).
    var isDeterministic: Bool { true }
}
