/// A Swift type that SQL values convert to and from, for typed UDFs: `Int` (bigint), `Int32`
/// (int), `Double`, `String`, `Bool`, and optionals of them (which receive and return NULL).
public protocol SQLConvertible {
    /// The SQL type of the Swift type.
    static var sqlType: DataType { get }
    /// The Swift value of a SQL value (nil when it does not convert, e.g. NULL).
    init?(sqlValue: Value)
    /// The SQL value.
    var sqlValue: Value { get }
}

extension Int: SQLConvertible {
    public static var sqlType: DataType { .long }
    public init?(sqlValue: Value) { guard let v = sqlValue.longValue else { return nil }; self = Int(v) }
    public var sqlValue: Value { .long(Int64(self)) }
}

extension Int32: SQLConvertible {
    public static var sqlType: DataType { .integer }
    public init?(sqlValue: Value) { guard let v = sqlValue.longValue, let narrow = Int32(exactly: v) else { return nil }; self = narrow }
    public var sqlValue: Value { .integer(self) }
}

extension Double: SQLConvertible {
    public static var sqlType: DataType { .double }
    public init?(sqlValue: Value) { guard let v = sqlValue.doubleValue else { return nil }; self = v }
    public var sqlValue: Value { .double(self) }
}

extension String: SQLConvertible {
    public static var sqlType: DataType { .string }
    public init?(sqlValue: Value) { guard case let .string(v) = sqlValue else { return nil }; self = v }
    public var sqlValue: Value { .string(self) }
}

extension Bool: SQLConvertible {
    public static var sqlType: DataType { .boolean }
    public init?(sqlValue: Value) { guard case let .boolean(v) = sqlValue else { return nil }; self = v }
    public var sqlValue: Value { .boolean(self) }
}

extension Optional: SQLConvertible where Wrapped: SQLConvertible {
    public static var sqlType: DataType { Wrapped.sqlType }
    public init?(sqlValue: Value) { self = sqlValue.isNull ? .none : Wrapped(sqlValue: sqlValue) }
    public var sqlValue: Value { self?.sqlValue ?? .null }
}

/// A registered Swift function: call it on columns in the DataFrame API (`f(col("a"))`), or by
/// name in SQL.
public struct UserDefinedFunction: Sendable {
    /// The name it is registered under.
    public let name: String

    /// The function applied to `columns`.
    public func callAsFunction(_ columns: Column...) -> Column {
        Column(.function(name: name, arguments: columns.map(\.expression), isDistinct: false))
    }
}

/// Registers Swift functions as SQL functions, as Spark's `spark.udf.register`. Arguments are
/// cast to the function's parameter types; a NULL argument gives NULL unless the parameter is
/// optional. A UDF runs row by row (one closure call and the value conversions per row).
public struct UDFRegistration: Sendable {
    let functions: FunctionRegistry

    /// Registers `body` on `Value`s, with an explicit result type and arity.
    @discardableResult
    public func register(_ name: String, arity: Int, returnType: DataType,
                         _ body: @escaping @Sendable ([Value]) throws -> Value) -> UserDefinedFunction {
        functions.register(FunctionDefinition(name: name.lowercased(), kind: .scalar, arity: arity...arity, nullIntolerant: false,
                                              resolve: { _ in (returnType, nil) }, evaluate: body))
        return UserDefinedFunction(name: name.lowercased())
    }

    /// Registers a one-argument Swift function: `spark.udf.register("square") { (x: Double) in x * x }`.
    @discardableResult
    public func register<A: SQLConvertible, R: SQLConvertible>(_ name: String,
                                                                _ body: @escaping @Sendable (A) throws -> R) -> UserDefinedFunction {
        typed(name, parameters: [A.sqlType], result: R.sqlType, optional: [A.self is any OptionalProtocol.Type]) { values in
            guard let a = A(sqlValue: values[0]) else { return .null }
            return try body(a).sqlValue
        }
    }

    /// Registers a two-argument Swift function.
    @discardableResult
    public func register<A: SQLConvertible, B: SQLConvertible, R: SQLConvertible>(
        _ name: String, _ body: @escaping @Sendable (A, B) throws -> R) -> UserDefinedFunction {
        typed(name, parameters: [A.sqlType, B.sqlType], result: R.sqlType,
              optional: [A.self is any OptionalProtocol.Type, B.self is any OptionalProtocol.Type]) { values in
            guard let a = A(sqlValue: values[0]), let b = B(sqlValue: values[1]) else { return .null }
            return try body(a, b).sqlValue
        }
    }

    private func typed(_ name: String, parameters: [DataType], result: DataType, optional: [Bool],
                       _ body: @escaping @Sendable ([Value]) throws -> Value) -> UserDefinedFunction {
        functions.register(FunctionDefinition(name: name.lowercased(), kind: .scalar, arity: parameters.count...parameters.count,
                                              nullIntolerant: !optional.contains(true),
                                              resolve: { _ in (result, parameters) }, evaluate: body))
        return UserDefinedFunction(name: name.lowercased())
    }
}

extension FlintSession {
    /// Registers Swift functions for SQL and the DataFrame API (`session.udf.register(...)`).
    public var udf: UDFRegistration { UDFRegistration(functions: functions) }
}
