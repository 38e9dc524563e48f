import FlintCore
import FlintSQL

/// Alternating least squares matrix factorisation for collaborative filtering, as spark.ml's
/// `ALS`: user and item factors of `rank` whose dot products approximate the ratings, fitted by
/// alternately solving every item's and every user's regularised least-squares problem (ALS-WR:
/// λ = `regParam` × the id's number of ratings). Explicit ratings, or implicit feedback
/// (`implicitPrefs`, confidence 1 + `alpha` · |r|); `nonnegative` factors by NNLS.
///
/// Cost per iteration: O(r · rank²) to build the normal equations (r ratings, level-3 BLAS) plus
/// O((users + items) · rank³) to solve them, and one shuffle per half-iteration of at most
/// (ids × blocks of the other side) factors. The ratings are cut into `numUserBlocks` ×
/// `numItemBlocks` blocks cached for all iterations (see `ALSTraining`).
public final class ALS: Estimator, @unchecked Sendable {
    /// `rank` (default 10, ≥ 1): the number of latent factors.
    public let rank: Param<Int>
    /// `maxIter` (default 10).
    public let maxIter: Param<Int>
    /// `regParam` (default 0.1, ≥ 0).
    public let regParam: Param<Double>
    /// `implicitPrefs` (default false): ratings are implicit feedback.
    public let implicitPrefs: Param<Bool>
    /// `alpha` (default 1.0, ≥ 0): the confidence scale of implicit feedback.
    public let alpha: Param<Double>
    /// `nonnegative` (default false): constrain the factors to be ≥ 0 (NNLS).
    public let nonnegative: Param<Bool>
    /// `numUserBlocks` (default 10, ≥ 1).
    public let numUserBlocks: Param<Int>
    /// `numItemBlocks` (default 10, ≥ 1).
    public let numItemBlocks: Param<Int>
    /// `userCol` (default `user`).
    public let userCol: Param<String>
    /// `itemCol` (default `item`).
    public let itemCol: Param<String>
    /// `ratingCol` (default `rating`; empty: every rating is 1).
    public let ratingCol: Param<String>
    /// `predictionCol` (default `prediction`).
    public let predictionCol: Param<String>
    /// `coldStartStrategy` (default "nan"; "drop"), passed to the model.
    public let coldStartStrategy: Param<String>
    /// `blockSize` (default 4096), passed to the model.
    public let blockSize: Param<Int>
    /// `seed`.
    public let seed: Param<Int>
    /// `checkpointInterval` (default 10; -1 disables): checkpoint the item factors every so many
    /// iterations when the context has a checkpoint directory.
    public let checkpointInterval: Param<Int>
    /// `intermediateStorageLevel` (default MEMORY_AND_DISK): how the blocks are cached.
    public let intermediateStorageLevel: Param<String>

    /// An estimator with Spark's defaults.
    public override init(uid: String = Params.randomUID("als")) {
        rank = Param(parent: uid, name: "rank", doc: "rank of the factorization", validator: .gtEq(1))
        maxIter = SharedParams.maxIter(uid)
        regParam = SharedParams.regParam(uid)
        implicitPrefs = Param(parent: uid, name: "implicitPrefs", doc: "whether to use implicit preference")
        alpha = Param(parent: uid, name: "alpha", doc: "alpha for implicit preference", validator: .gtEq(0))
        nonnegative = Param(parent: uid, name: "nonnegative", doc: "whether to use nonnegative constraint for least squares")
        numUserBlocks = Param(parent: uid, name: "numUserBlocks", doc: "number of user blocks", validator: .gtEq(1))
        numItemBlocks = Param(parent: uid, name: "numItemBlocks", doc: "number of item blocks", validator: .gtEq(1))
        userCol = ALSParams.userCol(uid)
        itemCol = ALSParams.itemCol(uid)
        ratingCol = Param(parent: uid, name: "ratingCol", doc: "column name for ratings")
        predictionCol = SharedParams.predictionCol(uid)
        coldStartStrategy = ALSParams.coldStartStrategy(uid)
        blockSize = ALSParams.blockSize(uid)
        seed = SharedParams.seed(uid)
        checkpointInterval = Param(parent: uid, name: "checkpointInterval",
                                   doc: "set checkpoint interval (>= 1) or disable checkpoint (-1). E.g. 10 means that the cache will get checkpointed every 10 iterations. Note: this setting will be ignored if the checkpoint directory is not set in the SparkContext.",
                                   validator: ParamValidator(">= 1 or -1") { value in
                                       guard case let .int(interval) = value else { return false }
                                       return interval == -1 || interval >= 1
                                   })
        intermediateStorageLevel = Param(parent: uid, name: "intermediateStorageLevel",
                                         doc: "StorageLevel for intermediate datasets. Cannot be 'NONE'.",
                                         validator: ParamValidator("a storage level other than NONE") { value in
                                             guard case let .string(text) = value, let level = try? StorageLevel.fromString(text) else { return false }
                                             return level != .none
                                         })
        super.init(uid: uid)
        setDefault(rank, 10)
        setDefault(maxIter, 10)
        setDefault(regParam, 0.1)
        setDefault(implicitPrefs, false)
        setDefault(alpha, 1.0)
        setDefault(nonnegative, false)
        setDefault(numUserBlocks, 10)
        setDefault(numItemBlocks, 10)
        setDefault(ratingCol, "rating")
        // Spark's default seed: the class name's Java hashCode.
        setDefault(seed, 1_994_383)
        setDefault(checkpointInterval, 10)
        setDefault(intermediateStorageLevel, "MEMORY_AND_DISK")
        ALSParams.setDefaults(self, userCol: userCol, itemCol: itemCol, predictionCol: predictionCol,
                              coldStartStrategy: coldStartStrategy, blockSize: blockSize)
    }

