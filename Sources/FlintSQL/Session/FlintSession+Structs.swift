import Foundation

extension FlintSession {
    /// A DataFrame with one row per element and one column per stored property (in
    /// declaration order), as Spark's `createDataFrame(Seq[case class])`: `Int`/`Int64` →
    /// bigint, `Int32` → int, `Double`, `Float`, `String`, `Bool`, Foundation `Date` →
    /// timestamp, arrays → array, optionals → nullable columns.
    /// - Throws: `AnalysisError.unsupported` naming a property whose type has no SQL type.
    public func createDataFrame<T>(_ items: [T]) throws -> DataFrame {
        let fields: [StructField]
        if let first = items.first {
            fields = try Mirror(reflecting: first).children.enumerated().map { index, child in
                let name = child.label ?? "_\(index + 1)"
                guard let (type, nullable) = StructConversion.sqlType(of: Swift.type(of: child.value)) else {
                    throw AnalysisError.unsupported("property `\(name)` of \(T.self) has type \(Swift.type(of: child.value)), which has no SQL type")
                }
                return StructField(name, type, nullable: nullable)
            }
        } else {
            fields = []
        }
        let rows = items.map { item in Mirror(reflecting: item).children.map { StructConversion.value(of: $0.value) } }
        return try createDataFrame(rows, schema: StructType(fields))
    }
}

/// Swift values and types to SQL values and types, by reflection.
enum StructConversion {
    static func sqlType(of type: Any.Type) -> (DataType, nullable: Bool)? {
        if let optional = type as? OptionalProtocol.Type {
            return sqlType(of: optional.wrappedType).map { ($0.0, true) }
        }
        switch type {
        case is Int.Type, is Int64.Type: return (.long, false)
        case is Int32.Type, is Int16.Type, is Int8.Type: return (.integer, false)
        case is Double.Type: return (.double, false)
        case is Float.Type: return (.float, false)
        case is String.Type: return (.string, true)
        case is Bool.Type: return (.boolean, false)
        case is Date.Type: return (.timestamp, false)
        default:
            if let array = type as? ArrayProtocol.Type, let element = sqlType(of: array.elementType) {
                return (.array(element: element.0, containsNull: element.1), true)
            }
            return nil
        }
    }

    static func value(of value: Any) -> Value {
        switch value {
        case let v as Int: return .long(Int64(v))
        case let v as Int64: return .long(v)
        case let v as Int32: return .integer(v)
        case let v as Int16: return .integer(Int32(v))
        case let v as Int8: return .integer(Int32(v))
        case let v as Double: return .double(v)
        case let v as Float: return .float(v)
        case let v as String: return .string(v)
        case let v as Bool: return .boolean(v)
        case let v as Date: return .timestamp(Int64((v.timeIntervalSince1970 * 1_000_000).rounded()))
        case let v as OptionalProtocol: return v.wrappedValue.map(self.value(of:)) ?? .null
        case let v as ArrayProtocol: return .array(v.elements.map(self.value(of:)))
        default: return .string("\(value)")
        }
    }
}

/// Lets reflection see through `Optional`.
protocol OptionalProtocol {
    static var wrappedType: Any.Type { get }
    var wrappedValue: Any? { get }
}

extension Optional: OptionalProtocol {
    static var wrappedType: Any.Type { Wrapped.self }
    var wrappedValue: Any? { self.map { $0 as Any } }
}

/// Lets reflection see the elements of an `Array`.
protocol ArrayProtocol {
    static var elementType: Any.Type { get }
    var elements: [Any] { get }
}

extension Array: ArrayProtocol {
    static var elementType: Any.Type { Element.self }
    var elements: [Any] { map { $0 as Any } }
}
