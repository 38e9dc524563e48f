extension LogicalPlan {
    /// The columns a resolved plan produces, in order.
    public var output: [Attribute] {
        switch self {
        case .unresolvedRelation, .with: return []
        case let .localRelation(output, _): return output
        case let .fileScan(relation): return relation.requiredColumns ?? relation.output
        case let .rddScan(relation): return relation.output
        case let .project(expressions, _): return expressions.map(\.toAttribute)
        case let .aggregate(_, aggregates, _): return aggregates.map(\.toAttribute)
        case let .filter(_, child), let .sort(_, _, child), let .limit(_, child), let .distinct(child),
             let .deduplicate(_, child), let .sample(_, _, _, child), let .repartition(_, _, child),
             let .repartitionByExpression(_, _, child):
            return child.output
        case let .join(left, right, type, _, _):
            switch type {
            case .leftSemi, .leftAnti: return left.output
            case .leftOuter: return left.output + right.output.map(\.asNullable)
            case .rightOuter: return left.output.map(\.asNullable) + right.output
            case .fullOuter: return (left.output + right.output).map(\.asNullable)
            case .inner, .cross: return left.output + right.output
            }
        case let .union(children, _, _):
            guard let first = children.first else { return [] }
            return first.output.enumerated().map { index, attribute in
                var merged = attribute
                merged.nullable = children.contains { $0.output.indices.contains(index) && $0.output[index].nullable }
                return merged
            }
        case let .setOperation(_, left, _, _): return left.output
        case let .subqueryAlias(name, child):
            return child.output.map { attribute in
                var qualified = attribute
                qualified.qualifier = name
                return qualified
            }
        case let .window(expressions, child): return child.output + expressions.map(\.toAttribute)
        }
    }

    /// The schema of the plan's output.
    public var schema: StructType { StructType(output.map(\.field)) }
}

extension Attribute {
    /// The same column, nullable (the outer side of an outer join).
    var asNullable: Attribute {
        var copy = self
        copy.nullable = true
        return copy
    }
}
