import FlintCore
import FlintSQL

/// Hyper-parameter tuning on one random train / validation split, as spark.ml's
/// `TrainValidationSplit`: `trainRatio` (default 0.75) of the rows train every param map,
/// the rest evaluate it; the best map (ties: the first) is fitted again on all the data.
public final class TrainValidationSplit: Estimator, @unchecked Sendable {
    /// The estimator to tune.
    public private(set) var estimator: Estimator?
    /// The param maps to try.
    public private(set) var estimatorParamMaps: [ParamMap] = []
    /// The evaluator of the validation predictions.
    public private(set) var evaluator: Evaluator?
    /// `trainRatio` in [0, 1] (default 0.75).
    public let trainRatio: Param<Double>
    /// `seed`.
    public let seed: Param<Int>
    /// `parallelism` (default 1).
    public let parallelism: Param<Int>
    /// `collectSubModels` (default false).
    public let collectSubModels: Param<Bool>

    /// A validator with Spark's defaults.
    public override init(uid: String = Params.randomUID("tvs")) {
        trainRatio = Param(parent: uid, name: "trainRatio", doc: "ratio between training set and validation set (>= 0 && <= 1)",
                           validator: .inRange(0, 1))
        seed = SharedParams.seed(uid)
        parallelism = ValidatorParams.parallelism(uid)
        collectSubModels = ValidatorParams.collectSubModels(uid)
        super.init(uid: uid)
        setDefault(trainRatio, 0.75)
        setDefault(seed, -1_772_833_110)
        setDefault(parallelism, 1)
        setDefault(collectSubModels, false)
    }

    /// Sets the estimator.
    @discardableResult public func setEstimator(_ value: Estimator) -> Self { estimator = value; return self }
    /// Sets the param maps.
    @discardableResult public func setEstimatorParamMaps(_ value: [ParamMap]) -> Self { estimatorParamMaps = value; return self }
    /// Sets the evaluator.
    @discardableResult public func setEvaluator(_ value: Evaluator) -> Self { evaluator = value; return self }
    /// Sets `trainRatio`.
    @discardableResult public func setTrainRatio(_ value: Double) throws -> Self { try set(trainRatio, value); return self }
    /// Sets `seed`.
    @discardableResult public func setSeed(_ value: Int) throws -> Self { try set(seed, value); return self }
    /// Sets `parallelism`.
    @discardableResult public func setParallelism(_ value: Int) throws -> Self { try set(parallelism, value); return self }
    /// Sets `collectSubModels`.
    @discardableResult public func setCollectSubModels(_ value: Bool) throws -> Self { try set(collectSubModels, value); return self }

    /// Splits, evaluates every param map, then fits the best one on all of `dataset`.
    /// - Throws: `MLError.invalidParam` without estimator or evaluator; what fitting throws.
    public override func fit(_ dataset: DataFrame) throws -> TrainValidationSplitModel {
        guard let estimator, let evaluator else { throw MLError.invalidParam("TrainValidationSplit needs an estimator and an evaluator") }
        let maps = estimatorParamMaps.isEmpty ? [ParamMap()] : estimatorParamMaps
        for map in maps { try estimator.validate(map) }
        let ratio = value(trainRatio)
        let parts = try dataset.randomSplit([ratio, 1 - ratio], seed: Int64(value(seed)))
        let training = try parts[0].cache(), validation = try parts[1].cache()
        defer {
            training.unpersist()
            validation.unpersist()
        }
        let (metrics, models) = try ValidatorFits.run(estimator: estimator, evaluator: evaluator, paramMaps: maps, training: training,
                                                      validation: validation, parallelism: value(parallelism))
        let best = ValidatorFits.best(metrics, largerIsBetter: evaluator.isLargerBetter)
        let model = TrainValidationSplitModel(uid: uid, bestModel: try estimator.fit(dataset, maps[best]), validationMetrics: metrics,
                                              subModels: value(collectSubModels) ? models : nil, bestParamMap: maps[best])
        model.parent = self
        return copyValues(to: model)
    }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: TrainValidationSplit(uid: uid), extra: extra)
        copy.estimator = estimator.map { $0.copy(extra) as! Estimator }
        copy.evaluator = evaluator
        copy.estimatorParamMaps = estimatorParamMaps
        return copy
    }
}

/// The best model of a `TrainValidationSplit` and the validation metric of every param map.
public final class TrainValidationSplitModel: Model, @unchecked Sendable {
    /// The best param map fitted on all the data.
    public let bestModel: Model
    /// The validation metric of each param map.
    public let validationMetrics: [Double]
    /// The model of each param map (when `collectSubModels`).
    public let subModels: [Model]?
    /// The param map of `bestModel`.
    public let bestParamMap: ParamMap

    init(uid: String, bestModel: Model, validationMetrics: [Double], subModels: [Model]?, bestParamMap: ParamMap) {
        self.bestModel = bestModel
        self.validationMetrics = validationMetrics
        self.subModels = subModels
        self.bestParamMap = bestParamMap
        super.init(uid: uid)
    }

    public override func transformSchema(_ schema: StructType) throws -> StructType { try bestModel.transformSchema(schema) }
    public override func transform(_ dataset: DataFrame) throws -> DataFrame { try bestModel.transform(dataset) }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: TrainValidationSplitModel(uid: uid, bestModel: bestModel.copy(extra) as! Model,
                                                            validationMetrics: validationMetrics, subModels: subModels,
                                                            bestParamMap: bestParamMap), extra: extra)
        copy.parent = parent
        return copy
    }
}
