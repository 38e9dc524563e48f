import FlintSQL
import Synchronization

/// A per-row function of a stage, registered on the frame's session under a name unique to the
/// registration and applied to columns: how feature transformers compute their output column (one
/// closure call per row, on `Value`s).
enum RowFunction {
    /// Numbers the registrations: copies of a stage share its uid (tuning fits them side by
    /// side), so each registration gets a name of its own.
    private static let registrations = Atomic<Int>(0)

    /// `body` applied to `inputs`, as a column of `returnType`, registered as `name_N`.
    static func column(_ dataset: DataFrame, name: String, returnType: DataType, inputs: [Column],
                       _ body: @escaping @Sendable ([Value]) throws -> Value) -> Column {
        let unique = "\(name)_\(registrations.add(1, ordering: .relaxed).newValue)"
        dataset.session.udf.register(unique, arity: inputs.count, returnType: returnType, body)
        return Column(.function(name: unique, arguments: inputs.map(\.expression), isDistinct: false))
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
