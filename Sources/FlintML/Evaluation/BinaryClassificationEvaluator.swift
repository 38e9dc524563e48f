import FlintCore
import FlintSQL

/// Evaluates binary classification scores, as spark.ml's `BinaryClassificationEvaluator`:
/// `areaUnderROC` (default) or `areaUnderPR`, from the `rawPredictionCol` (a score, or a
/// vector whose element 1 is the positive class's score), weighted by `weightCol` when set.
/// One job sums the positive and negative weight per distinct score; the curves are then built
/// on the driver from the scores in descending order (cost: one point per distinct score,
/// down-sampled to about `numBins` points as Spark does).
public final class BinaryClassificationEvaluator: Evaluator, @unchecked Sendable {
    /// `metricName`: areaUnderROC or areaUnderPR.
    public let metricName: Param<String>
    /// `numBins`: points kept on the curves (0: every distinct score).
    public let numBins: Param<Int>
    /// `rawPredictionCol` (default `rawPrediction`).
    public let rawPredictionCol: Param<String>
    /// `labelCol` (default `label`): 1 for positives, 0 for negatives.
    public let labelCol: Param<String>
    /// `weightCol` (unset: weights 1).
    public let weightCol: Param<String>

    /// An evaluator with Spark's defaults.
    public override init(uid: String = Params.randomUID("binEval")) {
        metricName = Param(parent: uid, name: "metricName", doc: "metric name in evaluation (areaUnderROC|areaUnderPR)",
                           validator: .inArray(["areaUnderROC", "areaUnderPR"]))
        numBins = Param(parent: uid, name: "numBins",
                        doc: "Number of bins to down-sample the curves (ROC curve, PR curve) in area computation. If 0, no down-sampling will occur. Must be >= 0.",
                        validator: .gtEq(0))
        rawPredictionCol = SharedParams.rawPredictionCol(uid)
        labelCol = SharedParams.labelCol(uid)
        weightCol = SharedParams.weightCol(uid)
        super.init(uid: uid)
        setDefault(metricName, "areaUnderROC")
        setDefault(numBins, 1000)
        setDefault(rawPredictionCol, "rawPrediction")
        setDefault(labelCol, "label")
    }

    /// Sets `metricName`.
    @discardableResult public func setMetricName(_ value: String) throws -> Self { try set(metricName, value); return self }
    /// Sets `numBins`.
    @discardableResult public func setNumBins(_ value: Int) throws -> Self { try set(numBins, value); return self }
    /// Sets `rawPredictionCol`.
    @discardableResult public func setRawPredictionCol(_ value: String) throws -> Self { try set(rawPredictionCol, value); return self }
    /// Sets `labelCol`.
    @discardableResult public func setLabelCol(_ value: String) throws -> Self { try set(labelCol, value); return self }
    /// Sets `weightCol`.
    @discardableResult public func setWeightCol(_ value: String) throws -> Self { try set(weightCol, value); return self }

    public override func evaluate(_ dataset: DataFrame) throws -> Double {
        let curves = try BinaryCurves(try scoreCounts(dataset), numBins: value(numBins))
        return value(metricName).lowercased() == "areaunderpr" ? curves.areaUnderPR : curves.areaUnderROC
    }

