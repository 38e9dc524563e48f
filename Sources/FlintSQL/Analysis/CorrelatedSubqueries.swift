/// Correlated `EXISTS` / `IN` subqueries in a filter, rewritten into joins as Spark's
/// `RewritePredicateSubquery` does: `WHERE EXISTS (SELECT ... WHERE inner.k = outer.k)` becomes
/// a left semi join of the outer plan with the subquery on the correlation predicates; `NOT
/// EXISTS` a left anti join; `x IN (SELECT y ...)` a semi join on `x = y` plus the correlation;
/// `x NOT IN (...)` an anti join on `x = y OR (x = y) IS NULL` (null-aware: a null on either
/// side excludes the row, as SQL says). Uncorrelated subqueries are left alone: they run once
/// before the query.
///
/// Outer columns may appear only in the filters of the subquery's top chain of filters and
/// projections (the common form); elsewhere the analyzer reports them as unsupported.
struct CorrelatedSubqueries {
    let analyzer: Analyzer

    /// `condition` over `input`, with its correlated EXISTS / IN conjuncts turned into joins.
    /// - Throws: `AnalysisError.unsupported` for a correlated subquery in another position.
    func filter(_ condition: Expression, _ input: LogicalPlan) throws -> LogicalPlan {
        let outerIds = Set(input.output.map(\.id))
        var plan = input
        var remaining: [Expression] = []
        for conjunct in JoinExecutor.conjuncts(condition) {
            switch conjunct {
            case let .exists(subquery) where Self.isCorrelated(subquery, to: outerIds):
                plan = try join(plan, subquery, value: nil, negated: false, outerIds: outerIds)
            case let .unary(.not, .exists(subquery)) where Self.isCorrelated(subquery, to: outerIds):
                plan = try join(plan, subquery, value: nil, negated: true, outerIds: outerIds)
            case let .inSubquery(value, subquery) where Self.isCorrelated(subquery, to: outerIds):
                plan = try join(plan, subquery, value: value, negated: false, outerIds: outerIds)
            case let .unary(.not, .inSubquery(value, subquery)) where Self.isCorrelated(subquery, to: outerIds):
                plan = try join(plan, subquery, value: value, negated: true, outerIds: outerIds)
            default:
                remaining.append(conjunct)
            }
        }
        return remaining.isEmpty ? plan : .filter(PredicatePushdown.conjoin(remaining), plan)
    }

    private func join(_ outer: LogicalPlan, _ subquery: LogicalPlan, value: Expression?, negated: Bool,
                      outerIds: Set<Int>) throws -> LogicalPlan {
        let (inner, correlation) = try Self.pullUpCorrelation(subquery, outerIds: outerIds)
        var conditions = correlation
        if let value {
            let matches = try analyzer.coerce(.binary(.equal, value, .attribute(inner.output[0])))
            conditions.insert(negated ? .binary(.or, matches, .unary(.isNull, matches)) : matches, at: 0)
        }
        return .join(outer, inner, negated ? .leftAnti : .leftSemi, condition: PredicatePushdown.conjoin(conditions), using: [])
    }

    /// The subquery without its correlated predicates, and those predicates; projections keep
    /// the inner columns the predicates read.
    static func pullUpCorrelation(_ plan: LogicalPlan, outerIds: Set<Int>) throws -> (LogicalPlan, [Expression]) {
        switch plan {
        case let .filter(condition, child):
            let (input, pulled) = try pullUpCorrelation(child, outerIds: outerIds)
            let conjuncts = JoinExecutor.conjuncts(condition)
            let correlated = conjuncts.filter { !referencedIds($0).isDisjoint(with: outerIds) }
            let kept = conjuncts.filter { referencedIds($0).isDisjoint(with: outerIds) }
            return (kept.isEmpty ? input : .filter(PredicatePushdown.conjoin(kept), input), pulled + correlated)
        case let .project(list, child):
            guard list.allSatisfy({ referencedIds($0).isDisjoint(with: outerIds) }) else {
                throw unsupported("in the select list of a subquery")
            }
            let (input, pulled) = try pullUpCorrelation(child, outerIds: outerIds)
            let listed = Set(list.map(\.toAttribute.id))
            let needed = input.output.filter { attribute in
                !listed.contains(attribute.id) && pulled.contains { $0.references.contains(attribute) }
            }
            return (.project(list + needed.map { .attribute($0) }, input), pulled)
        case let .subqueryAlias(name, child):
            let (input, pulled) = try pullUpCorrelation(child, outerIds: outerIds)
            return (.subqueryAlias(name, input), pulled)
        default:
            guard isCorrelated(plan, to: outerIds) else { return (plan, []) }
            throw unsupported("below an aggregate, join, sort or limit of a subquery")
        }
    }

    private static func unsupported(_ position: String) -> AnalysisError {
        .unsupported("a correlated outer column reference \(position) is not supported; "
                     + "correlate in the subquery's WHERE clause (e.g. WHERE inner.k = outer.k)")
    }

    /// Whether `plan` reads any of `outerIds`.
    static func isCorrelated(_ plan: LogicalPlan, to outerIds: Set<Int>) -> Bool {
        !referencedIds(plan).isDisjoint(with: outerIds)
    }

    /// The ids of the columns `plan` reads that it does not define (references to an outer
    /// query).
    static func outerReferences(_ plan: LogicalPlan) -> Set<Int> {
        referencedIds(plan).subtracting(definedIds(plan))
    }

    /// Every attribute id read by `plan`'s expressions, nested subqueries included.
    static func referencedIds(_ plan: LogicalPlan) -> Set<Int> {
        plan.children.reduce(into: Set(plan.nodeExpressions.flatMap(referencedIds))) { $0.formUnion(referencedIds($1)) }
    }

    static func referencedIds(_ expression: Expression) -> Set<Int> {
        var ids = Set<Int>()
        _ = expression.contains { node in
            switch node {
            case let .attribute(attribute): ids.insert(attribute.id)
            case let .scalarSubquery(plan), let .exists(plan), let .inSubquery(_, plan): ids.formUnion(outerReferences(plan))
            default: break
            }
            return false
        }
        return ids
    }

    /// Every attribute id some node of `plan` outputs or names.
    private static func definedIds(_ plan: LogicalPlan) -> Set<Int> {
        plan.children.reduce(into: Set(plan.output.map(\.id))) { $0.formUnion(definedIds($1)) }
    }
}

extension LogicalPlan {
    /// The expressions this node holds (not its children's).
    var nodeExpressions: [Expression] {
        switch self {
        case let .project(list, _), let .window(list, _): list
        case let .filter(condition, _): [condition]
        case let .aggregate(grouping, aggregates, _): grouping + aggregates
        case let .sort(orders, _, _): orders.map(\.expression)
        case let .deduplicate(keys, _), let .repartitionByExpression(keys, _, _): keys
        case let .join(_, _, _, condition, _): condition.map { [$0] } ?? []
        case let .fileScan(relation): relation.pushedFilters
        default: []
        }
    }
}
