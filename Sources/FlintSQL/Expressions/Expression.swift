/// A column expression of a DataFrame or SQL query: a tree, built unresolved (names) by the
/// DataFrame API and the SQL parser, resolved (attributes, checked types) by the analyzer.
///
/// Expressions are values: they are compared, hashed and rewritten by the optimizer. Functions,
/// built-in or user-defined, are called by name (`.function`); the `FunctionRegistry` gives their
/// types and implementations.
public indirect enum Expression: Hashable, Sendable, Codable {
    /// A resolved column.
    case attribute(Attribute)
    /// A column by name, `["a"]` or `["t", "a"]`, before analysis.
    case unresolvedAttribute([String])
    /// `*` or `t.*`, before analysis.
    case star(qualifier: String?)
    /// A constant.
    case literal(Value)
    /// `expression AS name`; `id` becomes the id of the output attribute.
    case alias(Expression, name: String, id: Int)
    /// `-x`, `NOT x`, `x IS NULL`, `x IS NOT NULL`.
    case unary(UnaryOperator, Expression)
    /// Arithmetic, comparison and boolean operators.
    case binary(BinaryOperator, Expression, Expression)
    /// `CAST(x AS type)`.
    case cast(Expression, DataType)
    /// `CASE WHEN c1 THEN v1 ... ELSE e END` (`CASE x WHEN ...` is rewritten to this form).
    case caseWhen([WhenClause], otherwise: Expression?)
    /// `x IN (a, b, ...)`.
    case inList(Expression, [Expression])
    /// A call of a built-in, aggregate or registered function by name, before analysis:
    /// `lower(x)`, `sum(DISTINCT x)`.
    case function(name: String, arguments: [Expression], isDistinct: Bool)
    /// A function call after analysis: the function found, its result type.
    case call(ResolvedCall)
    /// `f(...) OVER (PARTITION BY ... ORDER BY ... frame)`.
    case window(Expression, WindowSpec)
    /// `(SELECT ...)` returning one value.
    case scalarSubquery(LogicalPlan)
    /// `EXISTS (SELECT ...)`.
    case exists(LogicalPlan)
    /// `x IN (SELECT ...)`.
    case inSubquery(Expression, LogicalPlan)

    /// Creates an alias with a fresh id.
    public static func aliased(_ expression: Expression, _ name: String) -> Expression {
        .alias(expression, name: name, id: Attribute.newId())
    }

    /// A column reference by (possibly qualified, dot-separated) name: `"a"`, `"t.a"`.
    public static func column(_ name: String) -> Expression {
        .unresolvedAttribute(name.split(separator: ".").map(String.init))
    }

    /// The direct children.
    public var children: [Expression] {
        switch self {
        case .attribute, .unresolvedAttribute, .star, .literal, .scalarSubquery, .exists: []
        case let .alias(child, _, _), let .unary(_, child), let .cast(child, _), let .inSubquery(child, _): [child]
        case let .binary(_, left, right): [left, right]
        case let .caseWhen(clauses, otherwise): clauses.flatMap { [$0.condition, $0.value] } + (otherwise.map { [$0] } ?? [])
        case let .inList(value, list): [value] + list
        case let .function(_, arguments, _): arguments
        case let .call(call): call.arguments
        case let .window(function, spec): [function] + spec.partitionBy + spec.orderBy.map(\.expression)
        }
    }

    /// Rebuilds this node with `transform` applied to every child (one level).
    public func mapChildren(_ transform: (Expression) throws -> Expression) rethrows -> Expression {
        switch self {
        case .attribute, .unresolvedAttribute, .star, .literal, .scalarSubquery, .exists: return self
        case let .alias(child, name, id): return .alias(try transform(child), name: name, id: id)
        case let .unary(op, child): return .unary(op, try transform(child))
        case let .cast(child, type): return .cast(try transform(child), type)
        case let .inSubquery(child, plan): return .inSubquery(try transform(child), plan)
        case let .binary(op, left, right): return .binary(op, try transform(left), try transform(right))
        case let .caseWhen(clauses, otherwise):
            return .caseWhen(try clauses.map { WhenClause(condition: try transform($0.condition), value: try transform($0.value)) },
                             otherwise: try otherwise.map(transform))
        case let .inList(value, list): return .inList(try transform(value), try list.map(transform))
        case let .function(name, arguments, distinct):
            return .function(name: name, arguments: try arguments.map(transform), isDistinct: distinct)
        case var .call(call):
            call.arguments = try call.arguments.map(transform)
            return .call(call)
        case let .window(function, spec):
            return .window(try transform(function),
                           WindowSpec(partitionBy: try spec.partitionBy.map(transform),
                                      orderBy: try spec.orderBy.map { SortOrder(try transform($0.expression),
                                                                                ascending: $0.ascending,
                                                                                nullsFirst: $0.nullsFirst) },
                                      frame: spec.frame))
        }
    }

    /// Rewrites the tree bottom-up: children first, then `rule` on the rebuilt node.
    public func transformUp(_ rule: (Expression) throws -> Expression) rethrows -> Expression {
        try rule(try mapChildren { try $0.transformUp(rule) })
    }

    /// Whether `predicate` holds for this node or any descendant.
    public func contains(where predicate: (Expression) -> Bool) -> Bool {
        predicate(self) || children.contains { $0.contains(where: predicate) }
    }

    /// The resolved attributes this expression reads.
    public var references: Set<Attribute> {
        if case let .attribute(attribute) = self { return [attribute] }
        return children.reduce(into: Set<Attribute>()) { $0.formUnion($1.references) }
    }
}

