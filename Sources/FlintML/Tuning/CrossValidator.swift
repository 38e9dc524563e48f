import FlintCore
import FlintSQL

/// k-fold cross-validation over a grid of param maps, as spark.ml's `CrossValidator`: the data
/// is split once into `numFolds` folds (by `seed`, or by the integer `foldCol`), each fold's
/// training and validation frames are cached, every param map is fitted on each training frame
/// and evaluated on its validation frame (`parallelism` fits at a time), and the best map by
/// average metric (ties: the first) is fitted again on all the data.
public final class CrossValidator: Estimator, @unchecked Sendable {
    /// The estimator to tune (an estimator or a `Pipeline`).
    public private(set) var estimator: Estimator?
    /// The param maps to try.
    public private(set) var estimatorParamMaps: [ParamMap] = []
    /// The evaluator of the validation predictions.
    public private(set) var evaluator: Evaluator?
    /// `numFolds` (default 3, >= 2).
    public let numFolds: Param<Int>
    /// `seed`.
    public let seed: Param<Int>
    /// `foldCol`: an integer column of fold numbers 0..<numFolds ("" for random folds).
    public let foldCol: Param<String>
    /// `parallelism` (default 1).
    public let parallelism: Param<Int>
    /// `collectSubModels` (default false).
    public let collectSubModels: Param<Bool>

    /// A validator with Spark's defaults.
    public override init(uid: String = Params.randomUID("cv")) {
        numFolds = Param(parent: uid, name: "numFolds", doc: "number of folds for cross validation (>= 2)", validator: .gtEq(2))
        seed = SharedParams.seed(uid)
        foldCol = Param(parent: uid, name: "foldCol", doc: "the column name of user specified fold number")
        parallelism = ValidatorParams.parallelism(uid)
        collectSubModels = ValidatorParams.collectSubModels(uid)
        super.init(uid: uid)
        setDefault(numFolds, 3)
        setDefault(seed, 1_165_394_522)
        setDefault(foldCol, "")
        setDefault(parallelism, 1)
        setDefault(collectSubModels, false)
    }

    /// Sets the estimator.
    @discardableResult public func setEstimator(_ value: Estimator) -> Self { estimator = value; return self }
    /// Sets the param maps.
    @discardableResult public func setEstimatorParamMaps(_ value: [ParamMap]) -> Self { estimatorParamMaps = value; return self }
    /// Sets the evaluator.
    @discardableResult public func setEvaluator(_ value: Evaluator) -> Self { evaluator = value; return self }
    /// Sets `numFolds`.
    @discardableResult public func setNumFolds(_ value: Int) throws -> Self { try set(numFolds, value); return self }
    /// Sets `seed`.
    @discardableResult public func setSeed(_ value: Int) throws -> Self { try set(seed, value); return self }
    /// Sets `foldCol`.
    @discardableResult public func setFoldCol(_ value: String) throws -> Self { try set(foldCol, value); return self }
    /// Sets `parallelism`.
    @discardableResult public func setParallelism(_ value: Int) throws -> Self { try set(parallelism, value); return self }
    /// Sets `collectSubModels`.
    @discardableResult public func setCollectSubModels(_ value: Bool) throws -> Self { try set(collectSubModels, value); return self }

    /// The folds: (training, validation) pairs, cached.
    private func folds(_ dataset: DataFrame) throws -> [(DataFrame, DataFrame)] {
        let count = value(numFolds), column = value(foldCol)
        guard !column.isEmpty else {
            let parts = try dataset.randomSplit([Double](repeating: 1, count: count), seed: Int64(value(seed)))
            return try parts.indices.map { fold in
                let others = parts.indices.filter { $0 != fold }.map { parts[$0] }
                let training = try others.dropFirst().reduce(others[0]) { try $0.union($1) }
                return (try training.cache(), try parts[fold].cache())
            }
        }
        guard let field = dataset.schema.fields.first(where: { $0.name == column }), field.dataType == .integer || field.dataType == .long else {
            throw MLError.invalidColumn("The specified `foldCol` column \(column) must be integer type")
        }
        let outside = try dataset.filter(col(column) < 0 || col(column) >= count).count()
        guard outside == 0 else { throw MLError.invalidData("Fold number must be in range [0, \(count)), but \(outside) rows are not") }
        let kept = dataset.columns.filter { $0 != column }.map(col)
        return try (0..<count).map { fold in
            (try dataset.filter(col(column) =!= fold).select(kept).cache(), try dataset.filter(col(column) === fold).select(kept).cache())
        }
    }

