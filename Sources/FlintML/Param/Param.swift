/// A typed parameter of a pipeline stage, as spark.ml's `Param[T]`: its owner's uid, a name, a
/// doc and the values it accepts. Values are held by the stage (`Params`), not by the param.
public struct Param<Value: ParamValueConvertible>: Sendable, CustomStringConvertible {
    /// The uid of the stage that owns the param.
    public let parent: String
    /// The name, as Spark's (`regParam`, `maxIter`).
    public let name: String
    /// What the param does; the validator's range is appended, as Spark's docs show it.
    public let doc: String
    /// The values it accepts.
    public let validator: ParamValidator

    /// A param of `parent`.
    public init(parent: String, name: String, doc: String, validator: ParamValidator = .any) {
        self.parent = parent
        self.name = name
        self.doc = doc
        self.validator = validator
    }

    /// `parent__name`, as Spark prints a param.
    public var description: String { "\(parent)__\(name)" }

    /// The untyped key of this param.
    public var key: ParamKey { ParamKey(parent: parent, name: name) }

    /// The param with `value`, for `ParamMap` and grids.
    public func callAsFunction(_ value: Value) -> ParamPair { ParamPair(key: key, value: value.paramValue) }

    /// `value` if the param accepts it.
    /// - Throws: `MLError.invalidParam` naming the param, the value and what is allowed.
    public func validate(_ value: Value) throws -> ParamValue {
        let stored = value.paramValue
        guard validator.accepts(stored) else {
            throw MLError.invalidParam("\(parent) parameter \(name) given invalid value \(stored)"
                                       + (validator.description.isEmpty ? "" : ": it must be \(validator.description)"))
        }
        return stored
    }
}

/// A param without its value type: the owner's uid and the name.
public struct ParamKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The owner's uid.
    public let parent: String
    /// The param's name.
    public let name: String

    /// A key.
    public init(parent: String, name: String) {
        self.parent = parent
        self.name = name
    }

    public var description: String { "\(parent)__\(name)" }
}

/// A param and a value for it (`lr.regParam(0.1)`).
public struct ParamPair: Hashable, Sendable, Codable {
    /// The param.
    public let key: ParamKey
    /// The value.
    public let value: ParamValue
}
