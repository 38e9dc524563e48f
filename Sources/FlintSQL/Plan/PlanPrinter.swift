/// Renders plans as Spark's `explain` does: one operator per line, children indented under
/// `+- ` (the last) or `:- ` (the others); attributes as `name#id`; unresolved names with a
/// leading `'`.
enum PlanPrinter {
    /// The tree string of a logical plan.
    static func logical(_ plan: LogicalPlan) -> String {
        tree(plan, describe: describeLogical, children: \.children)
    }

    /// The tree string of the physical operators the executor runs for an optimised plan,
    /// with the shuffle exchanges between them.
    static func physical(_ plan: LogicalPlan, shufflePartitions: Int, broadcastThreshold: Int) -> String {
        tree(PhysicalNode.build(plan, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold),
             describe: \.text, children: \.children)
    }

    static func tree<Node>(_ root: Node, describe: (Node) -> String, children: (Node) -> [Node]) -> String {
        var lines: [String] = []
        func visit(_ node: Node, prefix: String, childPrefix: String) {
            lines.append(prefix + describe(node))
            let kids = children(node)
            for (index, child) in kids.enumerated() {
                let last = index == kids.count - 1
                visit(child, prefix: childPrefix + (last ? "+- " : ":- "), childPrefix: childPrefix + (last ? "   " : ":  "))
            }
        }
        visit(root, prefix: "", childPrefix: "")
        return lines.joined(separator: "\n")
    }

    static func list(_ expressions: [Expression]) -> String { "[" + expressions.map(sql).joined(separator: ", ") + "]" }

    static func attributes(_ attributes: [Attribute]) -> String { "[" + attributes.map(\.description).joined(separator: ",") + "]" }

    /// An expression as plans show it: `(salary#2 * 0.1) AS bonus#5`, `'name`, `sum(x#1)`.
    static func sql(_ expression: Expression) -> String {
        switch expression {
        case let .attribute(attribute): return attribute.description
        case let .unresolvedAttribute(parts): return "'" + parts.joined(separator: ".")
        case let .alias(child, name, id): return "\(sql(child)) AS \(name)#\(id)"
        case let .literal(value): return value.isNull ? "null" : value.description
        case let .unary(op, child):
            switch op {
            case .negate: return "-\(sql(child))"
            case .not: return "NOT \(sql(child))"
            case .isNull: return "isnull(\(sql(child)))"
            case .isNotNull: return "isnotnull(\(sql(child)))"
            }
        case let .binary(op, left, right): return "(\(sql(left)) \(op.rawValue) \(sql(right)))"
        case let .cast(child, type): return "cast(\(sql(child)) as \(type.simpleString))"
        case let .function(name, arguments, distinct):
            return "'\(name)(\(distinct ? "distinct " : "")\(arguments.map(sql).joined(separator: ", ")))"
        case let .call(call): return "\(call.name)(\(call.isDistinct ? "distinct " : "")\(call.arguments.map(sql).joined(separator: ", ")))"
        case let .inList(value, items): return "\(sql(value)) IN (\(items.map(sql).joined(separator: ",")))"
        case let .caseWhen(clauses, otherwise):
            return "CASE " + clauses.map { "WHEN \(sql($0.condition)) THEN \(sql($0.value))" }.joined(separator: " ")
                + (otherwise.map { " ELSE \(sql($0))" } ?? "") + " END"
        default: return expression.prettyName
        }
    }

    static func orders(_ orders: [SortOrder]) -> String {
        "[" + orders.map { "\(sql($0.expression)) \($0.ascending ? "ASC" : "DESC") NULLS \($0.nullsFirst ? "FIRST" : "LAST")" }
            .joined(separator: ", ") + "]"
    }

    static func describeLogical(_ plan: LogicalPlan) -> String {
        switch plan {
        case let .unresolvedRelation(parts): return "'UnresolvedRelation [\(parts.joined(separator: ", "))]"
        case let .localRelation(output, _): return "LocalRelation \(attributes(output))"
        case let .fileScan(relation): return "Relation \(attributes(relation.requiredColumns ?? relation.output)) \(relation.format)"
        case let .rddScan(relation): return "LogicalRDD \(attributes(relation.output)), false"
        case let .project(items, _): return "Project \(list(items))"
        case let .filter(condition, _): return "Filter \(sql(condition))"
        case let .aggregate(grouping, aggregates, _): return "Aggregate \(list(grouping)), \(list(aggregates))"
        case let .sort(orders, isGlobal, _): return "Sort \(self.orders(orders)), \(isGlobal)"
        case let .limit(count, _): return "GlobalLimit \(count)"
        case let .join(_, _, type, condition, using):
            let typeName = type.planName
            if !using.isEmpty { return "Join UsingJoin(\(typeName),[\(using.joined(separator: ", "))])" }
            return "Join \(typeName)" + (condition.map { ", \(sql($0))" } ?? "")
        case let .union(_, byName, allowMissing): return "Union \(byName), \(allowMissing)"
        case let .setOperation(operation, _, _, isAll): return "\(operation == .intersect ? "Intersect" : "Except") \(isAll)"
        case .distinct: return "Distinct"
        case let .deduplicate(keys, _): return "Deduplicate \(list(keys))"
        case let .subqueryAlias(name, _): return "SubqueryAlias \(name)"
        case let .window(expressions, _): return "Window \(list(expressions))"
        case let .with(ctes, _): return "CTE [\(ctes.map(\.name).joined(separator: ", "))]"
        case let .sample(lower, upper, seed, _): return "Sample \(Value.double(lower)), \(Value.double(upper)), false, \(seed)"
        case let .repartition(count, shuffle, _): return "Repartition \(count), \(shuffle)"
        case let .repartitionByExpression(keys, count, _): return "RepartitionByExpression \(list(keys))" + (count.map { ", \($0)" } ?? "")
        }
    }
}
