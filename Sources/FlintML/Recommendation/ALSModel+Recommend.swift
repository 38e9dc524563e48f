import FlintCore
import FlintSQL

/// Top-n recommendations, as spark.ml's `recommendForAllUsers` & co. Each returns a DataFrame of
/// (`userCol` or `itemCol` int, `recommendations` array<struct<id column int, rating float>>),
/// one row per query id that has factors, recommendations best first (rating descending, equal
/// ratings larger id first, as Spark; see `ALSTopK`).
///
/// Nothing runs until an action: the query ids are split into partitions of `blockSize` ids,
/// and each task scores its ids against the other side's factors (held on the driver, captured
/// by the tasks) by single-precision GEMMs of `blockSize × blockSize` and keeps the best n per id
/// with a bounded heap. Cost: O(queries × targets × rank) flops, O(queries × n) output, no
/// shuffle (the subset variants shuffle the dataset once for its distinct ids).
extension ALSModel {
    /// The top `numItems` items for every user with factors. See the extension's doc for the
    /// cost and the schema (`userCol`, `recommendations` of (`itemCol`, `rating`)).
    /// - Throws: `MLError.invalidParam` when `numItems` ≤ 0; `MLError.invalidData` when no
    ///   session exists.
    public func recommendForAllUsers(_ numItems: Int) throws -> DataFrame {
        try ALSModel.checkNum(numItems, "numItems")
        return try recommendForAll(from: userFeatures, to: itemFeatures, sourceCol: value(userCol), targetCol: value(itemCol), num: numItems)
    }

    /// The top `numUsers` users for every item with factors (`itemCol`, `recommendations` of
    /// (`userCol`, `rating`)). Cost as `recommendForAllUsers`.
    /// - Throws: `MLError.invalidParam` when `numUsers` ≤ 0; `MLError.invalidData` when no
    ///   session exists.
    public func recommendForAllItems(_ numUsers: Int) throws -> DataFrame {
        try ALSModel.checkNum(numUsers, "numUsers")
        return try recommendForAll(from: itemFeatures, to: userFeatures, sourceCol: value(itemCol), targetCol: value(userCol), num: numUsers)
    }

    /// The top `numItems` items for each distinct user id of `dataset`'s `userCol`; ids without
    /// factors (and nulls, or values that are not whole numbers within Int32, which match no id)
    /// are skipped, as Spark's semi-join skips them. Cost as `recommendForAllUsers` for those
    /// ids, plus one shuffle of the dataset's ids for `distinct`.
    /// - Throws: `MLError.invalidParam` when `numItems` ≤ 0; `MLError.invalidColumn` when
    ///   `dataset` has no numeric `userCol`.
    public func recommendForUserSubset(_ dataset: DataFrame, numItems: Int) throws -> DataFrame {
        try ALSModel.checkNum(numItems, "numItems")
        return try recommendForSubset(dataset, from: userFeatures, to: itemFeatures, sourceCol: value(userCol), targetCol: value(itemCol),
                               num: numItems, role: "user")
    }

    /// The top `numUsers` users for each distinct item id of `dataset`'s `itemCol` (skipping
    /// ids without factors). Cost as `recommendForUserSubset`.
    /// - Throws: `MLError.invalidParam` when `numUsers` ≤ 0; `MLError.invalidColumn` when
    ///   `dataset` has no numeric `itemCol`.
    public func recommendForItemSubset(_ dataset: DataFrame, numUsers: Int) throws -> DataFrame {
        try ALSModel.checkNum(numUsers, "numUsers")
        return try recommendForSubset(dataset, from: itemFeatures, to: userFeatures, sourceCol: value(itemCol), targetCol: value(userCol),
                               num: numUsers, role: "item")
    }

    /// The schema of recommendations: (`sourceCol` int, `recommendations`
    /// array<struct<`targetCol` int, `rating` float>>), as Spark's.
    static func recommendationSchema(sourceCol: String, targetCol: String) -> StructType {
        let recommendation = StructType([StructField(targetCol, .integer), StructField("rating", .float)])
        return StructType([StructField(sourceCol, .integer, nullable: false),
                           StructField("recommendations", .array(element: .structure(recommendation), containsNull: true), nullable: false)])
    }

    private static func checkNum(_ num: Int, _ name: String) throws {
        guard num > 0 else { throw MLError.invalidParam("\(name) must be > 0, but got \(num)") }
    }

    private func recommendForAll(from source: ALSFactors, to target: ALSFactors, sourceCol: String, targetCol: String, num: Int) throws -> DataFrame {
        let session = try tableSession()
        let schema = ALSModel.recommendationSchema(sourceCol: sourceCol, targetCol: targetCol)
        let blockSize = value(blockSize)
        let ranges = stride(from: 0, to: source.count, by: blockSize).map { $0..<min($0 + blockSize, source.count) }
        let batches = session.context.parallelize(ranges, numSlices: ranges.count).map { range in
            ALSModel.recommendationBatch(source: source, rows: Array(range), target: target, num: num, blockSize: blockSize, schema: schema)
        }
        return session.createDataFrame(batches, schema: schema)
    }

    private func recommendForSubset(_ dataset: DataFrame, from source: ALSFactors, to target: ALSFactors, sourceCol: String,
                                    targetCol: String, num: Int, role: String) throws -> DataFrame {
        try ALSRatings.requireIdColumn(dataset.schema, sourceCol, role: role)
        let schema = ALSModel.recommendationSchema(sourceCol: sourceCol, targetCol: targetCol)
        let blockSize = value(blockSize)
        let batches = try dataset.select(col(sourceCol)).distinct().batchRDD.glom().map { idBatches in
            var rows: [Int] = []
            for batch in idBatches {
                let column = batch.columns[0]
                for index in 0..<batch.rowCount {
                    if let id = ALSModel.exactId(column.value(at: index)), let row = source.row(of: id) { rows.append(row) }
                }
            }
            // Sorted and unique: distinct values such as 1 and 1.0 or 0.0 and -0.0 name one id.
            let unique = Array(Set(rows)).sorted()
            return ALSModel.recommendationBatch(source: source, rows: unique, target: target, num: num, blockSize: blockSize, schema: schema)
        }
        return dataset.session.createDataFrame(batches, schema: schema)
    }

    /// The id a value names when it is a whole number within Int32, else nil (null included).
    static func exactId(_ value: Value) -> Int32? {
        switch value {
        case let .integer(id): id
        case let .long(id): Int32(exactly: id)
        case let .float(id): Int32(exactly: id)
        case let .double(id): Int32(exactly: id)
        default: nil
        }
    }

    /// The recommendation rows of `rows` of `source` (those with no target get none).
    private static func recommendationBatch(source: ALSFactors, rows: [Int], target: ALSFactors, num: Int, blockSize: Int,
                                            schema: StructType) -> ColumnBatch {
        let best = ALSTopK.recommend(source: source, rows: rows, destination: target, num: num, blockSize: blockSize)
        let values: [[Value]] = zip(rows, best).compactMap { row, scored in
            scored.isEmpty ? nil : [.integer(source.ids[row]), .array(scored.map { .structure([.integer($0.id), .float($0.rating)]) })]
        }
        return ColumnBatch(schema: schema, rows: values)
    }
}
