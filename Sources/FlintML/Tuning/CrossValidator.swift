import FlintCore
import FlintSQL

/// k-fold cross-validation over a grid of param maps, as spark.ml's `CrossValidator`: the data
/// is split once into `numFolds` folds (by `seed`, or by the integer `foldCol`), each fold's
/// training and validation frames are cached, every param map is fitted on each training frame
/// and evaluated on its validation frame (`parallelism` fits at a time), and the best map by
/// average metric (ties: the first) is fitted again on all the data.
public final class CrossValidator: Validator, @unchecked Sendable {
    /// `numFolds` (default 3, >= 2).
    public let numFolds: Param<Int>
    /// `foldCol`: an integer column of fold numbers 0..<numFolds ("" for random folds).
    public let foldCol: Param<String>

    /// A validator with Spark's defaults.
    public init(uid: String = Params.randomUID("cv")) {
        numFolds = Param(parent: uid, name: "numFolds", doc: "number of folds for cross validation (>= 2)", validator: .gtEq(2))
        foldCol = Param(parent: uid, name: "foldCol", doc: "the column name of user specified fold number")
        super.init(uid: uid, defaultSeed: 1_165_394_522)
        setDefault(numFolds, 3)
        setDefault(foldCol, "")
    }

    /// Sets `numFolds`.
    @discardableResult public func setNumFolds(_ value: Int) throws -> Self { try set(numFolds, value); return self }
    /// Sets `foldCol`.
    @discardableResult public func setFoldCol(_ value: String) throws -> Self { try set(foldCol, value); return self }

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
        let (estimator, evaluator, maps) = try tuningSetup()
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

    public override func copy(_ extra: ParamMap) -> Params { copyTuning(to: CrossValidator(uid: uid), extra: extra) }
}

/// The best model of a `CrossValidator` and the metrics of every param map.
public final class CrossValidatorModel: ValidatorModel, @unchecked Sendable {
    /// The average metric of each param map over the folds.
    public let avgMetrics: [Double]
    /// The standard deviation (over the folds) of each param map's metric.
    public let stdMetrics: [Double]
    /// Per fold, the model of each param map (when `collectSubModels`).
    public let subModels: [[Model]]?

    init(uid: String, bestModel: Model, avgMetrics: [Double], stdMetrics: [Double], subModels: [[Model]]?, bestParamMap: ParamMap) {
        self.avgMetrics = avgMetrics
        self.stdMetrics = stdMetrics
        self.subModels = subModels
        super.init(uid: uid, bestModel: bestModel, bestParamMap: bestParamMap)
    }

    public override func copy(_ extra: ParamMap) -> Params {
        let copy = copyValues(to: CrossValidatorModel(uid: uid, bestModel: bestModel.copy(extra) as! Model, avgMetrics: avgMetrics,
                                                      stdMetrics: stdMetrics, subModels: subModels, bestParamMap: bestParamMap), extra: extra)
        copy.parent = parent
        return copy
    }
}
