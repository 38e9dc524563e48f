import FlintCore
import FlintSQL

/// A batch of ratings read from a DataFrame: parallel arrays of user ids, item ids and ratings.
struct ALSRatingBatch: Sendable {
    var users: [Int32] = []
    var items: [Int32] = []
    var ratings: [Float] = []

    var count: Int { ratings.count }
}

/// Reading ALS's input columns with Spark's checks: ids of an integral type, or of a numeric type
/// holding whole numbers within Int32 (Spark's checked cast), never null; ratings numeric, finite
/// and not null (Spark casts them to float; it does not reject NaN or infinity, which would
/// poison every factor, so Flint does).
enum ALSRatings {
    /// Checks that `name` is a column of `schema` that can hold ids.
    /// - Throws: `MLError.invalidColumn` naming the column and its type.
    static func requireIdColumn(_ schema: StructType, _ name: String, role: String) throws {
        let field = try DatasetColumns.field(schema, name, role: role)
        guard field.dataType.isNumeric else {
            throw MLError.invalidColumn("ALS only supports values in Integer range for column \(name), but got type \(field.dataType.simpleString).")
        }
    }

    /// Spark's error for an id that is null, fractional or outside Int32.
    static func invalidId(column: String, value: Value) -> MLError {
        MLError.invalidData("ALS only supports non-Null values in Integer range and without fractional part for column \(column), but got \(value)")
    }

    /// The ids of `column` (the column `name`) as Int32.
    /// - Throws: `MLError.invalidData` for a null, fractional or out-of-range id, naming the
    ///   column and the value, as Spark's message.
    static func ids(_ column: ColumnVector, name: String) throws -> [Int32] {
        func invalid(_ row: Int) -> MLError { invalidId(column: name, value: column.value(at: row)) }
        if let validity = column.validity, let row = (0..<column.count).first(where: { !validity[$0] }) { throw invalid(row) }
        switch column.storage {
        case let .int32(values):
            return values
        case let .int64(values):
            if let row = values.firstIndex(where: { Int32(exactly: $0) == nil }) { throw invalid(row) }
            return values.map { Int32(truncatingIfNeeded: $0) }
        default:
            let values = column.doubleValues
            if let row = values.firstIndex(where: { Int32(exactly: $0) == nil }) { throw invalid(row) }
            return values.map { Int32($0) }
        }
    }

    /// The (user, item, rating) batches of `dataset`; `ratingCol` nil means every rating is 1.
    /// Checked as the batches are read.
    /// - Throws: `MLError.invalidColumn` for a missing or non-numeric column; the jobs reading
    ///   the batches throw `MLError.invalidData` for a bad id or a null or non-finite rating.
    static func batches(_ dataset: DataFrame, userCol: String, itemCol: String, ratingCol: String?) throws -> RDD<ALSRatingBatch> {
        try requireIdColumn(dataset.schema, userCol, role: "user")
        try requireIdColumn(dataset.schema, itemCol, role: "item")
        if let ratingCol { try DatasetColumns.requireNumeric(dataset.schema, ratingCol, role: "rating") }
        let rating = ratingCol.map { col($0) } ?? lit(1.0)
        return try dataset.select(col(userCol), col(itemCol), rating).batchRDD.map { batch in
            var ratings = ALSRatingBatch(users: try ids(batch.columns[0], name: userCol), items: try ids(batch.columns[1], name: itemCol))
            let column = batch.columns[2]
            ratings.ratings = column.doubleValues.map(Float.init)
            for row in 0..<batch.rowCount where column.isNull(row) || !ratings.ratings[row].isFinite {
                throw MLError.invalidData("ALS only supports finite, non-Null ratings in column \(ratingCol ?? "rating"), but got \(column.value(at: row)) for user \(ratings.users[row]), item \(ratings.items[row])")
            }
            return ratings
        }
    }
}
