import FlintCore
import FlintLinalg
import FlintSQL
import XCTest
@testable import FlintML

final class TuningTests: MLTestCase {
    private func data() throws -> DataFrame {
        try session.read.format("libsvm").load(examplePath("sample_linear_regression_data.txt"))
    }

    func testParamGridBuilderCombinations() {
        let lr = LinearRegression()
        let grid = ParamGridBuilder().addGrid(lr.regParam, [0.1, 0.01]).addGrid(lr.fitIntercept, [true, false])
            .baseOn(lr.maxIter(5)).build()
        XCTAssertEqual(grid.count, 4)
        XCTAssertEqual(grid.map { $0.get(lr.regParam)! }, [0.1, 0.01, 0.1, 0.01], "the first param varies fastest")
        XCTAssertEqual(grid.map { $0.get(lr.fitIntercept)! }, [true, true, false, false])
        XCTAssertTrue(grid.allSatisfy { $0.get(lr.maxIter) == 5 })
        XCTAssertEqual(ParamGridBuilder().build().count, 1)
    }

    func testCrossValidatorPicksTheBestAndRefitsIt() throws {
        let dataset = try data().cache()
        let lr = LinearRegression()
        let grid = ParamGridBuilder().addGrid(lr.regParam, [0.0, 5.0, 50.0]).build()
        let evaluator = RegressionEvaluator()
        let cv = try CrossValidator().setEstimator(lr).setEstimatorParamMaps(grid).setEvaluator(evaluator).setNumFolds(3).setSeed(7)
        let model = try cv.fit(dataset)
        XCTAssertEqual(model.avgMetrics.count, 3)
        XCTAssertEqual(model.stdMetrics.count, 3)
        let best = model.avgMetrics.indices.min { model.avgMetrics[$0] < model.avgMetrics[$1] }!
        XCTAssertEqual(model.bestParamMap, grid[best], "rmse: smaller is better")
        let separate = try lr.fit(dataset, grid[best]) as! LinearRegressionModel
        XCTAssertEqual((model.bestModel as! LinearRegressionModel).coefficients, separate.coefficients)
        XCTAssertEqual(try model.transform(dataset).count(), 501)

        let parallel = try CrossValidator().setEstimator(lr).setEstimatorParamMaps(grid).setEvaluator(evaluator).setSeed(7)
            .setParallelism(3).setCollectSubModels(true).fit(dataset)
        XCTAssertEqual(parallel.avgMetrics, model.avgMetrics, "parallel fits give the same metrics")
        XCTAssertEqual(parallel.subModels?.count, 3)
        XCTAssertEqual(parallel.subModels?.first?.count, 3)
        XCTAssertNil(model.subModels)
    }

    func testFoldColumnIsHonoured() throws {
        let base = try data()
        let rows = try base.collect().enumerated().map { index, row in row.values + [.integer(Int32(index % 2))] }
        let dataset = try session.createDataFrame(rows, schema: base.schema.adding("fold", .integer))
        let lr = LinearRegression()
        let grid = ParamGridBuilder().addGrid(lr.regParam, [0.0, 10.0]).build()
        let evaluator = RegressionEvaluator()
        let model = try CrossValidator().setEstimator(lr).setEstimatorParamMaps(grid).setEvaluator(evaluator).setNumFolds(2)
            .setFoldCol("fold").fit(dataset)
        // The same folds, by hand.
        for (index, map) in grid.enumerated() {
            var total = 0.0
            for fold in 0..<2 {
                let training = try dataset.filter(col("fold") =!= fold).drop("fold"), validation = try dataset.filter(col("fold") === fold).drop("fold")
                let fitted = try lr.fit(training, map)
                total += try evaluator.evaluate(try fitted.transform(validation))
            }
            XCTAssertEqual(model.avgMetrics[index], total / 2, accuracy: 1e-9)
        }
        let outside = try session.createDataFrame(rows.map { $0.dropLast() + [.integer(5)] }, schema: dataset.schema)
        XCTAssertThrowsError(try CrossValidator().setEstimator(lr).setEvaluator(evaluator).setNumFolds(2).setFoldCol("fold").fit(outside)) {
            XCTAssertTrue("\($0)".contains("Fold number must be in range [0, 2)"), "\($0)")
        }
    }

    func testTrainValidationSplitAndBadInput() throws {
        let dataset = try data()
        let lr = LinearRegression()
        let grid = ParamGridBuilder().addGrid(lr.regParam, [0.0, 100.0]).build()
        let model = try TrainValidationSplit().setEstimator(lr).setEstimatorParamMaps(grid).setEvaluator(try RegressionEvaluator().setMetricName("r2"))
            .setTrainRatio(0.8).setSeed(3).fit(dataset)
        XCTAssertEqual(model.validationMetrics.count, 2)
        XCTAssertEqual(model.bestParamMap, grid[model.validationMetrics[0] >= model.validationMetrics[1] ? 0 : 1], "r2: larger is better")
        XCTAssertThrowsError(try CrossValidator().setNumFolds(1)) { XCTAssertTrue("\($0)".contains(">= 2.0"), "\($0)") }
        XCTAssertThrowsError(try TrainValidationSplit().setTrainRatio(1.5)) { XCTAssertTrue("\($0)".contains("[0.0, 1.0]"), "\($0)") }
        XCTAssertThrowsError(try CrossValidator().fit(dataset)) { XCTAssertTrue("\($0)".contains("needs an estimator and an evaluator"), "\($0)") }
        let badGrid = [ParamMap([lr.regParam(-1)])]
        XCTAssertThrowsError(try CrossValidator().setEstimator(lr).setEvaluator(RegressionEvaluator()).setEstimatorParamMaps(badGrid).fit(dataset)) {
            XCTAssertTrue("\($0)".contains("regParam given invalid value -1.0"), "\($0)")
        }
    }
}
