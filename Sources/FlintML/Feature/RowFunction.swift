import FlintLinalg
import FlintSQL
import Synchronization

/// A per-row function of a stage, registered on the frame's session under a name unique to the
/// registration and applied to columns: how feature transformers compute their output column (one
/// closure call per row, on `Value`s).
enum RowFunction {
    /// Numbers the registrations: copies of a stage share its uid (tuning fits them side by
    /// side), and functions are looked up by name when a plan runs, not when it is built, so each
    /// registration gets a name of its own.
    private static let registrations = Atomic<Int>(0)

    /// `body` applied to `inputs`, as a column of `returnType`, registered as `name_N`.
    static func column(_ dataset: DataFrame, name: String, returnType: DataType, inputs: [Column],
                       _ body: @escaping @Sendable ([Value]) throws -> Value) -> Column {
        let unique = "\(name)_\(registrations.add(1, ordering: .relaxed).newValue)"
        dataset.session.udf.register(unique, arity: inputs.count, returnType: returnType, body)
        return Column(.function(name: unique, arguments: inputs.map(\.expression), isDistinct: false))
    }

    /// `dataset` with `output` added: `body` applied to each vector of the vector column `input`
    /// (a null vector gives null), registered as `name_N`.
    static func mappingVectors(_ dataset: DataFrame, name: String, from input: String, to output: String,
                               _ body: @escaping @Sendable (Vector) throws -> Vector) throws -> DataFrame {
        let mapped = column(dataset, name: name, returnType: .vector, inputs: [col(input)]) { values in
            guard case let .vector(vector) = values[0] else { return .null }
            return .vector(try body(vector))
        }
        return try dataset.withColumn(output, mapped)
    }
}

/// The `handleInvalid` policies of the feature stages, as Spark's string values.
enum InvalidHandling: String {
    /// Fail on the first invalid entry.
    case error
    /// Drop the rows with invalid entries.
    case skip
    /// Keep invalid entries (NaN, or an extra index, depending on the stage).
    case keep

    /// The `handleInvalid` param of a stage, accepting `allowed` (case-insensitively).
    static func param(_ uid: String, allowed: [InvalidHandling] = [.error, .skip, .keep], doc: String) -> Param<String> {
        Param(parent: uid, name: "handleInvalid", doc: doc, validator: .inArray(allowed.map(\.rawValue)))
    }
}
