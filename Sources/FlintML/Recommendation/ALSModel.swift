import FlintCore
import FlintSQL

/// A fitted ALS model, as spark.ml's `ALSModel`: the user and item factors, predictions for
/// (user, item) pairs by their dot product, and top-n recommendations.
///
/// The factors are held on the driver (`userFeatures`, `itemFeatures`: 4 · (rank + 1) bytes per
/// id, 44 MB for a million ids at rank 10); Spark keeps them as DataFrames, which `userFactors`
/// and `itemFactors` give here too. `transform` and the recommendations capture them in their
/// tasks instead of joining: no shuffle of the factors. Saved by `save(_:)` / `write` with the
/// factors in a compact binary form (see `MLWriter`), loaded by `ALSModel.load(_:)`.
public final class ALSModel: Model, @unchecked Sendable {
    /// The number of latent factors.
    public let rank: Int
    /// The user factors.
    public let userFeatures: ALSFactors
    /// The item factors.
    public let itemFeatures: ALSFactors
    /// `userCol` (default `user`).
    public let userCol: Param<String>
    /// `itemCol` (default `item`).
    public let itemCol: Param<String>
    /// `predictionCol` (default `prediction`).
    public let predictionCol: Param<String>
    /// `coldStartStrategy`: "nan" (default: NaN for a user or item without factors) or "drop".
    public let coldStartStrategy: Param<String>
    /// `blockSize` (default 4096): rows stacked per GEMM when recommending.
    public let blockSize: Param<Int>
    /// The session the factor tables are built in (the training data's, else the active one).
    let session: FlintSession?

    /// A model of these factors (both of rank `rank`).
    public init(uid: String, rank: Int, userFeatures: ALSFactors, itemFeatures: ALSFactors, session: FlintSession? = nil) {
        precondition(userFeatures.rank == rank && itemFeatures.rank == rank, "ALSModel: factors of another rank than \(rank)")
        self.rank = rank
        self.userFeatures = userFeatures
        self.itemFeatures = itemFeatures
        self.session = session
        userCol = ALSParams.userCol(uid)
        itemCol = ALSParams.itemCol(uid)
        predictionCol = SharedParams.predictionCol(uid)
        coldStartStrategy = ALSParams.coldStartStrategy(uid)
        blockSize = ALSParams.blockSize(uid)
        super.init(uid: uid)
        ALSParams.setDefaults(self, userCol: userCol, itemCol: itemCol, predictionCol: predictionCol,
                              coldStartStrategy: coldStartStrategy, blockSize: blockSize)
    }

    /// Sets `userCol`.
    @discardableResult public func setUserCol(_ value: String) throws -> Self { try set(userCol, value); return self }
    /// Sets `itemCol`.
    @discardableResult public func setItemCol(_ value: String) throws -> Self { try set(itemCol, value); return self }
    /// Sets `predictionCol`.
    @discardableResult public func setPredictionCol(_ value: String) throws -> Self { try set(predictionCol, value); return self }
    /// Sets `coldStartStrategy`.
    @discardableResult public func setColdStartStrategy(_ value: String) throws -> Self { try set(coldStartStrategy, value); return self }
    /// Sets `blockSize`.
    @discardableResult public func setBlockSize(_ value: Int) throws -> Self { try set(blockSize, value); return self }

    /// The session for the factor tables.
    /// - Throws: `MLError.invalidData` when the model has none and no session exists.
    func tableSession() throws -> FlintSession {
        guard let session = session ?? FlintSession.activeSession else {
            throw MLError.invalidData("ALSModel needs a FlintSession to build DataFrames; create one first")
        }
        return session
    }

    /// The user factors as a DataFrame (`id` int, `features` array<float>), as Spark's.
    /// - Throws: `MLError.invalidData` when no session exists.
    public var userFactors: DataFrame { get throws { userFeatures.dataFrame(in: try tableSession()) } }
    /// The item factors as a DataFrame (`id` int, `features` array<float>), as Spark's.
    /// - Throws: `MLError.invalidData` when no session exists.
    public var itemFactors: DataFrame { get throws { itemFeatures.dataFrame(in: try tableSession()) } }

