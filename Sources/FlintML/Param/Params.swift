import Foundation
import Synchronization

/// A param of any value type, as `Params` finds them on a stage.
public protocol AnyParam: Sendable {
    /// The param's owner and name.
    var key: ParamKey { get }
    /// What it does.
    var doc: String { get }
    /// The values it accepts.
    var validator: ParamValidator { get }
    /// The value written as text, in this param's type (nil when it does not parse).
    func parse(_ text: String) -> ParamValue?
    /// The value of a parsed JSON object, in this param's type (nil when it does not fit).
    func decode(json: Any) -> ParamValue?
}

extension Param: AnyParam {
    public func parse(_ text: String) -> ParamValue? { Value(parsing: text)?.paramValue }
}

/// Something with params, as spark.ml's `Params`: a uid, the params it declares (its stored
/// `Param` properties, found by reflection once), their defaults and the values set on it.
/// Setting a value checks it against the param's validator, so an invalid value is rejected
/// when set, with the param's name and the allowed range.
///
/// Subclasses declare each param as a `let` property initialised from their uid, set defaults
/// with `setDefault` in their initialiser, and implement `copy(_:)` with `copyValues(to:extra:)`.
/// Values are guarded by a lock: setting them from several threads is safe, though a stage is
/// meant to be configured before it runs.
open class Params: @unchecked Sendable, CustomStringConvertible {
    /// The stage's unique id (`LinearRegression_4a1c2e…`).
    public let uid: String
    private let state = Mutex(State())

    private struct State {
        var values = ParamMap()
        var defaults = ParamMap()
    }

    /// A stage with id `uid`.
    public init(uid: String) {
        self.uid = uid
    }