    /// Sets `rank`.
    @discardableResult public func setRank(_ value: Int) throws -> Self { try set(rank, value); return self }
    /// Sets `maxIter`.
    @discardableResult public func setMaxIter(_ value: Int) throws -> Self { try set(maxIter, value); return self }
    /// Sets `regParam`.
    @discardableResult public func setRegParam(_ value: Double) throws -> Self { try set(regParam, value); return self }
    /// Sets `implicitPrefs`.
    @discardableResult public func setImplicitPrefs(_ value: Bool) throws -> Self { try set(implicitPrefs, value); return self }
    /// Sets `alpha`.
    @discardableResult public func setAlpha(_ value: Double) throws -> Self { try set(alpha, value); return self }
    /// Sets `nonnegative`.
    @discardableResult public func setNonnegative(_ value: Bool) throws -> Self { try set(nonnegative, value); return self }
    /// Sets `numUserBlocks`.
    @discardableResult public func setNumUserBlocks(_ value: Int) throws -> Self { try set(numUserBlocks, value); return self }
    /// Sets `numItemBlocks`.
    @discardableResult public func setNumItemBlocks(_ value: Int) throws -> Self { try set(numItemBlocks, value); return self }
    /// Sets both `numUserBlocks` and `numItemBlocks`.
    @discardableResult public func setNumBlocks(_ value: Int) throws -> Self { try setNumUserBlocks(value).setNumItemBlocks(value) }
    /// Sets `userCol`.
    @discardableResult public func setUserCol(_ value: String) throws -> Self { try set(userCol, value); return self }
    /// Sets `itemCol`.
    @discardableResult public func setItemCol(_ value: String) throws -> Self { try set(itemCol, value); return self }
    /// Sets `ratingCol`.
    @discardableResult public func setRatingCol(_ value: String) throws -> Self { try set(ratingCol, value); return self }
    /// Sets `predictionCol`.
    @discardableResult public func setPredictionCol(_ value: String) throws -> Self { try set(predictionCol, value); return self }
    /// Sets `coldStartStrategy`.
    @discardableResult public func setColdStartStrategy(_ value: String) throws -> Self { try set(coldStartStrategy, value); return self }
    /// Sets `blockSize`.
    @discardableResult public func setBlockSize(_ value: Int) throws -> Self { try set(blockSize, value); return self }
    /// Sets `seed`.
    @discardableResult public func setSeed(_ value: Int) throws -> Self { try set(seed, value); return self }
    /// Sets `checkpointInterval`.
    @discardableResult public func setCheckpointInterval(_ value: Int) throws -> Self { try set(checkpointInterval, value); return self }
    /// Sets `intermediateStorageLevel`.
    @discardableResult public func setIntermediateStorageLevel(_ value: String) throws -> Self { try set(intermediateStorageLevel, value); return self }

    public override func transformSchema(_ schema: StructType) throws -> StructType {
        try ALSRatings.requireIdColumn(schema, value(userCol), role: "user")
        try ALSRatings.requireIdColumn(schema, value(itemCol), role: "item")
        let rating = value(ratingCol)
        if !rating.isEmpty { try DatasetColumns.requireNumeric(schema, rating, role: "rating") }
        try DatasetColumns.requireAbsent(schema, value(predictionCol))
        return schema.adding(value(predictionCol), .float)
    }

    /// Factorises the ratings of `dataset` (one job builds the blocks, one runs the iterations
    /// and gathers the factors).
    /// - Throws: `MLError` for bad columns, ids or ratings, no ratings, or an unsolvable system.
    public override func fit(_ dataset: DataFrame) throws -> ALSModel {
        let rating = value(ratingCol)
        let batches = try ALSRatings.batches(dataset, userCol: value(userCol), itemCol: value(itemCol), ratingCol: rating.isEmpty ? nil : rating)
        let training = ALSTraining(rank: value(rank), maxIter: value(maxIter), regParam: value(regParam), implicitPrefs: value(implicitPrefs),
                                   alpha: value(alpha), nonnegative: value(nonnegative), userBlocks: value(numUserBlocks),
                                   itemBlocks: value(numItemBlocks), seed: Int64(value(seed)), checkpointInterval: value(checkpointInterval),
                                   storageLevel: try StorageLevel.fromString(value(intermediateStorageLevel)))
        let (users, items) = try training.run(batches)
        let model = copyValues(to: ALSModel(uid: uid, rank: value(rank), userFeatures: users, itemFeatures: items, session: dataset.session))
        model.parent = self
        return model
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: ALS(uid: uid), extra: extra) }
}
