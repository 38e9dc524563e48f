/// The type of a DataFrame column, as Spark SQL's `DataType`.
///
/// Storage inside the engine (see `ColumnVector`): `boolean` as `Bool`, `integer` as `Int32`,
/// `long` as `Int64`, `float`/`double` as `Float`/`Double`, `string` as `String`, `date` as days
/// since 1970-01-01 (`Int32`), `timestamp` as microseconds since the epoch, UTC (`Int64`); arrays
/// and structs as `Value`s.
public indirect enum DataType: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The type of the `NULL` literal; any column type accepts it.
    case null
    /// `BOOLEAN`.
    case boolean
    /// `INT`: 32-bit signed integers.
    case integer
    /// `BIGINT`: 64-bit signed integers.
    case long
    /// `FLOAT`: 32-bit floating point.
    case float
    /// `DOUBLE`: 64-bit floating point.
    case double
    /// `STRING`: UTF-8 text.
    case string
    /// `DATE`: a calendar day.
    case date
    /// `TIMESTAMP`: an instant, microsecond precision.
    case timestamp
    /// `ARRAY<element>`.
    case array(element: DataType, containsNull: Bool)
    /// `STRUCT<...>`.
    case structure(StructType)
    /// An ML vector (dense or sparse), as Spark's `VectorUDT`: what `VectorAssembler` produces,
    /// LIBSVM's `features` column, and what estimators read.
    case vector

    /// Spark's `simpleString`, used in SQL and `dtypes`: `int`, `bigint`, `double`,
    /// `array<int>`, `struct<a:int,b:string>`.
    public var simpleString: String {
        switch self {
        case .null: "void"
        case .boolean: "boolean"
        case .integer: "int"
        case .long: "bigint"
        case .float: "float"
        case .double: "double"
        case .string: "string"
        case .date: "date"
        case .timestamp: "timestamp"
        case let .array(element, _): "array<\(element.simpleString)>"
        case let .structure(type): "struct<" + type.fields.map { "\($0.name):\($0.dataType.simpleString)" }
            .joined(separator: ",") + ">"
        case .vector: "vector"
        }
    }

    /// Spark's `typeName`, used by `printSchema`: `integer`, `long`, `double`, `string`, ...
    public var typeName: String {
        switch self {
        case .null: "void"
        case .integer: "integer"
        case .long: "long"
        case .array: "array"
        case .structure: "struct"
        default: simpleString
        }
    }

    /// As Spark prints types: `IntegerType`, `StringType`, `ArrayType(IntegerType,true)`.
    public var description: String {
        switch self {
        case .null: "NullType"
        case .boolean: "BooleanType"
        case .integer: "IntegerType"
        case .long: "LongType"
        case .float: "FloatType"
        case .double: "DoubleType"
        case .string: "StringType"
        case .date: "DateType"
        case .timestamp: "TimestampType"
        case let .array(element, containsNull): "ArrayType(\(element),\(containsNull))"
        case let .structure(type): "\(type)"
        case .vector: "VectorUDT"
        }
    }

    /// Whether arithmetic applies: integer, long, float, double.
    public var isNumeric: Bool {
        switch self {
        case .integer, .long, .float, .double: true
        default: false
        }
    }

    /// Whether values of this type can be ordered (for sorts, min/max, comparisons).
    public var isOrderable: Bool {
        switch self {
        case .array, .structure, .vector: false
        default: true
        }
    }

    /// The type both `self` and `other` widen to in arithmetic and comparisons (Spark's numeric
    /// precedence int < bigint < float < double; `null` widens to anything), or nil.
    public func widened(with other: DataType) -> DataType? {
        if self == other { return self }
        if self == .null { return other }
        if other == .null { return self }
        let order: [DataType] = [.integer, .long, .float, .double]
        guard let left = order.firstIndex(of: self), let right = order.firstIndex(of: other) else {
            if (self == .date && other == .timestamp) || (self == .timestamp && other == .date) { return .timestamp }
            return nil
        }
        return order[max(left, right)]
    }

    /// Parses a SQL type name as Spark does (`int`, `integer`, `bigint`, `long`, `double`,
    /// `float`, `real`, `string`, `varchar(n)`, `boolean`, `date`, `timestamp`,
    /// `array<...>`; case-insensitive); nil when it is not a type name.
    public static func parse(_ text: String) -> DataType? {
        let name = text.trimmingCharacters(in: .whitespaces).lowercased()
        if name.hasPrefix("array<"), name.hasSuffix(">") {
            return parse(String(name.dropFirst(6).dropLast())).map { .array(element: $0, containsNull: true) }
        }
        if name.hasPrefix("varchar(") || name.hasPrefix("char(") { return .string }
        switch name {
        case "boolean", "bool": return .boolean
        case "int", "integer": return .integer
        case "bigint", "long": return .long
        case "float", "real": return .float
        case "double": return .double
        case "string", "varchar", "text": return .string
        case "date": return .date
        case "timestamp": return .timestamp
        case "void", "null": return .null
        case "vector": return .vector
        default: return nil
        }
    }
}

import Foundation
