import FlintCore
import FlintLinalg
import FlintSQL
import XCTest
@testable import FlintML

final class LogisticRegressionTests: MLTestCase {
    private func sample(_ name: String) throws -> DataFrame { try session.read.format("libsvm").load(examplePath(name)) }

    /// Reference values from Apache Spark 4.3 (pyspark, local[2], tol 1e-10) on the same files.
    func testMultinomialAgreesWithSpark() throws {
        let data = try sample("sample_multiclass_classification_data.txt")
        let ridge = try LogisticRegression().setRegParam(0.1).setTol(1e-10).fit(data)
        XCTAssertTrue(ridge.isMultinomial)
        XCTAssertEqual(ridge.numClasses, 3)
        let sparkRidge: [[Double]] = [[0.7901938850853547, -0.1602553231679661, 1.023460986134934, 1.2305720128112887],
                                      [-1.0170333395776876, 1.2734849466275595, -1.1536455870086582, -1.0193396120992015],
                                      [0.2268394544923329, -1.1132296234595933, 0.13018460087372377, -0.2112324007120876]]
        for k in 0..<3 { for j in 0..<4 { XCTAssertEqual(ridge.coefficientMatrix[k, j], sparkRidge[k][j], accuracy: 1e-4, "(\(k), \(j))") } }
        for (found, spark) in zip(ridge.interceptVector.toArray(), [0.009932189982946427, -0.4510720573989851, 0.44113986741603867]) {
            XCTAssertEqual(found, spark, accuracy: 1e-4)
        }
        XCTAssertEqual(ridge.summary!.objectiveHistory.first ?? 0, 1.098612288668108, accuracy: 1e-12, "log 3 at the start")
        XCTAssertEqual(ridge.summary!.objectiveHistory.last ?? 0, 0.5073905937987336, accuracy: 1e-8)
        XCTAssertEqual(try ridge.summary!.accuracy, 0.92, accuracy: 1e-12)

        let elastic = try LogisticRegression().setRegParam(0.3).setElasticNetParam(0.8).setTol(1e-10).fit(data)
        let sparkElastic: [[Double]] = [[0, 0, 0, 0.3053096392373707], [0, 0, -0.7884727446796499, -0.36334142411272086], [0, 0, 0, 0]]
        for k in 0..<3 { for j in 0..<4 { XCTAssertEqual(elastic.coefficientMatrix[k, j], sparkElastic[k][j], accuracy: 1e-4, "(\(k), \(j))") } }
        XCTAssertEqual(elastic.summary!.objectiveHistory.last ?? 0, 1.0229808360511998, accuracy: 1e-7)
        XCTAssertEqual(try elastic.summary!.accuracy, 0.82, accuracy: 1e-12)
        XCTAssertThrowsError(try elastic.coefficients) { XCTAssertTrue("\($0)".contains("use coefficientMatrix instead"), "\($0)") }
    }

    func testBinomialReachesSparksObjectiveAndAUC() throws {
        let data = try sample("sample_binary_classification_data.txt")
        let model = try LogisticRegression().setRegParam(0.3).setElasticNetParam(0.8).fit(data)
        XCTAssertFalse(model.isMultinomial)
        let summary = try XCTUnwrap(model.summary)
        XCTAssertEqual(summary.objectiveHistory.first ?? 0, 0.6833149135741672, accuracy: 1e-12)
        XCTAssertLessThanOrEqual(summary.objectiveHistory.last ?? 1, 0.5731032532786511 + 1e-4, "Spark's value after 100 iterations")
        XCTAssertEqual(try summary.areaUnderROC, 0.9995920032639739, accuracy: 1e-3)
        XCTAssertEqual(try summary.accuracy, 0.99, accuracy: 0.011)
        XCTAssertLessThan(try model.coefficients.numNonzeros, 40, "L1 keeps few of the 692 features")
        let predictions = try model.transform(data).select("rawPrediction", "probability", "prediction").collect()
        for row in predictions.prefix(20) {
            guard case let .vector(raw) = row[0], case let .vector(probability) = row[1], case let .double(prediction) = row[2] else {
                return XCTFail("\(row)")
            }
            XCTAssertEqual(raw[0], -raw[1])
            XCTAssertEqual(probability[1], 1 / (1 + exp(-raw[1])), accuracy: 1e-12)
            XCTAssertEqual(prediction, probability[1] > 0.5 ? 1 : 0)
        }
    }

