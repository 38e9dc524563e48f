import FlintCore
import FlintSQL

/// Hyper-parameter tuning on one random train / validation split, as spark.ml's
/// `TrainValidationSplit`: `trainRatio` (default 0.75) of the rows train every param map,
/// the rest evaluate it; the best map (ties: the first) is fitted again on all the data.
public final class TrainValidationSplit: Validator, @unchecked Sendable {
    /// `trainRatio` in [0, 1] (default 0.75).
    public let trainRatio: Param<Double>

    /// A validator with Spark's defaults.
    public init(uid: String = Params.randomUID("tvs")) {
        trainRatio = Param(parent: uid, name: "trainRatio", doc: "ratio between training set and validation set (>= 0 && <= 1)",
                           validator: .inRange(0, 1))
        super.init(uid: uid, defaultSeed: -1_772_833_110)
        setDefault(trainRatio, 0.75)
    }

    /// Sets `trainRatio`.
    @discardableResult public func setTrainRatio(_ value: Double) throws -> Self { try set(trainRatio, value); return self }

    /// Splits, evaluates every param map, then fits the best one on all of `dataset`.
    /// - Throws: `MLError.invalidParam` without estimator or evaluator; what fitting throws.
    public override func fit(_ dataset: DataFrame) throws -> TrainValidationSplitModel {
        let (estimator, evaluator, maps) = try tuningSetup()
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

    public override func copy(_ extra: ParamMap) -> Params { copyTuning(to: TrainValidationSplit(uid: uid), extra: extra) }
}

/// The best model of a `TrainValidationSplit` and the validation metric of every param map.
public final class TrainValidationSplitModel: ValidatorModel, @unchecked Sendable {
    /// The validation metric of each param map.
    public let validationMetrics: [Double]
    /// The model of each param map (when `collectSubModels`).
    public let subModels: [Model]?

    init(uid: String, bestModel: Model, validationMetrics: [Double], subModels: [Model]?, bestParamMap: ParamMap) {
        self.validationMetrics = validationMetrics
        self.subModels = subModels
        super.init(uid: uid, bestModel: bestModel, bestParamMap: bestParamMap)
    }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: TrainValidationSplitModel(uid: uid, bestModel: bestModel.copy(extra) as! Model,
                                                            validationMetrics: validationMetrics, subModels: subModels,
                                                            bestParamMap: bestParamMap), extra: extra)
        copy.parent = parent
        return copy
    }
}
