import FlintSQL

/// A per-row function of a stage, registered on the frame's session under a name unique to the
/// stage and applied to columns: how feature transformers compute their output column (one
/// closure call per row, on `Value`s).
enum RowFunction {
    /// `body` applied to `inputs`, as a column of `returnType`.
    static func column(_ dataset: DataFrame, name: String, returnType: DataType, inputs: [Column],
                       _ body: @escaping @Sendable ([Value]) throws -> Value) -> Column {
        dataset.session.udf.register(name, arity: inputs.count, returnType: returnType, body)
        return Column(.function(name: name, arguments: inputs.map(\.expression), isDistinct: false))
    }
}

/// `handleInvalid` values shared by the feature stages.
enum InvalidHandling: String {
    case error, skip, keep

    /// The param, with Spark's doc and the allowed values.
    static func param(_ uid: String, allowed: [String] = ["error", "skip", "keep"], doc: String) -> Param<String> {
        Param(parent: uid, name: "handleInvalid", doc: doc, validator: .inArray(allowed))
    }
}
