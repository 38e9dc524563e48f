// The DataFrame functions of Spark's `org.apache.spark.sql.functions`, as free functions over
// `Column`s. Each builds an expression; nothing runs until an action.

/// The column named `name` (`"t.a"` for a qualified one, `"*"` for all).
public func col(_ name: String) -> Column { Column(name) }

/// A call of the SQL function `name` (built in or registered with the session).
public func callFunction(_ name: String, _ arguments: Column...) -> Column {
    Column(.function(name: name, arguments: arguments.map(\.expression), isDistinct: false))
}

private func call(_ name: String, _ arguments: [Any], distinct: Bool = false) -> Column {
    Column(.function(name: name, arguments: arguments.map { argument in
        if let text = argument as? String, name != "lit" { return Column(text).expression }
        return lit(argument).expression
    }, isDistinct: distinct))
}

/// Sum of a column (`sum("x")` or `sum(col("x"))`).
public func sum(_ column: Any) -> Column { call("sum", [column]) }
/// Mean of a column.
public func avg(_ column: Any) -> Column { call("avg", [column]) }
/// Mean of a column (alias of `avg`).
public func mean(_ column: Any) -> Column { call("avg", [column]) }
/// Number of non-null values (`count("*")` counts rows).
public func count(_ column: Any) -> Column {
    if let name = column as? String, name == "*" { return Column(.function(name: "count", arguments: [.literal(.integer(1))], isDistinct: false)) }
    return call("count", [column])
}
/// Number of distinct non-null tuples of the columns.
public func countDistinct(_ columns: Any...) -> Column { call("count", columns, distinct: true) }
/// Smallest value.
public func min(_ column: Any) -> Column { call("min", [column]) }
/// Largest value.
public func max(_ column: Any) -> Column { call("max", [column]) }
/// First value of the group.
public func first(_ column: Any) -> Column { call("first", [column]) }
/// Last value of the group.
public func last(_ column: Any) -> Column { call("last", [column]) }
/// The values of the group as an array.
public func collect_list(_ column: Any) -> Column { call("collect_list", [column]) }
/// The distinct values of the group as an array.
public func collect_set(_ column: Any) -> Column { call("collect_set", [column]) }
/// Sample standard deviation.
public func stddev(_ column: Any) -> Column { call("stddev", [column]) }
/// Sample variance.
public func variance(_ column: Any) -> Column { call("variance", [column]) }

/// `CASE WHEN condition THEN value`; continue with `.when(...)` and `.otherwise(...)`.
public func when(_ condition: Column, _ value: Any) -> Column {
    Column(.caseWhen([WhenClause(condition: condition.expression, value: lit(value).expression)], otherwise: nil))
}
/// The first non-null argument.
public func coalesce(_ columns: Column...) -> Column { Column(.function(name: "coalesce", arguments: columns.map(\.expression), isDistinct: false)) }
/// Lower-case.
public func lower(_ column: Column) -> Column { callFunction("lower", column) }
/// Upper-case.
public func upper(_ column: Column) -> Column { callFunction("upper", column) }
/// Number of characters.
public func length(_ column: Column) -> Column { callFunction("length", column) }
/// Without leading and trailing spaces.
public func trim(_ column: Column) -> Column { callFunction("trim", column) }
/// `length` characters from the 1-based `position`.
public func substring(_ column: Column, _ position: Int, _ length: Int) -> Column {
    callFunction("substring", column, lit(position), lit(length))
}
/// The columns' text joined.
public func concat(_ columns: Column...) -> Column { Column(.function(name: "concat", arguments: columns.map(\.expression), isDistinct: false)) }
/// Split by a regular expression.
public func split(_ column: Column, _ pattern: String) -> Column { callFunction("split", column, lit(pattern)) }
/// Replace every match of a regular expression.
public func regexp_replace(_ column: Column, _ pattern: String, _ replacement: String) -> Column {
    callFunction("regexp_replace", column, lit(pattern), lit(replacement))
}
/// Group `index` of the first match of a regular expression ("" without a match).
public func regexp_extract(_ column: Column, _ pattern: String, _ index: Int) -> Column {
    callFunction("regexp_extract", column, lit(pattern), lit(index))
}
/// Absolute value.
public func abs(_ column: Column) -> Column { callFunction("abs", column) }
/// Rounded half-up to `scale` decimals.
public func round(_ column: Column, _ scale: Int = 0) -> Column { callFunction("round", column, lit(scale)) }
/// Square root.
public func sqrt(_ column: Column) -> Column { callFunction("sqrt", column) }
/// Year of a date.
public func year(_ column: Column) -> Column { callFunction("year", column) }
/// Month of a date (1-12).
public func month(_ column: Column) -> Column { callFunction("month", column) }
/// Day of the month of a date.
public func dayofmonth(_ column: Column) -> Column { callFunction("dayofmonth", column) }
/// The date of a `yyyy-MM-dd` string (null if it does not parse).
public func to_date(_ column: Column) -> Column { callFunction("to_date", column) }
/// `days` days after a date.
public func date_add(_ column: Column, _ days: Int) -> Column { callFunction("date_add", column, lit(days)) }
/// Days from `start` to `end`.
public func datediff(_ end: Column, _ start: Column) -> Column { callFunction("datediff", end, start) }

/// The element of an array column at 1-based `index` (negative: from the end; null when out of range).
public func element_at(_ column: Column, _ index: Int) -> Column { callFunction("element_at", column, lit(index)) }
/// The number of elements of an array column.
public func size(_ column: Column) -> Column { callFunction("size", column) }
/// The coordinates of an ML vector column as `array<double>` (Spark's `ml.functions.vector_to_array`).
public func vector_to_array(_ column: Column) -> Column { callFunction("vector_to_array", column) }