    /// Cross-validates, then fits the best param map on all of `dataset`.
    /// - Throws: `MLError.invalidParam` without estimator, evaluator or param maps; what fitting throws.
    public override func fit(_ dataset: DataFrame) throws -> CrossValidatorModel {
        guard let estimator, let evaluator else { throw MLError.invalidParam("CrossValidator needs an estimator and an evaluator") }
        let maps = estimatorParamMaps.isEmpty ? [ParamMap()] : estimatorParamMaps
        for map in maps { try estimator.validate(map) }
        var perFold: [[Double]] = [], subModels: [[Model]] = []
        for (training, validation) in try folds(dataset) {
            defer {
                training.unpersist()
                validation.unpersist()
            }
            let (metrics, models) = try ValidatorFits.run(estimator: estimator, evaluator: evaluator, paramMaps: maps,
                                                          training: training, validation: validation, parallelism: value(parallelism))
            perFold.append(metrics)
            if value(collectSubModels) { subModels.append(models) }
        }
        let folds = Double(perFold.count)
        let averages = maps.indices.map { index in perFold.reduce(0) { $0 + $1[index] } / folds }
        let deviations = maps.indices.map { index in
            (perFold.reduce(0) { $0 + ($1[index] - averages[index]) * ($1[index] - averages[index]) } / folds).squareRoot()
        }
        let best = ValidatorFits.best(averages, largerIsBetter: evaluator.isLargerBetter)
        let model = CrossValidatorModel(uid: uid, bestModel: try estimator.fit(dataset, maps[best]), avgMetrics: averages,
                                        stdMetrics: deviations, subModels: value(collectSubModels) ? subModels : nil,
                                        bestParamMap: maps[best])
        model.parent = self
        return copyValues(to: model)
    }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: CrossValidator(uid: uid), extra: extra)
        copy.estimator = estimator.map { $0.copy(extra) as! Estimator }
        copy.evaluator = evaluator
        copy.estimatorParamMaps = estimatorParamMaps
        return copy
    }
}

/// The best model of a `CrossValidator` and the metrics of every param map.
public final class CrossValidatorModel: Model, @unchecked Sendable {
    /// The best param map fitted on all the data.
    public let bestModel: Model
    /// The average metric of each param map over the folds.
    public let avgMetrics: [Double]
    /// The standard deviation (over the folds) of each param map's metric.
    public let stdMetrics: [Double]
    /// Per fold, the model of each param map (when `collectSubModels`).
    public let subModels: [[Model]]?
    /// The param map of `bestModel`.
    public let bestParamMap: ParamMap

    init(uid: String, bestModel: Model, avgMetrics: [Double], stdMetrics: [Double], subModels: [[Model]]?, bestParamMap: ParamMap) {
        self.bestModel = bestModel
        self.avgMetrics = avgMetrics
        self.stdMetrics = stdMetrics
        self.subModels = subModels
        self.bestParamMap = bestParamMap
        super.init(uid: uid)
    }

    public override func transformSchema(_ schema: StructType) throws -> StructType { try bestModel.transformSchema(schema) }
    public override func transform(_ dataset: DataFrame) throws -> DataFrame { try bestModel.transform(dataset) }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: CrossValidatorModel(uid: uid, bestModel: bestModel.copy(extra) as! Model, avgMetrics: avgMetrics,
                                                      stdMetrics: stdMetrics, subModels: subModels, bestParamMap: bestParamMap), extra: extra)
        copy.parent = parent
        return copy
    }
}

/// Params shared by the tuning estimators.
enum ValidatorParams {
    static func parallelism(_ uid: String) -> Param<Int> {
        Param(parent: uid, name: "parallelism", doc: "the number of threads to use when running parallel algorithms (>= 1)", validator: .gtEq(1))
    }

    static func collectSubModels(_ uid: String) -> Param<Bool> {
        Param(parent: uid, name: "collectSubModels", doc: "whether to collect a list of sub-models trained during tuning. If set to false, then only the single best sub-model will be available after fitting. If set to true, then all sub-models will be available. Warning: For large models, collecting all sub-models can cause OOMs on the Spark driver")
    }
}
