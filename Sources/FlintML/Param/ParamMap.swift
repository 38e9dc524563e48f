/// Values for params of one or more stages, as spark.ml's `ParamMap`: what `fit(_:with:)` and
/// `copy(_:)` take and what `ParamGridBuilder` produces. Later puts replace earlier ones.
public struct ParamMap: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The values by param.
    public private(set) var values: [ParamKey: ParamValue] = [:]

    /// An empty map.
    public init() {}

    /// A map of `pairs`.
    public init(_ pairs: [ParamPair]) {
        for pair in pairs { values[pair.key] = pair.value }
    }

    /// Sets `param` to `value`.
    /// - Throws: `MLError.invalidParam` when the param does not accept it.
    public mutating func put<T>(_ param: Param<T>, _ value: T) throws {
        values[param.key] = try param.validate(value)
    }

    /// Adds `pair` (not validated: pairs come from params' own call syntax or a saved map).
    public mutating func put(_ pair: ParamPair) { values[pair.key] = pair.value }

    /// The value of `param`, if set here.
    public func get<T>(_ param: Param<T>) -> T? { values[param.key].flatMap(T.init(paramValue:)) }

    /// Whether `param` has a value here.
    public func contains<T>(_ param: Param<T>) -> Bool { values[param.key] != nil }

    /// This map with the values of `other` added (replacing equal keys).
    public func merging(_ other: ParamMap) -> ParamMap {
        var merged = self
        merged.values.merge(other.values) { $1 }
        return merged
    }

    /// The pairs, sorted by parent and name.
    public var pairs: [ParamPair] {
        values.map { ParamPair(key: $0.key, value: $0.value) }
            .sorted { ($0.key.parent, $0.key.name) < ($1.key.parent, $1.key.name) }
    }

    /// As Spark prints a param map: `{ parent-name: value, ... }` on one line per param.
    public var description: String {
        "{\n" + pairs.map { "\t\($0.key.parent)-\($0.key.name): \($0.value)" }.joined(separator: ",\n") + "\n}"
    }
}
