import FlintSQL

// Column checks of the feature stages, with Spark's messages (the checks the other stages share
// are in Optim/DatasetColumns.swift).

extension DatasetColumns {
    /// Checks that `name` is a column of `schema` whose type `accepts`.
    /// - Throws: `MLError.invalidColumn` naming the column, its type and `expected`, as Spark's
    ///   `SchemaUtils` messages.
    static func require(_ schema: StructType, _ name: String, role: String = "input", expected: String,
                        accepts: (DataType) -> Bool) throws {
        let field = try field(schema, name, role: role)
        guard accepts(field.dataType) else {
            throw MLError.invalidColumn("Column \(name) must be of type \(expected) but was actually of type \(field.dataType.simpleString).")
        }
    }

    /// `schema` with the columns `outputs` of type `dataType` added, after checking that none of
    /// them exists yet nor is named twice.
    /// - Throws: `MLError.invalidColumn` for an output column that exists or repeats.
    static func adding(_ outputs: [String], of dataType: DataType, to schema: StructType) throws -> StructType {
        guard Set(outputs).count == outputs.count else { throw MLError.invalidColumn("Output columns should not be duplicate.") }
        return try outputs.reduce(schema) { result, output in
            try requireAbsent(result, output)
            return result.adding(output, dataType)
        }
    }
}
