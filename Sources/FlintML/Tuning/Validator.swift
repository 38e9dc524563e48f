import FlintSQL

/// What `CrossValidator` and `TrainValidationSplit` share, as spark.ml's `ValidatorParams`: the
/// estimator to tune, its param maps, the evaluator, and the `seed`, `parallelism` and
/// `collectSubModels` params.
public class Validator: Estimator, @unchecked Sendable {
    /// The estimator to tune (an estimator or a `Pipeline`).
    public internal(set) var estimator: Estimator?
    /// The param maps to try.
    public internal(set) var estimatorParamMaps: [ParamMap] = []
    /// The evaluator of the validation predictions.
    public internal(set) var evaluator: Evaluator?
    /// `seed`.
    public let seed: Param<Int>
    /// `parallelism` (default 1): fits run at the same time.
    public let parallelism: Param<Int>
    /// `collectSubModels` (default false).
    public let collectSubModels: Param<Bool>

    init(uid: String, defaultSeed: Int) {
        seed = SharedParams.seed(uid)
        parallelism = Param(parent: uid, name: "parallelism", doc: "the number of threads to use when running parallel algorithms (>= 1)",
                            validator: .gtEq(1))
        collectSubModels = Param(parent: uid, name: "collectSubModels", doc: "whether to collect a list of sub-models trained during tuning. If set to false, then only the single best sub-model will be available after fitting. If set to true, then all sub-models will be available. Warning: For large models, collecting all sub-models can cause OOMs on the Spark driver")
        super.init(uid: uid)
        setDefault(seed, defaultSeed)
        setDefault(parallelism, 1)
        setDefault(collectSubModels, false)
    }

    /// Sets the estimator.
    @discardableResult public func setEstimator(_ value: Estimator) -> Self { estimator = value; return self }
    /// Sets the param maps.
    @discardableResult public func setEstimatorParamMaps(_ value: [ParamMap]) -> Self { estimatorParamMaps = value; return self }
    /// Sets the evaluator.
    @discardableResult public func setEvaluator(_ value: Evaluator) -> Self { evaluator = value; return self }
    /// Sets `seed`.
    @discardableResult public func setSeed(_ value: Int) throws -> Self { try set(seed, value); return self }
    /// Sets `parallelism`.
    @discardableResult public func setParallelism(_ value: Int) throws -> Self { try set(parallelism, value); return self }
    /// Sets `collectSubModels`.
    @discardableResult public func setCollectSubModels(_ value: Bool) throws -> Self { try set(collectSubModels, value); return self }

    /// The estimator, the evaluator and the param maps (one empty map when none), checked.
    /// - Throws: `MLError.invalidParam` without estimator or evaluator, or for a rejected value.
    func tuningSetup() throws -> (Estimator, Evaluator, [ParamMap]) {
        guard let estimator, let evaluator else { throw MLError.invalidParam("\(type(of: self)) needs an estimator and an evaluator") }
        let maps = estimatorParamMaps.isEmpty ? [ParamMap()] : estimatorParamMaps
        for map in maps { try estimator.validate(map) }
        return (estimator, evaluator, maps)
    }

    /// `target` with this validator's params, estimator (copied with `extra`), evaluator and maps.
    func copyTuning<T: Validator>(to target: T, extra: ParamMap) -> T {
        let copy = copyValues(to: target, extra: extra)
        copy.estimator = estimator.map { $0.copy(extra) as! Estimator }
        copy.evaluator = evaluator
        copy.estimatorParamMaps = estimatorParamMaps
        return copy
    }
}

/// What the tuning models share: the best model, fitted on all the data with its param map,
/// which `transform` applies.
public class ValidatorModel: Model, @unchecked Sendable {
    /// The best param map fitted on all the data.
    public let bestModel: Model
    /// The param map of `bestModel`.
    public let bestParamMap: ParamMap

    init(uid: String, bestModel: Model, bestParamMap: ParamMap) {
        self.bestModel = bestModel
        self.bestParamMap = bestParamMap
        super.init(uid: uid)
    }

    public override func transformSchema(_ schema: StructType) throws -> StructType { try bestModel.transformSchema(schema) }
    public override func transform(_ dataset: DataFrame) throws -> DataFrame { try bestModel.transform(dataset) }
}
