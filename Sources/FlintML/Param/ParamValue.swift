import FlintSQL
import Foundation

/// The value of a parameter, in the few shapes spark.ml's params take. Params are stored,
/// compared, copied into grids and saved as JSON in this form, so an estimator's settings are
/// plain data.
public enum ParamValue: Hashable, Sendable, Codable, CustomStringConvertible {
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case doubles([Double])
    case ints([Int])
    case strings([String])
    /// An array of double arrays (Bucketizer's `splitsArray`).
    case doubleArrays([[Double]])

    /// As Spark prints param values in `explainParams()`: `0.1`, `true`, `auto`, `[0.5,0.5]`.
    public var description: String {
        switch self {
        case let .bool(value): "\(value)"
        case let .int(value): "\(value)"
        case let .double(value): Self.format(value)
        case let .string(value): value
        case let .doubles(values): "[" + values.map(Self.format).joined(separator: ",") + "]"
        case let .ints(values): "[" + values.map(String.init).joined(separator: ",") + "]"
        case let .strings(values): "[" + values.joined(separator: ",") + "]"
        case let .doubleArrays(arrays): "[" + arrays.map { ParamValue.doubles($0).description }.joined(separator: ",") + "]"
        }
    }

    /// Java's `Double.toString`, as Spark prints doubles (`1.0`, `1.0E-6`).
    private static func format(_ value: Double) -> String { Value.double(value).description }
}

/// A Swift type a `Param` holds: converts to and from `ParamValue`.
public protocol ParamValueConvertible: Sendable, Equatable {
    /// The stored form.
    var paramValue: ParamValue { get }
    /// The value of a stored form, or nil when it has another shape.
    init?(paramValue: ParamValue)
    /// The value written as text (`0.1`, `true`, `auto`, `1,2,3` for arrays), or nil.
    init?(parsing text: String)
}

extension ParamValueConvertible where Self: LosslessStringConvertible {
    public init?(parsing text: String) { self.init(text.trimmingCharacters(in: .whitespaces)) }
}

extension Bool: ParamValueConvertible {
    public var paramValue: ParamValue { .bool(self) }
    public init?(paramValue: ParamValue) {
        guard case let .bool(value) = paramValue else { return nil }
        self = value
    }
}

extension Int: ParamValueConvertible {
    public var paramValue: ParamValue { .int(self) }
    public init?(paramValue: ParamValue) {
        guard case let .int(value) = paramValue else { return nil }
        self = value
    }
}

extension Double: ParamValueConvertible {
    public var paramValue: ParamValue { .double(self) }
    /// Also accepts an integer, as a grid of `[0, 1]` for a double param means.
    public init?(paramValue: ParamValue) {
        switch paramValue {
        case let .double(value): self = value
        case let .int(value): self = Double(value)
        default: return nil
        }
    }
}

extension String: ParamValueConvertible {
    public var paramValue: ParamValue { .string(self) }
    public init?(paramValue: ParamValue) {
        guard case let .string(value) = paramValue else { return nil }
        self = value
    }
}

extension Array: ParamValueConvertible where Element: ArrayParamElement {
    public var paramValue: ParamValue { Element.paramValue(of: self) }
    /// Comma-separated elements (`0.1,0.5`), optionally in brackets; elements that are arrays
    /// themselves are bracketed (`[[0,1,2],[0,5,10]]`).
    public init?(parsing text: String) {
        var inner = Substring(text.trimmingCharacters(in: .whitespaces))
        if inner.first == "[" && inner.last == "]" { inner = inner.dropFirst().dropLast() }
        var values: [Element] = []
        var depth = 0, start = inner.startIndex
        // Split at the commas outside brackets, so that nested arrays stay whole.
        for index in inner.indices {
            switch inner[index] {
            case "[": depth += 1
            case "]": depth -= 1
            case "," where depth == 0:
                guard let value = Element(parsing: String(inner[start..<index])) else { return nil }
                values.append(value)
                start = inner.index(after: index)
            default: break
            }
        }
        let last = inner[start...]
        if !last.trimmingCharacters(in: .whitespaces).isEmpty {
            guard let value = Element(parsing: String(last)) else { return nil }
            values.append(value)
        }
        self = values
    }
    public init?(paramValue: ParamValue) {
        guard let values = Element.elements(of: paramValue) else { return nil }
        self = values
    }
}

/// The element types of array params (`Double`, `Int`, `String`).
public protocol ArrayParamElement: Sendable, Equatable, ParamValueConvertible {
    /// The stored form of an array.
    static func paramValue(of values: [Self]) -> ParamValue
    /// The array of a stored form, or nil.
    static func elements(of value: ParamValue) -> [Self]?
}

extension Double: ArrayParamElement {
    public static func paramValue(of values: [Double]) -> ParamValue { .doubles(values) }
    public static func elements(of value: ParamValue) -> [Double]? {
        switch value {
        case let .doubles(values): values
        case let .ints(values): values.map(Double.init)
        default: nil
        }
    }
}

extension Int: ArrayParamElement {
    public static func paramValue(of values: [Int]) -> ParamValue { .ints(values) }
    public static func elements(of value: ParamValue) -> [Int]? {
        if case let .ints(values) = value { return values }
        return nil
    }
}

extension Array: ArrayParamElement where Element == Double {
    public static func paramValue(of values: [[Double]]) -> ParamValue { .doubleArrays(values) }
    public static func elements(of value: ParamValue) -> [[Double]]? {
        if case let .doubleArrays(values) = value { return values }
        return nil
    }
}

extension String: ArrayParamElement {
    public static func paramValue(of values: [String]) -> ParamValue { .strings(values) }
    public static func elements(of value: ParamValue) -> [String]? {
        if case let .strings(values) = value { return values }
        return nil
    }
}
