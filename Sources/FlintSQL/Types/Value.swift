import FlintLinalg
import Foundation

/// One SQL value: a cell of a `Row`, a literal, a group key. The engine keeps columns in typed
/// buffers (`ColumnVector`); `Value` is for the edges (rows users read, literals, the driver).
///
/// Equality and hashing are SQL grouping semantics except for null: `.null == .null` (so a null
/// key forms one group, as in Spark), and NaN equals NaN.
public enum Value: Hashable, Sendable, Codable, CustomStringConvertible {
    case null
    case boolean(Bool)
    case integer(Int32)
    case long(Int64)
    case float(Float)
    case double(Double)
    case string(String)
    /// Days since 1970-01-01.
    case date(Int32)
    /// Microseconds since 1970-01-01T00:00:00Z.
    case timestamp(Int64)
    case array([Value])
    case structure([Value])
    /// An ML vector (`DataType.vector`).
    case vector(Vector)

    /// Whether this is SQL NULL.
    public var isNull: Bool { if case .null = self { true } else { false } }

    /// The type of this value (`.null` for NULL; arrays take their first non-null element's).
    public var dataType: DataType {
        switch self {
        case .null: .null
        case .boolean: .boolean
        case .integer: .integer
        case .long: .long
        case .float: .float
        case .double: .double
        case .string: .string
        case .date: .date
        case .timestamp: .timestamp
        case let .array(elements):
            .array(element: elements.first { !$0.isNull }?.dataType ?? .null, containsNull: elements.contains(where: \.isNull))
        case let .structure(values):
            .structure(StructType(values.enumerated().map { StructField("_\($0.offset + 1)", $0.element.dataType) }))
        case .vector: .vector
        }
    }

    /// The value as a Double, for numeric values; nil otherwise.
    public var doubleValue: Double? {
        switch self {
        case let .integer(v): Double(v)
        case let .long(v): Double(v)
        case let .float(v): Double(v)
        case let .double(v): v
        default: nil
        }
    }

    /// The value as an Int64, for integral values; nil otherwise.
    public var longValue: Int64? {
        switch self {
        case let .integer(v): Int64(v)
        case let .long(v): v
        default: nil
        }
    }

    /// As Spark shows values in `show()` and `Row.toString`: `null`, `true`, `1.5`, `2024-01-31`,
    /// `2024-01-31 12:00:00`, `[1, 2]`, `{1, a}`.
    public var description: String {
        switch self {
        case .null: "null"
        case let .boolean(v): "\(v)"
        case let .integer(v): "\(v)"
        case let .long(v): "\(v)"
        case let .float(v): Value.format(Double(v), isFloat: true)
        case let .double(v): Value.format(v, isFloat: false)
        case let .string(v): v
        case let .date(days): DateTimeFormat.formatDate(days)
        case let .timestamp(micros): DateTimeFormat.formatTimestamp(micros)
        case let .array(values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        case let .structure(values): "{" + values.map(\.description).joined(separator: ", ") + "}"
        case let .vector(vector): vector.description
        }
    }

    /// Java's `Double.toString` shape, which Spark prints: `1.0`, `0.1`, `1.0E10`, `1.0E-4`,
    /// `NaN`, `Infinity` (scientific notation below 1e-3 and from 1e7 on).
    static func format(_ value: Double, isFloat: Bool) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        // Swift prints the shortest digits that round-trip, as Java does.
        var text = isFloat ? "\(Float(value))" : "\(value)"
        let magnitude = abs(value)
        guard magnitude != 0, magnitude < 1e-3 || magnitude >= 1e7 else {
            return text.contains(".") ? text : text + ".0"
        }
        let sign = text.hasPrefix("-") ? "-" : ""
        if !sign.isEmpty { text.removeFirst() }
        var exponentShift = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            exponentShift = Int(text[text.index(after: e)...]) ?? 0
            text = String(text[..<e])
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        let integerPart = String(parts[0])
        let digits = integerPart + (parts.count > 1 ? String(parts[1]) : "")
        let leadingZeros = digits.prefix { $0 == "0" }.count
        var significant = String(digits.dropFirst(leadingZeros))
        while significant.count > 1, significant.hasSuffix("0") { significant.removeLast() }
        let exponent = integerPart.count - 1 - leadingZeros + exponentShift
        let rest = significant.dropFirst()
        return sign + String(significant.prefix(1)) + "." + (rest.isEmpty ? "0" : String(rest)) + "E\(exponent)"
    }
}
