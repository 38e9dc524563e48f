/// A column expression of the DataFrame API, as Spark's `Column`: built with `col("a")`,
/// `lit(1)`, functions and operators (`col("a") + 1`, `col("a") === "x"`,
/// `(col("a") > 1) && col("b").isNotNull()`), resolved when a DataFrame uses it.
public struct Column: Sendable, CustomStringConvertible {
    /// The expression tree.
    public let expression: Expression

    /// Wraps an expression.
    public init(_ expression: Expression) {
        self.expression = expression
    }

    /// A column by (possibly qualified) name, `"a"` or `"t.a"`; `"*"` for all columns.
    public init(_ name: String) {
        expression = name == "*" ? .star(qualifier: nil) : .column(name)
    }

    public var description: String { expression.prettyName }

    /// Names the column (`AS`).
    public func alias(_ name: String) -> Column { Column(.aliased(strippingAlias, name)) }

    /// Names the column (`AS`); Spark's `as`.
    public func `as`(_ name: String) -> Column { alias(name) }

    /// Casts to `type`.
    public func cast(_ type: DataType) -> Column { Column(.cast(strippingAlias, type)) }

    /// Casts to the type named `typeName` (`"int"`, `"double"`, `"string"`, ...).
    /// - Precondition: `typeName` is a SQL type name.
    public func cast(_ typeName: String) -> Column {
        guard let type = DataType.parse(typeName) else { preconditionFailure("unknown type name '\(typeName)'") }
        return cast(type)
    }

    /// `IS NULL`.
    public func isNull() -> Column { Column(.unary(.isNull, expression)) }
    /// `IS NOT NULL`.
    public func isNotNull() -> Column { Column(.unary(.isNotNull, expression)) }
    /// `IN (values)`.
    public func isin(_ values: Any...) -> Column { Column(.inList(expression, values.map { lit($0).expression })) }
    /// SQL `LIKE` with `%` and `_`.
    public func like(_ pattern: String) -> Column { Column(.function(name: "like", arguments: [expression, .literal(.string(pattern))], isDistinct: false)) }
    /// Regular-expression match.
    public func rlike(_ pattern: String) -> Column { Column(.function(name: "rlike", arguments: [expression, .literal(.string(pattern))], isDistinct: false)) }
    /// `BETWEEN lower AND upper` (inclusive).
    public func between(_ lower: Any, _ upper: Any) -> Column { (self >= lower) && (self <= upper) }
    /// Ascending sort key, nulls first.
    public func asc() -> SortColumn { SortColumn(SortOrder(expression, ascending: true)) }
    /// Descending sort key, nulls last.
    public func desc() -> SortColumn { SortColumn(SortOrder(expression, ascending: false)) }
    /// Ascending, nulls last.
    public func ascNullsLast() -> SortColumn { SortColumn(SortOrder(expression, ascending: true, nullsFirst: false)) }
    /// Descending, nulls first.
    public func descNullsFirst() -> SortColumn { SortColumn(SortOrder(expression, ascending: false, nullsFirst: true)) }
    /// `CASE WHEN` continued: see `when(_:_:)`.
    public func when(_ condition: Column, _ value: Any) -> Column {
        guard case let .caseWhen(clauses, otherwise) = expression else { preconditionFailure("when() follows when()") }
        return Column(.caseWhen(clauses + [WhenClause(condition: condition.expression, value: lit(value).expression)], otherwise: otherwise))
    }
    /// The `ELSE` of a `when(...)` chain.
    public func otherwise(_ value: Any) -> Column {
        guard case let .caseWhen(clauses, _) = expression else { preconditionFailure("otherwise() follows when()") }
        return Column(.caseWhen(clauses, otherwise: lit(value).expression))
    }

    private var strippingAlias: Expression {
        if case let .alias(child, _, _) = expression { return child }
        return expression
    }
}

/// A sort key for `orderBy` / `sort`.
public struct SortColumn: Sendable {
    /// The key.
    public let order: SortOrder
    init(_ order: SortOrder) { self.order = order }
}

/// A literal column of `value` (a `Column` is returned as it is), as Spark's `lit`: Swift
/// numbers, strings and booleans, or a `Value` (`lit(Value.null)` for NULL).
public func lit(_ value: Any) -> Column {
    switch value {
    case let column as Column: return column
    case let value as Value: return Column(.literal(value))
    case let v as Bool: return Column(.literal(.boolean(v)))
    case let v as Int: return Column(.literal(Int32(exactly: v).map(Value.integer) ?? .long(Int64(v))))
    case let v as Int32: return Column(.literal(.integer(v)))
    case let v as Int64: return Column(.literal(.long(v)))
    case let v as Double: return Column(.literal(.double(v)))
    case let v as Float: return Column(.literal(.float(v)))
    case let v as String: return Column(.literal(.string(v)))
    default: return Column(.literal(.string("\(value)")))
    }
}

// MARK: - Operators

/// Addition.
public func + (lhs: Column, rhs: Any) -> Column { Column(.binary(.add, lhs.expression, lit(rhs).expression)) }
/// Subtraction.
public func - (lhs: Column, rhs: Any) -> Column { Column(.binary(.subtract, lhs.expression, lit(rhs).expression)) }
/// Multiplication.
public func * (lhs: Column, rhs: Any) -> Column { Column(.binary(.multiply, lhs.expression, lit(rhs).expression)) }
/// Division (a double; null when dividing by zero).
public func / (lhs: Column, rhs: Any) -> Column { Column(.binary(.divide, lhs.expression, lit(rhs).expression)) }
/// Remainder (null when dividing by zero).
public func % (lhs: Column, rhs: Any) -> Column { Column(.binary(.remainder, lhs.expression, lit(rhs).expression)) }
/// Negation.
public prefix func - (operand: Column) -> Column { Column(.unary(.negate, operand.expression)) }
/// Greater than.
public func > (lhs: Column, rhs: Any) -> Column { Column(.binary(.greater, lhs.expression, lit(rhs).expression)) }
/// Greater than or equal.
public func >= (lhs: Column, rhs: Any) -> Column { Column(.binary(.greaterOrEqual, lhs.expression, lit(rhs).expression)) }
/// Less than.
public func < (lhs: Column, rhs: Any) -> Column { Column(.binary(.less, lhs.expression, lit(rhs).expression)) }
/// Less than or equal.
public func <= (lhs: Column, rhs: Any) -> Column { Column(.binary(.lessOrEqual, lhs.expression, lit(rhs).expression)) }
/// Logical AND (SQL three-valued).
public func && (lhs: Column, rhs: Column) -> Column { Column(.binary(.and, lhs.expression, rhs.expression)) }
/// Logical OR (SQL three-valued).
public func || (lhs: Column, rhs: Column) -> Column { Column(.binary(.or, lhs.expression, rhs.expression)) }
/// Logical NOT.
public prefix func ! (operand: Column) -> Column { Column(.unary(.not, operand.expression)) }

infix operator ===: ComparisonPrecedence
infix operator =!=: ComparisonPrecedence
infix operator <=>: ComparisonPrecedence

/// Equality (Spark's `===`).
public func === (lhs: Column, rhs: Any) -> Column { Column(.binary(.equal, lhs.expression, lit(rhs).expression)) }
/// Inequality (Spark's `=!=`).
public func =!= (lhs: Column, rhs: Any) -> Column { Column(.binary(.notEqual, lhs.expression, lit(rhs).expression)) }
/// Null-safe equality (`<=>`).
public func <=> (lhs: Column, rhs: Any) -> Column { Column(.binary(.nullSafeEqual, lhs.expression, lit(rhs).expression)) }