    /// `prefix_` and 12 random hex digits, as Spark's `Identifiable.randomUID`.
    public static func randomUID(_ prefix: String) -> String {
        prefix + "_" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().suffix(12))
    }

    /// Every param the stage declares, sorted by name. Found once by reflection over the
    /// stage's stored properties (cost: one Mirror walk per call; stages have few params).
    public var params: [AnyParam] {
        var found: [AnyParam] = []
        var mirror: Mirror? = Mirror(reflecting: self)
        while let current = mirror {
            found += current.children.compactMap { $0.value as? AnyParam }
            mirror = current.superclassMirror
        }
        return found.sorted { $0.key.name < $1.key.name }
    }

    /// The declared param named `name`.
    /// - Throws: `MLError.invalidParam` when the stage has no such param.
    public func param(named name: String) throws -> AnyParam {
        guard let param = params.first(where: { $0.key.name == name }) else {
            throw MLError.invalidParam("\(uid) has no param named \(name); its params are: "
                                       + params.map(\.key.name).joined(separator: ", "))
        }
        return param
    }

    /// Sets `param` to `value`.
    /// - Throws: `MLError.invalidParam` naming the param and the allowed values.
    public func set<T>(_ param: Param<T>, _ value: T) throws {
        try checkOwned(param.key)
        let stored = try param.validate(value)
        state.withLock { $0.values.put(ParamPair(key: param.key, value: stored)) }
    }

    /// Sets the param of `pair` (from a `ParamMap` or a grid), checking its value.
    /// - Throws: `MLError.invalidParam` for a param of another stage or a rejected value.
    public func set(_ pair: ParamPair) throws {
        try checkOwned(pair.key)
        try validate(ParamMap([pair]))
        state.withLock { $0.values.put(pair) }
    }

    /// Sets the param named `name` from text, as a command line gives it (`regParam`, `"0.1"`).
    /// - Throws: `MLError.invalidParam` for an unknown name (listing the stage's params), text
    ///   that is not of the param's type, or a rejected value.
    public func set(paramNamed name: String, parsing text: String) throws {
        let declared = try param(named: name)
        guard let value = declared.parse(text) else {
            throw MLError.invalidParam("\(uid) parameter \(name) cannot take '\(text)'")
        }
        try set(ParamPair(key: declared.key, value: value))
    }

    /// Sets the default of `param` (subclasses, in their initialiser).
    public func setDefault<T>(_ param: Param<T>, _ value: T) {
        state.withLock { $0.defaults.put(param(value)) }
    }

    /// Removes the value set for `param` (its default applies again).
    public func clear<T>(_ param: Param<T>) {
        state.withLock { $0.values = ParamMap($0.values.pairs.filter { $0.key != param.key }) }
    }

    /// The value set for `param`, or its default.
    /// - Throws: `MLError.invalidParam` when it has neither.
    public func getOrDefault<T>(_ param: Param<T>) throws -> T {
        let (value, fallback) = state.withLock { ($0.values.get(param), $0.defaults.get(param)) }
        guard let result = value ?? fallback else {
            throw MLError.invalidParam("\(uid) parameter \(param.name) has no value and no default")
        }
        return result
    }

    /// The value of a param that has a default (a programmer error otherwise).
    public func value<T>(_ param: Param<T>) -> T {
        guard let result = try? getOrDefault(param) else { preconditionFailure("\(param) has no default") }
        return result
    }

    /// Whether a value was set for `param`.
    public func isSet<T>(_ param: Param<T>) -> Bool { state.withLock { $0.values.contains(param) } }

    /// Whether `param` has a default.
    public func hasDefault<T>(_ param: Param<T>) -> Bool { state.withLock { $0.defaults.contains(param) } }

    /// Whether `param` has a value or a default.
    public func isDefined<T>(_ param: Param<T>) -> Bool { isSet(param) || hasDefault(param) }

    /// The defaults, overridden by the values set, overridden by `extra`'s values for this stage.
    public func extractParamMap(_ extra: ParamMap = ParamMap()) -> ParamMap {
        let own = extra.pairs.filter { $0.key.parent == uid }
        return state.withLock { $0.defaults.merging($0.values) }.merging(ParamMap(own))
    }

    /// The values set explicitly (not defaults), e.g. for saving.
    public var explicitParamMap: ParamMap { state.withLock { $0.values } }

    /// The defaults.
    public var defaultParamMap: ParamMap { state.withLock { $0.defaults } }

    /// One line per param: `name: doc (default: x, current: y)`, as Spark's `explainParams()`.
    public func explainParams() -> String {
        let (values, defaults) = state.withLock { ($0.values, $0.defaults) }
        return params.map { param in
            let doc = param.doc + (param.validator.description.isEmpty ? "" : " (\(param.validator.description))")
            let shown = [defaults.values[param.key].map { "default: \($0)" }, values.values[param.key].map { "current: \($0)" }]
                .compactMap { $0 }
            return "\(param.key.name): \(doc) (\(shown.isEmpty ? "undefined" : shown.joined(separator: ", ")))"
        }.joined(separator: "\n")
    }

    /// Checks the values `map` holds for this stage's params.
    /// - Throws: `MLError.invalidParam` for an unknown param or a rejected value.
    open func validate(_ map: ParamMap) throws {
        try validate(map, ignoringUndeclared: false)
    }

    /// Checks `map`'s values for this stage; with `ignoringUndeclared`, values for params the
    /// stage does not declare are skipped (a model shares its estimator's uid but not all its
    /// params, as Spark's `copy` ignores them).
    public func validate(_ map: ParamMap, ignoringUndeclared: Bool) throws {
        let names = Set(params.map(\.key.name))
        for pair in map.pairs where pair.key.parent == uid && (!ignoringUndeclared || names.contains(pair.key.name)) {
            let declared = try param(named: pair.key.name)
            guard declared.validator.accepts(pair.value) else {
                throw MLError.invalidParam("\(uid) parameter \(pair.key.name) given invalid value \(pair.value)"
                                           + (declared.validator.description.isEmpty ? "" : ": it must be \(declared.validator.description)"))
            }
        }
    }

    /// A copy of the stage with `extra`'s values for it applied, as Spark's `copy(extra)`.
    /// Subclasses implement it with `copyValues(to:extra:)`.
    open func copy(_ extra: ParamMap) -> Params {
        preconditionFailure("\(type(of: self)) must override copy(_:)")
    }

    /// `target` with this stage's defaults and values, then `extra`'s values for this stage's
    /// uid, copied in (`extra` is not checked here: `validate(_:)` it first).
    public func copyValues<T: Params>(to target: T, extra: ParamMap = ParamMap()) -> T {
        let copied = state.withLock { $0 }
        func rekeyed(_ pairs: [ParamPair]) -> ParamMap {
            ParamMap(pairs.map { ParamPair(key: ParamKey(parent: target.uid, name: $0.key.name), value: $0.value) })
        }
        target.state.withLock { state in
            state.defaults = rekeyed(copied.defaults.pairs)
            state.values = rekeyed(copied.values.pairs).merging(rekeyed(extra.pairs.filter { $0.key.parent == uid }))
        }
        return target
    }

    public var description: String { uid }

    private func checkOwned(_ key: ParamKey) throws {
        guard key.parent == uid else {
            throw MLError.invalidParam("param \(key) does not belong to \(uid)")
        }
    }
}