    /// A separable-free 2-feature problem whose unregularised optimum is checked against the
    /// gradient of the log-likelihood computed here (zero at the optimum).
    func testUnregularizedFitZeroesTheLikelihoodGradient() throws {
        var generator = SeededGenerator(seed: 11)
        let rows = (0..<400).map { _ -> [Value] in
            let x = [Double.random(in: -2...2, using: &generator), Double.random(in: -1...3, using: &generator)]
            let p = 1 / (1 + exp(-(0.8 * x[0] - 1.2 * x[1] + 0.5)))
            return [.double(Double.random(in: 0...1, using: &generator) < p ? 1 : 0), .vector(Vectors.dense(x))]
        }
        let frame = try session.createDataFrame(rows, schema: StructType([StructField("label", .double), StructField("features", .vector)]))
        let model = try LogisticRegression().setTol(1e-12).fit(frame)
        let beta = try model.coefficients.toArray(), b = try model.intercept
        var gradient = [0.0, 0.0, 0.0]
        for row in rows {
            guard case let .double(y) = row[0], case let .vector(v) = row[1] else { continue }
            let residual = 1 / (1 + exp(-(beta[0] * v[0] + beta[1] * v[1] + b))) - y
            gradient[0] += residual * v[0]
            gradient[1] += residual * v[1]
            gradient[2] += residual
        }
        for g in gradient { XCTAssertEqual(g / 400, 0, accuracy: 1e-6) }
        XCTAssertEqual(beta[0], 0.8, accuracy: 0.4)
        XCTAssertEqual(beta[1], -1.2, accuracy: 0.4)
    }

    func testLogLossOfTheProbabilities() throws {
        let data = try sample("sample_multiclass_classification_data.txt")
        let model = try LogisticRegression().setRegParam(0.1).fit(data)
        let predictions = try model.transform(data)
        var expected = 0.0, count = 0.0
        for row in try predictions.select("label", "probability").collect() {
            guard let label = row[0].doubleValue, case let .vector(p) = row[1] else { return XCTFail("\(row)") }
            expected -= log(min(max(p[Int(label)], 1e-15), 1 - 1e-15))
            count += 1
        }
        let evaluator = try MulticlassClassificationEvaluator().setMetricName("logLoss")
        XCTAssertEqual(try evaluator.evaluate(predictions), expected / count, accuracy: 1e-12)
        XCTAssertFalse(evaluator.isLargerBetter)
    }

    func testThresholdsConstantLabelsAndBadInput() throws {
        let rows: [[Value]] = [[.double(1), .vector(Vectors.dense([1, 0]))], [.double(1), .vector(Vectors.dense([0, 1]))]]
        let constant = try session.createDataFrame(rows, schema: StructType([StructField("label", .double), StructField("features", .vector)]))
        let model = try LogisticRegression().fit(constant)
        XCTAssertEqual(try model.intercept, .infinity)
        XCTAssertEqual(try model.predict(Vectors.dense([3, 3])), 1)
        let data = try sample("sample_multiclass_classification_data.txt")
        XCTAssertThrowsError(try LogisticRegression().setFamily("binomial").fit(data)) {
            XCTAssertTrue("\($0)".contains("Binomial family only supports 1 or 2 outcome classes but found 3"), "\($0)")
        }
        XCTAssertThrowsError(try LogisticRegression().setThresholds([0.5, 0.5]).fit(data)) {
            XCTAssertTrue("\($0)".contains("numClasses=3, but thresholds has length 2"), "\($0)")
        }
        let fractional = try session.createDataFrame([[.double(0.5), .vector(Vectors.dense([1]))], [.double(1), .vector(Vectors.dense([2]))]],
                                                     schema: StructType([StructField("label", .double), StructField("features", .vector)]))
        XCTAssertThrowsError(try LogisticRegression().fit(fractional)) {
            XCTAssertTrue("\($0)".contains("Found 1 invalid labels"), "\($0)")
        }
        XCTAssertThrowsError(try LogisticRegression().setThreshold(1.5)) { XCTAssertTrue("\($0)".contains("[0.0, 1.0]"), "\($0)") }
        let fitted = try LogisticRegression().setRegParam(0.1).fit(data)
        try fitted.set(fitted.thresholds, [1, 1, 1000])
        XCTAssertNotEqual(try fitted.predict(Vectors.dense([0, 0, 0, 0])), 2, "class 2 needs 1000× the probability")
    }
}
