extension Expression {
    /// The result type of a resolved expression (`.null` for parts not resolved yet).
    public var dataType: DataType {
        switch self {
        case let .attribute(attribute): return attribute.dataType
        case .unresolvedAttribute, .star, .function, .exists, .inSubquery, .inList: return self.isPredicate ? .boolean : .null
        case let .literal(value): return value.dataType
        case let .alias(child, _, _): return child.dataType
        case let .unary(op, child): return op == .negate ? child.dataType : .boolean
        case let .binary(op, left, right):
            if op == .divide { return .double }
            return op.isArithmetic ? (left.dataType.widened(with: right.dataType) ?? .null) : .boolean
        case let .cast(_, type): return type
        case let .caseWhen(clauses, otherwise):
            return (clauses.map(\.value) + (otherwise.map { [$0] } ?? [])).map(\.dataType)
                .reduce(DataType.null) { $0.widened(with: $1) ?? $0 }
        case let .call(call): return call.dataType
        case let .window(function, _): return function.dataType
        case let .scalarSubquery(plan): return plan.output.first?.dataType ?? .null
        }
    }

    /// Whether the expression's result is boolean by construction.
    private var isPredicate: Bool {
        switch self {
        case .exists, .inSubquery, .inList: true
        default: false
        }
    }

    /// Whether a resolved expression may be null.
    public var nullable: Bool {
        switch self {
        case let .attribute(attribute): return attribute.nullable
        case let .literal(value): return value.isNull
        case let .unary(op, child): return op == .isNull || op == .isNotNull ? false : child.nullable
        case let .binary(op, left, right):
            if op == .nullSafeEqual { return false }
            return op == .divide || op == .remainder || left.nullable || right.nullable
        case let .call(call): return call.nullable
        case .exists: return false
        case let .caseWhen(clauses, otherwise): return otherwise == nil || clauses.contains { $0.value.nullable } || otherwise!.nullable
        default: return children.isEmpty || children.contains(where: \.nullable)
        }
    }

    /// The column name Spark gives an unnamed expression: `a`, `(a + 1)`, `sum(x)`, `count(1)`,
    /// `CAST(a AS INT)`, `(NOT b)`, `CASE WHEN (a > 1) THEN x ELSE y END`.
    public var prettyName: String {
        switch self {
        case let .attribute(attribute): return attribute.name
        case let .unresolvedAttribute(parts): return parts.last ?? ""
        case let .star(qualifier): return qualifier.map { "\($0).*" } ?? "*"
        case let .literal(value):
            if case let .string(text) = value { return text }
            return value.description.uppercased() == "NULL" ? "NULL" : value.description
        case let .alias(_, name, _): return name
        case let .unary(op, child):
            switch op {
            case .negate: return "(- \(child.prettyName))"
            case .not: return "(NOT \(child.prettyName))"
            case .isNull: return "(\(child.prettyName) IS NULL)"
            case .isNotNull: return "(\(child.prettyName) IS NOT NULL)"
            }
        case let .binary(op, left, right): return "(\(left.prettyName) \(op.rawValue) \(right.prettyName))"
        case let .cast(child, type): return "CAST(\(child.prettyName) AS \(type.simpleString.uppercased()))"
        case let .caseWhen(clauses, otherwise):
            return "CASE " + clauses.map { "WHEN \($0.condition.prettyName) THEN \($0.value.prettyName)" }
                .joined(separator: " ") + (otherwise.map { " ELSE \($0.prettyName)" } ?? "") + " END"
        case let .inList(value, list):
            return "(\(value.prettyName) IN (\(list.map(\.prettyName).joined(separator: ", "))))"
        case let .function(name, arguments, distinct):
            return "\(name)(\(distinct ? "DISTINCT " : "")\(arguments.map(\.prettyName).joined(separator: ", ")))"
        case let .call(call):
            return "\(call.name)(\(call.isDistinct ? "DISTINCT " : "")\(call.arguments.map(\.prettyName).joined(separator: ", ")))"
        case let .window(function, _): return "\(function.prettyName) OVER (...)"
        case .scalarSubquery: return "scalarsubquery()"
        case .exists: return "exists()"
        case let .inSubquery(value, _): return "(\(value.prettyName) IN (listquery()))"
        }
    }

    /// The output column of a named expression (an attribute or an alias).
    /// - Precondition: the expression is an attribute or an alias.
    public var toAttribute: Attribute {
        switch self {
        case let .attribute(attribute): return attribute
        case let .alias(child, name, id): return Attribute(name: name, dataType: child.dataType, nullable: child.nullable, id: id,
                                                           qualifier: nil)
        default: preconditionFailure("only attributes and aliases name a column, got \(self)")
        }
    }

    /// Whether the tree holds an aggregate function call (outside window functions).
    public var containsAggregate: Bool {
        switch self {
        case let .call(call) where call.kind == .aggregate: return true
        case .window: return false
        default: return children.contains { $0.containsAggregate }
        }
    }
}