    /// The schema `transform` gives: `schema` with `predictionCol` (float) appended.
    /// - Throws: `MLError.invalidColumn` when `userCol` or `itemCol` is missing or not numeric,
    ///   or `predictionCol` exists.
    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try ALSRatings.requireIdColumn(schema, value(userCol), role: "user")
        try ALSRatings.requireIdColumn(schema, value(itemCol), role: "item")
        try DatasetColumns.requireAbsent(schema, value(predictionCol))
        return schema.adding(value(predictionCol), .float)
    }

    /// `dataset` with `predictionCol` (float): the dot product of the row's user and item
    /// factors, as Spark's (summed in single precision, in order). A user or item without
    /// factors gives NaN, or with `coldStartStrategy` "drop" (any case) drops the row, as does
    /// any other NaN prediction (Spark's `na.drop` on the prediction). Ids may be of any numeric
    /// type holding whole numbers within Int32 (Spark's checked cast).
    ///
    /// Cost per row: two binary searches in the driver-held factor tables (captured by the
    /// tasks, not joined) and `rank` multiply-adds, twice with "drop" (a filter computes the
    /// prediction before the projection does: filtering on the projected column would be
    /// pushed below it and evaluate it twice more); no shuffle.
    /// - Throws: as `transformSchema`; the jobs reading the result throw `MLError.invalidData`
    ///   naming the column and the value for a null, fractional or out-of-range id.
    public override func transform(_ dataset: DataFrame) throws -> DataFrame {
        _ = try transformSchema(dataset.schema)
        let users = userFeatures, items = itemFeatures
        let userName = value(userCol), itemName = value(itemCol)
        let inputs = [col(userName), col(itemName)]
        let predict: @Sendable ([Value]) throws -> Float = { values in
            ALSModel.predict(users, try ALSModel.checkedId(values[0], column: userName), items, try ALSModel.checkedId(values[1], column: itemName))
        }
        let prediction = RowFunction.column(dataset, name: "\(uid)_predict", returnType: .float, inputs: inputs) { .float(try predict($0)) }
        guard value(coldStartStrategy).lowercased() == "drop" else { return try dataset.withColumn(value(predictionCol), prediction) }
        let predictable = RowFunction.column(dataset, name: "\(uid)_predictable", returnType: .boolean, inputs: inputs) {
            .boolean(!(try predict($0)).isNaN)
        }
        return try dataset.filter(predictable).withColumn(value(predictionCol), prediction)
    }

    /// The dot product of `user`'s and `item`'s factors summed in order in single precision
    /// (as Spark's prediction), or NaN when either has none. O(log users + log items + rank).
    static func predict(_ users: ALSFactors, _ user: Int32, _ items: ALSFactors, _ item: Int32) -> Float {
        guard let userRow = users.row(of: user), let itemRow = items.row(of: item) else { return .nan }
        let rank = users.rank
        return users.values.withUnsafeBufferPointer { x in
            items.values.withUnsafeBufferPointer { y in
                var dot: Float = 0
                for i in 0..<rank { dot += x[userRow * rank + i] * y[itemRow * rank + i] }
                return dot
            }
        }
    }

    /// `value` as an id, with Spark's checked cast: an int as is; another number when it is a
    /// whole number within Int32.
    /// - Throws: `MLError.invalidData` naming `column` and the value otherwise (null included).
    static func checkedId(_ value: Value, column: String) throws -> Int32 {
        if let id = exactId(value) { return id }
        if value.isNull { throw MLError.invalidData("\(column) Ids MUST NOT be Null") }
        throw ALSRatings.invalidId(column: column, value: value)
    }

    /// A copy with the same uid, factors (shared, not copied), session and parent, and the
    /// params of this one overridden by `extra`. O(params).
    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: ALSModel(uid: uid, rank: rank, userFeatures: userFeatures, itemFeatures: itemFeatures,
                                           session: session), extra: extra)
        copy.parent = parent
        return copy
    }
}