/// A resolved function call: which function, on what, returning what.
public struct ResolvedCall: Hashable, Sendable, Codable {
    /// The function's canonical (lower-case) name, its key in the `FunctionRegistry`.
    public var name: String
    /// The arguments, resolved (and cast to the types the function takes).
    public var arguments: [Expression]
    /// `DISTINCT` (aggregates only).
    public var isDistinct: Bool
    /// The result type.
    public var dataType: DataType
    /// Whether the result may be null.
    public var nullable: Bool
    /// Scalar, aggregate or window-only.
    public var kind: FunctionKind

    /// Creates a resolved call.
    public init(name: String, arguments: [Expression], isDistinct: Bool = false, dataType: DataType,
                nullable: Bool, kind: FunctionKind) {
        self.name = name
        self.arguments = arguments
        self.isDistinct = isDistinct
        self.dataType = dataType
        self.nullable = nullable
        self.kind = kind
    }
}

/// What a function computes from.
public enum FunctionKind: String, Hashable, Sendable, Codable {
    /// One result per row, from that row (`lower`, `abs`, UDFs).
    case scalar
    /// One result per group (`sum`, `count`); also usable over a window.
    case aggregate
    /// Only over a window (`row_number`, `rank`, `lag`).
    case window
}

/// One `WHEN condition THEN value` of a `CASE`.
public struct WhenClause: Hashable, Sendable, Codable {
    /// The condition.
    public var condition: Expression
    /// The result when it holds.
    public var value: Expression

    /// Creates a clause.
    public init(condition: Expression, value: Expression) {
        self.condition = condition
        self.value = value
    }
}

/// Operators with one operand.
public enum UnaryOperator: String, Hashable, Sendable, Codable {
    case negate = "-"
    case not = "NOT"
    case isNull = "IS NULL"
    case isNotNull = "IS NOT NULL"
}

/// Operators with two operands, with their SQL spelling.
public enum BinaryOperator: String, Hashable, Sendable, Codable {
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"
    case equal = "="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    /// `<=>`: equal, with null <=> null true.
    case nullSafeEqual = "<=>"
    case and = "AND"
    case or = "OR"

    /// Whether the operator compares its operands (result boolean).
    public var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .nullSafeEqual: true
        default: false
        }
    }

    /// The comparison with its operands swapped (`a < b` is `b > a`); nil for other operators.
    var flipped: BinaryOperator? {
        switch self {
        case .less: .greater
        case .lessOrEqual: .greaterOrEqual
        case .greater: .less
        case .greaterOrEqual: .lessOrEqual
        case .equal, .notEqual, .nullSafeEqual: self
        default: nil
        }
    }

    /// Whether the operator is arithmetic.
    public var isArithmetic: Bool {
        switch self {
        case .add, .subtract, .multiply, .divide, .remainder: true
        default: false
        }
    }
}

/// The window of a window function, as Spark's `WindowSpecDefinition`.
public struct WindowSpec: Hashable, Sendable, Codable {
    /// `PARTITION BY` expressions.
    public var partitionBy: [Expression]
    /// `ORDER BY` keys.
    public var orderBy: [SortOrder]
    /// The frame; nil means Spark's default (the whole partition without ORDER BY, else
    /// `RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW`).
    public var frame: WindowFrame?

    /// Creates a window specification.
    public init(partitionBy: [Expression] = [], orderBy: [SortOrder] = [], frame: WindowFrame? = nil) {
        self.partitionBy = partitionBy
        self.orderBy = orderBy
        self.frame = frame
    }
}

/// `ROWS|RANGE BETWEEN start AND end`.
public struct WindowFrame: Hashable, Sendable, Codable {
    /// Whether bounds count rows (`ROWS`) or order-key values (`RANGE`).
    public var isRows: Bool
    /// The first row of the frame, relative to the current one (nil: unbounded preceding).
    public var start: Int?
    /// The last row of the frame, relative to the current one (nil: unbounded following).
    public var end: Int?

    /// Creates a frame; 0 is the current row, negative offsets precede it.
    public init(isRows: Bool, start: Int?, end: Int?) {
        self.isRows = isRows
        self.start = start
        self.end = end
    }
}
