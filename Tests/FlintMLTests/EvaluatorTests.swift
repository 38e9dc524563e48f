import FlintCore
import FlintLinalg
import FlintSQL
import XCTest
@testable import FlintML

final class RegressionEvaluatorTests: MLTestCase {
    /// Weighted metrics computed directly, as the definitions say.
    private func expected(_ rows: [(y: Double, p: Double, w: Double)], throughOrigin: Bool = false) -> [String: Double] {
        let weights = rows.map(\.w).reduce(0, +)
        let mean = rows.map { $0.w * $0.y }.reduce(0, +) / weights
        let sse = rows.map { $0.w * ($0.y - $0.p) * ($0.y - $0.p) }.reduce(0, +)
        // Spark's SStot: the unbiased weighted label variance times (Σw − 1).
        let m2 = rows.map { $0.w * ($0.y - mean) * ($0.y - mean) }.reduce(0, +)
        let weightSquares = rows.map { $0.w * $0.w }.reduce(0, +)
        let sst = throughOrigin ? rows.map { $0.w * $0.y * $0.y }.reduce(0, +) : m2 / (weights - weightSquares / weights) * (weights - 1)
        return ["mse": sse / weights, "rmse": (sse / weights).squareRoot(),
                "mae": rows.map { $0.w * Swift.abs($0.y - $0.p) }.reduce(0, +) / weights,
                "r2": 1 - sse / sst, "var": rows.map { $0.w * ($0.p - mean) * ($0.p - mean) }.reduce(0, +) / weights]
    }

    func testMetricsMatchTheirDefinitions() throws {
        var generator = SystemRandomNumberGenerator()
        let rows = (0..<500).map { _ -> (y: Double, p: Double, w: Double) in
            let y = Double.random(in: -10...10, using: &generator)
            return (y, y + Double.random(in: -2...2, using: &generator), Double.random(in: 0.1...3, using: &generator))
        }
        let frame = try session.createDataFrame(rows.map { [.double($0.y), .double($0.p), .double($0.w)] },
                                                schema: StructType([StructField("label", .double), StructField("prediction", .double),
                                                                    StructField("w", .double)]))
        let evaluator = RegressionEvaluator()
        let unweighted = expected(rows.map { ($0.y, $0.p, 1) })
        XCTAssertEqual(try evaluator.evaluate(frame), unweighted["rmse"]!, accuracy: 1e-9)
        XCTAssertFalse(evaluator.isLargerBetter)
        for metric in ["mse", "rmse", "mae", "r2", "var"] {
            XCTAssertEqual(try evaluator.evaluate(frame, ParamMap([evaluator.metricName(metric)])), unweighted[metric]!,
                           accuracy: 1e-9 * max(1, Swift.abs(unweighted[metric]!)), metric)
        }
        try evaluator.setWeightCol("w")
        let weighted = expected(rows)
        for (metric, value) in try evaluator.metrics(frame) {
            XCTAssertEqual(value, weighted[metric]!, accuracy: 1e-9 * max(1, Swift.abs(weighted[metric]!)), metric)
        }
        try evaluator.setThroughOrigin(true).setMetricName("r2")
        XCTAssertTrue(evaluator.isLargerBetter)
        XCTAssertEqual(try evaluator.evaluate(frame), expected(rows, throughOrigin: true)["r2"]!, accuracy: 1e-9)
    }

    func testBadColumnsAndParamsAreClearErrors() throws {
        let frame = try session.createDataFrame([[.string("a"), .double(1)]],
                                                schema: StructType([StructField("label", .string), StructField("prediction", .double)]))
        XCTAssertThrowsError(try RegressionEvaluator().evaluate(frame)) { error in
            XCTAssertEqual("\(error)", "label column label must be of a numeric type but was actually of type string")
        }
        XCTAssertThrowsError(try RegressionEvaluator().setLabelCol("prediction").setPredictionCol("pred").evaluate(frame)) { error in
            XCTAssertTrue("\(error)".contains("prediction column pred does not exist. Available: label, prediction"), "\(error)")
        }
        XCTAssertThrowsError(try RegressionEvaluator().setMetricName("rsme")) { error in
            XCTAssertTrue("\(error)".contains("one of: mse, rmse, r2, mae, var"), "\(error)")
        }
        let empty = try session.createDataFrame([[Value]](), schema: StructType([StructField("label", .double), StructField("prediction", .double)]))
        XCTAssertThrowsError(try RegressionEvaluator().evaluate(empty)) { error in
            XCTAssertTrue("\(error)".contains("at least one row"), "\(error)")
        }
    }
}

