/// Moves left semi and anti joins below projections and aggregates, as Spark's
/// PushDownLeftSemiAntiJoin, so that they drop rows before the work above them: through a
/// projection when the join condition reads only columns it passes through unchanged, and
/// through an aggregate when it reads only grouping columns (a group's rows all have its key,
/// so keeping or dropping the rows keeps or drops the group). Cost: O(condition size) per node.
enum LeftSemiJoinPushdown {
    static func rule(_ plan: LogicalPlan) -> LogicalPlan {
        guard case let .join(left, right, type, condition?, using) = plan, type == .leftSemi || type == .leftAnti,
              using.isEmpty else { return plan }
        // A condition on the right side alone keeps or drops every left row at once: not pushed
        // (below a global aggregate it would change the one row that aggregate always returns).
        let rightIds = Set(right.output.map(\.id))
        let leftReferences = Set(condition.references.map(\.id)).subtracting(rightIds)
        guard !leftReferences.isEmpty else { return plan }
        func pushed(_ child: LogicalPlan) -> LogicalPlan { .join(child, right, type, condition: condition, using: []) }
        switch left {
        case let .project(list, child) where list.allSatisfy(\.isDeterministic)
            && leftReferences.isSubset(of: passedThrough(list)):
            return .project(list, pushed(child))
        case let .aggregate(grouping, aggregates, child) where aggregates.allSatisfy(\.isDeterministic)
            && leftReferences.isSubset(of: passedThrough(grouping).intersection(passedThrough(aggregates))):
            return .aggregate(grouping: grouping, aggregates: aggregates, pushed(child))
        default:
            return plan
        }
    }

    /// The ids of the plain attributes of `list` (columns that keep their id across the node).
    private static func passedThrough(_ list: [Expression]) -> Set<Int> {
        Set(list.compactMap { expression -> Int? in
            if case let .attribute(attribute) = expression { return attribute.id }
            return nil
        })
    }
}