    /// (score, positive weight, negative weight) per distinct score, highest score first: each
    /// task sums its rows per score in a hash table, the driver merges the tables and sorts
    /// (one entry per distinct score crosses to the driver, never a row).
    func scoreCounts(_ dataset: DataFrame) throws -> [(score: Double, positives: Double, negatives: Double)] {
        let label = try numericColumn(dataset, value(labelCol), role: "label")
        let scoreName = value(rawPredictionCol)
        // A vector of raw predictions holds the positive class's score at index 1.
        let score = dataset.schema.fields.first { $0.name == scoreName }?.dataType == .vector
            ? element_at(vector_to_array(col(scoreName)), 2) : try numericColumn(dataset, scoreName, role: "rawPrediction")
        let weight = try weight(dataset, weightCol)
        let tables = try dataset.select(score.alias("score"), label.alias("label"), weight.alias("w")).batchRDD.mapPartitions { batches in
            var table: [Double: (positives: Double, negatives: Double)] = [:]
            try batches.forEach { batch in
                let scores = batch.columns[0].doubleValues, labels = batch.columns[1].doubleValues, weights = batch.columns[2].doubleValues
                for row in 0..<batch.rowCount where !batch.columns[0].isNull(row) {
                    let positive = labels[row] > 0.5
                    table[scores[row], default: (0, 0)].positives += positive ? weights[row] : 0
                    table[scores[row], default: (0, 0)].negatives += positive ? 0 : weights[row]
                }
            }
            return BatchIterator([table.map { [$0.key, $0.value.positives, $0.value.negatives] }])
        }.collect()
        var merged: [Double: (positives: Double, negatives: Double)] = [:]
        for table in tables {
            for entry in table {
                merged[entry[0], default: (0, 0)].positives += entry[1]
                merged[entry[0], default: (0, 0)].negatives += entry[2]
            }
        }
        return merged.sorted { $0.key > $1.key }.map { ($0.key, $0.value.positives, $0.value.negatives) }
    }

    public override func copy(_ extra: ParamMap) -> Params { copyValues(to: BinaryClassificationEvaluator(uid: uid), extra: extra) }
}

/// The ROC and precision-recall curves of scores sorted in descending order, as Spark's
/// `BinaryClassificationMetrics`: one point per threshold (distinct score, or bin of scores),
/// ROC from (0, 0) to (1, 1), PR starting at (0, precision of the first threshold).
struct BinaryCurves {
    /// (false positive rate, true positive rate) points.
    let roc: [(Double, Double)]
    /// (recall, precision) points.
    let pr: [(Double, Double)]

    /// - Throws: `MLError.invalidData` when there are no positives or no negatives.
    init(_ counts: [(score: Double, positives: Double, negatives: Double)], numBins: Int) throws {
        let grouping = numBins > 0 ? counts.count / numBins : 0
        var binned: [(positives: Double, negatives: Double)] = []
        if grouping < 2 {
            binned = counts.map { ($0.positives, $0.negatives) }
        } else {
            for start in stride(from: 0, to: counts.count, by: grouping) {
                let chunk = counts[start..<min(start + grouping, counts.count)]
                binned.append((chunk.reduce(0) { $0 + $1.positives }, chunk.reduce(0) { $0 + $1.negatives }))
            }
        }
        let totalPositives = binned.reduce(0) { $0 + $1.positives }
        let totalNegatives = binned.reduce(0) { $0 + $1.negatives }
        guard totalPositives > 0, totalNegatives > 0 else {
            throw MLError.invalidData("binary evaluation needs both positive and negative labels; found \(totalPositives) positive "
                                      + "and \(totalNegatives) negative weight")
        }
        var truePositives = 0.0, falsePositives = 0.0
        var roc: [(Double, Double)] = [(0, 0)]
        var pr: [(Double, Double)] = []
        for bin in binned {
            truePositives += bin.positives
            falsePositives += bin.negatives
            roc.append((falsePositives / totalNegatives, truePositives / totalPositives))
            pr.append((truePositives / totalPositives, truePositives / (truePositives + falsePositives)))
        }
        roc.append((1, 1))
        self.roc = roc
        self.pr = [(0, pr.first?.1 ?? 1)] + pr
    }

    var areaUnderROC: Double { Self.trapezoids(roc) }
    var areaUnderPR: Double { Self.trapezoids(pr) }

    private static func trapezoids(_ points: [(Double, Double)]) -> Double {
        zip(points, points.dropFirst()).reduce(0) { $0 + ($1.1.0 - $1.0.0) * ($1.1.1 + $1.0.1) / 2 }
    }
}