final class MulticlassEvaluatorTests: MLTestCase {
    func testMetricsFromTheConfusionMatrix() throws {
        let pairs: [(label: Double, prediction: Double)] = [(0, 0), (0, 1), (0, 0), (1, 0), (1, 1), (1, 1), (1, 1), (2, 2), (2, 0)]
        let frame = try session.createDataFrame(pairs.map { [.double($0.label), .double($0.prediction)] },
                                                schema: StructType([StructField("label", .double), StructField("prediction", .double)]))
        // Independent answers, straight from the definitions.
        let labels: [Double] = [0, 1, 2]
        func count(_ predicate: ((label: Double, prediction: Double)) -> Bool) -> Double { Double(pairs.filter(predicate).count) }
        let n = Double(pairs.count)
        func precision(_ l: Double) -> Double { count { $0.label == l && $0.prediction == l } / count { $0.prediction == l } }
        func recall(_ l: Double) -> Double { count { $0.label == l && $0.prediction == l } / count { $0.label == l } }
        func f(_ l: Double, _ beta: Double) -> Double {
            let p = precision(l), r = recall(l)
            return (1 + beta * beta) * p * r / (beta * beta * p + r)
        }
        func weighted(_ metric: (Double) -> Double) -> Double {
            labels.map { label in metric(label) * count { $0.label == label } }.reduce(0, +) / n
        }
        let evaluator = MulticlassClassificationEvaluator()
        XCTAssertEqual(try evaluator.evaluate(frame), weighted { f($0, 1) }, accuracy: 1e-12)
        let expected: [(String, Double)] = [
            ("accuracy", 6 / n), ("weightedPrecision", weighted(precision)), ("weightedRecall", weighted(recall)),
            ("weightedFMeasure", weighted { f($0, 1) }), ("hammingLoss", 3 / n), ("precisionByLabel", precision(0)),
            ("recallByLabel", recall(0)), ("falsePositiveRateByLabel", count { $0.label != 0 && $0.prediction == 0 } / count { $0.label != 0 }),
        ]
        for (metric, value) in expected {
            XCTAssertEqual(try evaluator.evaluate(frame, ParamMap([evaluator.metricName(metric)])), value, accuracy: 1e-12, metric)
        }
        try evaluator.setMetricName("fMeasureByLabel").setMetricLabel(1).setBeta(2)
        XCTAssertEqual(try evaluator.evaluate(frame), f(1, 2), accuracy: 1e-12)
        XCTAssertTrue(evaluator.isLargerBetter)
        XCTAssertFalse(try evaluator.setMetricName("hammingLoss").isLargerBetter)
        XCTAssertThrowsError(try evaluator.setBeta(0)) { XCTAssertTrue("\($0)".contains("it must be > 0.0"), "\($0)") }
    }
}

final class BinaryEvaluatorTests: MLTestCase {
    func testAreasMatchPairwiseAndThresholdDefinitions() throws {
        var generator = SystemRandomNumberGenerator()
        // Scores rounded to 2 digits, so that ties occur.
        let rows = (0..<400).map { _ -> (score: Double, label: Double) in
            let label: Double = Bool.random(using: &generator) ? 1 : 0
            return (((Double.random(in: 0...1, using: &generator) + label * 0.4) * 100).rounded() / 100, label)
        }
        let frame = try session.createDataFrame(rows.map { [.double($0.score), .double($0.label)] },
                                                schema: StructType([StructField("rawPrediction", .double), StructField("label", .double)]))
        let positives = rows.filter { $0.label == 1 }, negatives = rows.filter { $0.label == 0 }
        var wins = 0.0
        for p in positives { for n in negatives { wins += p.score > n.score ? 1 : (p.score == n.score ? 0.5 : 0) } }
        let auc = wins / Double(positives.count * negatives.count)
        let evaluator = try BinaryClassificationEvaluator().setNumBins(0)
        XCTAssertEqual(try evaluator.evaluate(frame), auc, accuracy: 1e-12)
        XCTAssertTrue(evaluator.isLargerBetter)

        let thresholds = Set(rows.map(\.score)).sorted(by: >)
        var points: [(recall: Double, precision: Double)] = thresholds.map { t in
            let selected = rows.filter { $0.score >= t }
            let hits = Double(selected.filter { $0.label == 1 }.count)
            return (hits / Double(positives.count), hits / Double(selected.count))
        }
        points.insert((0, points[0].precision), at: 0)
        let aupr = zip(points, points.dropFirst()).reduce(0.0) { $0 + ($1.1.recall - $1.0.recall) * ($1.1.precision + $1.0.precision) / 2 }
        XCTAssertEqual(try evaluator.setMetricName("areaUnderPR").evaluate(frame), aupr, accuracy: 1e-12)
        XCTAssertEqual(try BinaryClassificationEvaluator().setNumBins(10).evaluate(frame), auc, accuracy: 0.02,
                       "binned to about 10 points, still close")
    }

    func testVectorRawPredictionsUseThePositiveClassScore() throws {
        let rows: [[Value]] = [[.vector(Vectors.dense([-0.9, 0.9])), .double(1)], [.vector(Vectors.dense([0.2, -0.2])), .double(0)],
                               [.vector(Vectors.dense([-0.1, 0.1])), .double(0)], [.vector(Vectors.dense([-0.5, 0.5])), .double(1)]]
        let frame = try session.createDataFrame(rows, schema: StructType([StructField("rawPrediction", .vector), StructField("label", .double)]))
        XCTAssertEqual(try BinaryClassificationEvaluator().evaluate(frame), 1.0, accuracy: 1e-12)
        let flipped = try session.createDataFrame(rows.map { [$0[0], .double(1 - ($0[1].doubleValue ?? 0))] },
                                                  schema: StructType([StructField("rawPrediction", .vector), StructField("label", .double)]))
        XCTAssertEqual(try BinaryClassificationEvaluator().evaluate(flipped), 0.0, accuracy: 1e-12)
    }

    func testOneClassOnlyIsAClearError() throws {
        let frame = try session.createDataFrame([[.double(0.3), .double(1)], [.double(0.6), .double(1)]],
                                                schema: StructType([StructField("rawPrediction", .double), StructField("label", .double)]))
        XCTAssertThrowsError(try BinaryClassificationEvaluator().evaluate(frame)) { error in
            XCTAssertTrue("\(error)".contains("needs both positive and negative labels"), "\(error)")
        }
    }
}
