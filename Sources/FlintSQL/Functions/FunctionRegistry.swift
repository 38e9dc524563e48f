import Synchronization

/// A function callable by name from SQL and `functions`: its kind, its typing rule and, for
/// scalar functions, its implementation.
public struct FunctionDefinition: Sendable {
    /// The canonical lower-case name.
    public let name: String
    /// Scalar, aggregate or window.
    public let kind: FunctionKind
    /// How many arguments it takes.
    public let arity: ClosedRange<Int>
    /// The result type for the argument types, and the types the arguments must be cast to
    /// (nil: as they are). Throws `AnalysisError.invalidArguments` for bad types.
    public let resolve: @Sendable ([DataType]) throws -> (result: DataType, argumentTypes: [DataType]?)
    /// Whether a null argument gives a null result without calling `evaluate`.
    public let nullIntolerant: Bool
    /// A scalar function's value for one row's arguments.
    public let evaluate: (@Sendable ([Value]) throws -> Value)?

    /// Creates a definition.
    public init(name: String, kind: FunctionKind, arity: ClosedRange<Int>, nullIntolerant: Bool = true,
                resolve: @escaping @Sendable ([DataType]) throws -> (result: DataType, argumentTypes: [DataType]?),
                evaluate: (@Sendable ([Value]) throws -> Value)? = nil) {
        self.name = name
        self.kind = kind
        self.arity = arity
        self.nullIntolerant = nullIntolerant
        self.resolve = resolve
        self.evaluate = evaluate
    }
}

/// The functions a session knows: the built-ins (`BuiltinFunctions`) and the UDFs registered
/// with `session.udf.register`. Lookups are case-insensitive and take one lock.
public final class FunctionRegistry: Sendable {
    private let functions: Mutex<[String: FunctionDefinition]>

    /// A registry of the built-in functions.
    public init() {
        functions = Mutex(Dictionary(uniqueKeysWithValues: BuiltinFunctions.all.map { ($0.name, $0) }))
    }

    /// The function named `name` (any case), if known.
    public func lookup(_ name: String) -> FunctionDefinition? { functions.withLock { $0[name.lowercased()] } }

    /// Adds or replaces a function.
    public func register(_ definition: FunctionDefinition) {
        functions.withLock { $0[definition.name.lowercased()] = definition }
    }

    /// Every known name, sorted.
    public var names: [String] { functions.withLock { $0.keys.sorted() } }

    /// Resolves a call: checks the arity and types, inserts the casts the function wants.
    /// - Throws: `AnalysisError.unresolvedFunction` (with the nearest names) or
    ///   `.invalidArguments`.
    func resolveCall(name: String, arguments: [Expression], isDistinct: Bool) throws -> ResolvedCall {
        guard let definition = lookup(name) else {
            throw AnalysisError.unresolvedFunction(name: name, suggestions: AnalysisError.nearest(name, in: names))
        }
        guard definition.arity.contains(arguments.count) else {
            let expected = definition.arity.count == 1 ? "\(definition.arity.lowerBound)"
                : "\(definition.arity.lowerBound) to \(definition.arity.upperBound)"
            throw AnalysisError.invalidArguments(function: definition.name,
                                                 reason: "takes \(expected) argument(s), got \(arguments.count)")
        }
        if isDistinct, definition.kind != .aggregate {
            throw AnalysisError.invalidArguments(function: definition.name, reason: "DISTINCT applies to aggregate functions only")
        }
        let (result, wanted) = try definition.resolve(arguments.map(\.dataType))
        let casted = zip(arguments, wanted ?? arguments.map(\.dataType)).map { argument, type in
            argument.dataType == type || type == .null ? argument : Expression.cast(argument, type)
        }
        let nullable = definition.kind == .aggregate
            ? !["count", "count_distinct", "collect_list", "collect_set", "approx_count_distinct"].contains(definition.name)
            : !definition.nullIntolerant || casted.contains(where: \.nullable)
        return ResolvedCall(name: definition.name, arguments: casted, isDistinct: isDistinct, dataType: result,
                            nullable: nullable, kind: definition.kind)
    }
}
