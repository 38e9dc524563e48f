/// Moves filters toward the data, as Spark's PushDownPredicates: through projections (with
/// aliases substituted), sorts and aggregates (conditions on grouping columns only), into the
/// sides of joins (conditions on one side, where the join type allows) and into inner joins'
/// conditions; a filter above a file scan becomes the scan's pushed filters.
enum PredicatePushdown {
    static func rule(_ plan: LogicalPlan) -> LogicalPlan {
        guard case let .filter(condition, child) = plan else {
            if case let .join(left, right, type, condition?, using) = plan, type == .inner || type == .cross {
                return pushJoinCondition(left, right, condition: condition, using: using)
            }
            return plan
        }
        switch child {
        case let .project(list, input) where list.allSatisfy(\.isDeterministic) && !list.contains(where: \.containsAggregate):
            let definitions = Dictionary(list.map { ($0.toAttribute.id, $0) }, uniquingKeysWith: { a, _ in a })
            return .project(list, .filter(Optimizer.inline(condition, definitions), input))
        case let .sort(orders, isGlobal, input):
            return .sort(orders, isGlobal: isGlobal, .filter(condition, input))
        case let .aggregate(grouping, aggregates, input):
            let groupingIds = Set(grouping.flatMap { key -> [Int] in
                if case let .attribute(attribute) = key { return [attribute.id] }
                return []
            })
            let (below, above) = split(condition) { Set($0.references.map(\.id)).isSubset(of: groupingIds) && !$0.references.isEmpty }
            guard !below.isEmpty else { return plan }
            let pushed = LogicalPlan.aggregate(grouping: grouping, aggregates: aggregates, .filter(conjoin(below), input))
            return above.isEmpty ? pushed : .filter(conjoin(above), pushed)
        case let .join(left, right, type, joinCondition, using):
            let leftIds = Set(left.output.map(\.id)), rightIds = Set(right.output.map(\.id))
            var remaining: [Expression] = []
            var toLeft: [Expression] = [], toRight: [Expression] = []
            for conjunct in JoinExecutor.conjuncts(condition) {
                let ids = Set(conjunct.references.map(\.id))
                if !ids.isEmpty, ids.isSubset(of: leftIds), [.inner, .cross, .leftOuter, .leftSemi, .leftAnti].contains(type) {
                    toLeft.append(conjunct)
                } else if !ids.isEmpty, ids.isSubset(of: rightIds), [.inner, .cross, .rightOuter].contains(type) {
                    toRight.append(conjunct)
                } else {
                    remaining.append(conjunct)
                }
            }
            guard !toLeft.isEmpty || !toRight.isEmpty else { return plan }
            let join = LogicalPlan.join(toLeft.isEmpty ? left : .filter(conjoin(toLeft), left),
                                        toRight.isEmpty ? right : .filter(conjoin(toRight), right),
                                        type, condition: joinCondition, using: using)
            return remaining.isEmpty ? join : .filter(conjoin(remaining), join)
        case var .fileScan(relation):
            relation.pushedFilters += JoinExecutor.conjuncts(condition).filter { !relation.pushedFilters.contains($0) }
            return .filter(condition, .fileScan(relation))
        default:
            return plan
        }
    }

    /// Conjuncts of an inner join's condition that read one side only become filters on it.
    private static func pushJoinCondition(_ left: LogicalPlan, _ right: LogicalPlan, condition: Expression,
                                          using: [String]) -> LogicalPlan {
        let leftIds = Set(left.output.map(\.id)), rightIds = Set(right.output.map(\.id))
        let conjuncts = JoinExecutor.conjuncts(condition)
        let toLeft = conjuncts.filter { let ids = Set($0.references.map(\.id)); return !ids.isEmpty && ids.isSubset(of: leftIds) }
        let toRight = conjuncts.filter { let ids = Set($0.references.map(\.id)); return !ids.isEmpty && ids.isSubset(of: rightIds) }
        guard !toLeft.isEmpty || !toRight.isEmpty else { return .join(left, right, .inner, condition: condition, using: using) }
        let rest = conjuncts.filter { !toLeft.contains($0) && !toRight.contains($0) }
        return .join(toLeft.isEmpty ? left : .filter(conjoin(toLeft), left),
                     toRight.isEmpty ? right : .filter(conjoin(toRight), right),
                     rest.isEmpty ? .cross : .inner, condition: rest.isEmpty ? nil : conjoin(rest), using: using)
    }

    static func conjoin(_ conjuncts: [Expression]) -> Expression {
        conjuncts.dropFirst().reduce(conjuncts[0]) { .binary(.and, $0, $1) }
    }

    private static func split(_ condition: Expression, _ predicate: (Expression) -> Bool) -> ([Expression], [Expression]) {
        let conjuncts = JoinExecutor.conjuncts(condition)
        return (conjuncts.filter(predicate), conjuncts.filter { !predicate($0) })
    }
}
