import FlintSQL

/// Checks of the columns a stage reads and writes, with Spark's messages.
enum DatasetColumns {
    /// The column `name` of `dataset` as a double expression, after checking that it is numeric.
    /// - Throws: `MLError.invalidColumn` naming the column, its role and what was expected.
    static func numeric(_ dataset: DataFrame, _ name: String, role: String) throws -> Column {
        try requireNumeric(dataset.schema, name, role: role)
        return col(name).cast("double")
    }

    /// Checks that `name` is a numeric column of `schema`.
    /// - Throws: `MLError.invalidColumn` otherwise.
    static func requireNumeric(_ schema: StructType, _ name: String, role: String) throws {
        let field = try field(schema, name, role: role)
        guard field.dataType.isNumeric else {
            throw MLError.invalidColumn("\(role) column \(name) must be of a numeric type but was actually of type \(field.dataType.simpleString)")
        }
    }

    /// Checks that `name` is a vector column of `schema`.
    /// - Throws: `MLError.invalidColumn` otherwise.
    static func requireVector(_ schema: StructType, _ name: String, role: String = "features") throws {
        let field = try field(schema, name, role: role)
        guard field.dataType == .vector else {
            throw MLError.invalidColumn("\(role) column \(name) must be of type vector but was actually of type \(field.dataType.simpleString)")
        }
    }

    /// Checks that `name` is not a column of `schema` yet (an output column).
    /// - Throws: `MLError.invalidColumn` when it exists.
    static func requireAbsent(_ schema: StructType, _ name: String) throws {
        guard !schema.fields.contains(where: { $0.name == name }) else {
            throw MLError.invalidColumn("Output column \(name) already exists.")
        }
    }

    /// The field `name` of `schema`.
    /// - Throws: `MLError.invalidColumn` naming the column, its role and the columns there are.
    static func field(_ schema: StructType, _ name: String, role: String) throws -> StructField {
        guard let field = schema.fields.first(where: { $0.name == name }) else {
            throw MLError.invalidColumn("\(role) column \(name) does not exist. Available: "
                                        + schema.fields.map(\.name).joined(separator: ", "))
        }
        return field
    }

    /// The schema of a stage mapping the vector column `input` to a new vector column `output`.
    /// - Throws: `MLError.invalidColumn` when `input` is not a vector column or `output` exists.
    static func vectorToVector(_ schema: StructType, input: String, output: String) throws -> StructType {
        try requireVector(schema, input, role: "input")
        try requireAbsent(schema, output)
        return schema.adding(output, .vector)
    }
}
