import FlintCore
import FlintSQL

/// A fitted ALS model, as spark.ml's `ALSModel`: the user and item factors, predictions for
/// (user, item) pairs by their dot product, and top-n recommendations.
///
/// The factors are held on the driver (`userFeatures`, `itemFeatures`: 4 · (rank + 1) bytes per
/// id, 44 MB for a million ids at rank 10); Spark keeps them as DataFrames, which `userFactors`
/// and `itemFactors` give here too.
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

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: ALSModel(uid: uid, rank: rank, userFeatures: userFeatures, itemFeatures: itemFeatures,
                                           session: session), extra: extra)
        copy.parent = parent
        return copy
    }
}
