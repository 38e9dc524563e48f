// The column params the feature stages share, as Spark's `HasInputCol`, `HasOutputCol`,
// `HasInputCols`, `HasOutputCols` and `HasHandleInvalid` traits: a stage declares the param as a
// stored `let` (so that `Params` finds it by reflection) and gets the typed setter from the
// extension, on the estimator and its model alike.

/// A stage reading one column, `inputCol`.
public protocol HasInputCol: Params {
    /// `inputCol`: input column name.
    var inputCol: Param<String> { get }
}

/// A stage writing one column, `outputCol` (default `<uid>__output`, as Spark).
public protocol HasOutputCol: Params {
    /// `outputCol`: output column name.
    var outputCol: Param<String> { get }
}

/// A stage reading several columns, `inputCols`.
public protocol HasInputCols: Params {
    /// `inputCols`: input column names.
    var inputCols: Param<[String]> { get }
}

/// A stage writing several columns, `outputCols`.
public protocol HasOutputCols: Params {
    /// `outputCols`: output column names.
    var outputCols: Param<[String]> { get }
}

/// A stage with a `handleInvalid` policy (`error`, `skip`, `keep`, or the subset it supports).
public protocol HasHandleInvalid: Params {
    /// `handleInvalid`: what to do with invalid entries.
    var handleInvalid: Param<String> { get }
}

extension Params {
    /// Sets `param` to `value` and returns the stage: the body of the chained setters.
    /// - Throws: `MLError.invalidParam` when the param rejects the value.
    func setting<T>(_ param: Param<T>, _ value: T) throws -> Self {
        try set(param, value)
        return self
    }
}

extension HasInputCol {
    /// Sets `inputCol`.
    @discardableResult public func setInputCol(_ value: String) throws -> Self { try setting(inputCol, value) }
}

extension HasOutputCol {
    /// Sets `outputCol`.
    @discardableResult public func setOutputCol(_ value: String) throws -> Self { try setting(outputCol, value) }
}

extension HasInputCols {
    /// Sets `inputCols`.
    @discardableResult public func setInputCols(_ value: [String]) throws -> Self { try setting(inputCols, value) }
}

extension HasOutputCols {
    /// Sets `outputCols`.
    @discardableResult public func setOutputCols(_ value: [String]) throws -> Self { try setting(outputCols, value) }
}

extension HasHandleInvalid {
    /// Sets `handleInvalid`.
    /// - Throws: `MLError.invalidParam` for a value the stage does not support.
    @discardableResult public func setHandleInvalid(_ value: String) throws -> Self { try setting(handleInvalid, value) }

    /// The policy in force (values are validated case-insensitively when set).
    var invalidHandling: InvalidHandling { InvalidHandling(rawValue: value(handleInvalid).lowercased()) ?? .error }
}

/// A stage that maps either one column (`inputCol` → `outputCol`) or several (`inputCols` →
/// `outputCols`), as Spark's multi-column `StringIndexer`, `OneHotEncoder` and `Bucketizer`.
public protocol HasSingleOrMultipleColumns: HasInputCol, HasOutputCol, HasInputCols, HasOutputCols {}

extension HasSingleOrMultipleColumns {
    /// Whether the stage is used on several columns (`inputCols` is set).
    var isMultiColumn: Bool { isSet(inputCols) }

    /// The (input, output) column pairs, after Spark's `checkSingleVsMultiColumnParams`: exactly
    /// one of `inputCol` and `inputCols` is set, the params of that usage are defined and those of
    /// the other usage are not set; in multi-column usage the two lists have the same length.
    /// - Parameters:
    ///   - singleColumnParams: params the single-column usage needs besides `outputCol`.
    ///   - multiColumnParams: params the multi-column usage needs besides `outputCols`.
    /// - Throws: `MLError.invalidParam` saying which params are wrong.
    func columnPairs(singleColumnParams: [AnyParam] = [], multiColumnParams: [AnyParam] = []) throws -> [(input: String, output: String)] {
        let name = "\(type(of: self)) \(uid)"
        let single: [AnyParam] = [outputCol] + singleColumnParams, multiple: [AnyParam] = [outputCols] + multiColumnParams
        switch (isSet(inputCol), isSet(inputCols)) {
        case (true, true):
            throw MLError.invalidParam("\(name) requires exactly one of inputCol, inputCols Params to be set, but both are set.")
        case (false, false):
            throw MLError.invalidParam("\(name) requires exactly one of inputCol, inputCols Params to be set, but neither is set.")
        case (true, false):
            try checkExclusive(required: single, excluded: multiple, usage: "\(name) has the inputCol Param set for single-column transform.")
            return [(try getOrDefault(inputCol), try getOrDefault(outputCol))]
        case (false, true):
            try checkExclusive(required: multiple, excluded: single, usage: "\(name) has the inputCols Param set for multi-column transform.")
            let inputs = try getOrDefault(inputCols), outputs = try getOrDefault(outputCols)
            guard inputs.count == outputs.count else {
                throw MLError.invalidParam("The number of input columns \(inputs.count) must be the same as the number of output columns \(outputs.count).")
            }
            return Array(zip(inputs, outputs)).map { (input: $0, output: $1) }
        }
    }

    private func checkExclusive(required: [AnyParam], excluded: [AnyParam], usage: String) throws {
        let explicit = explicitParamMap.values, defined = extractParamMap().values
        let mustUnset = excluded.filter { explicit[$0.key] != nil }.map(\.key.name)
        let mustSet = required.filter { defined[$0.key] == nil }.map(\.key.name)
        var problems: [String] = []
        if !mustUnset.isEmpty {
            problems.append("The following Params are not applicable and should not be set: \(mustUnset.joined(separator: ", ")).")
        }
        if !mustSet.isEmpty {
            problems.append("The following Params must be defined but are not set: \(mustSet.joined(separator: ", ")).")
        }
        guard problems.isEmpty else { throw MLError.invalidParam(([usage] + problems).joined(separator: " ")) }
    }
}

extension SharedParams {
    /// `inputCols`: input column names.
    public static func inputCols(_ uid: String) -> Param<[String]> {
        Param(parent: uid, name: "inputCols", doc: "input column names")
    }

    /// `outputCols`: output column names.
    public static func outputCols(_ uid: String) -> Param<[String]> {
        Param(parent: uid, name: "outputCols", doc: "output column names")
    }

    /// `inputCol`, `outputCol`, `inputCols` and `outputCols`, for the stages that map one column
    /// or several.
    static func singleOrMultipleColumns(_ uid: String) -> (Param<String>, Param<String>, Param<[String]>, Param<[String]>) {
        (inputCol(uid), outputCol(uid), inputCols(uid), outputCols(uid))
    }
}
