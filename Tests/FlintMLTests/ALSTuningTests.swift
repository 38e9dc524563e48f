import FlintCore
import FlintSQL
import XCTest
@testable import FlintML

/// ALS inside model selection and persistence: cross-validated over a grid, saved and loaded as
/// an estimator, as a model and as the best model of a CrossValidatorModel.
final class ALSTuningTests: DirectoryTestCase {
    private func ratings() throws -> DataFrame {
        try session.read.option("sep", "::").schema("user INT, item INT, rating DOUBLE, timestamp LONG")
            .csv(examplePath("sample_movielens_ratings.txt")).drop("timestamp").cache()
    }

    func testCrossValidatorTunesALSAndItsBestModelIsTheSeparateFit() throws {
        let data = try ratings()
        let als = try ALS().setRank(4).setMaxIter(6).setSeed(11).setColdStartStrategy("drop")
        let grid = ParamGridBuilder().addGrid(als.regParam, [0.01, 0.3, 3.0]).build()
        let evaluator = try RegressionEvaluator().setLabelCol("rating")
        let cv = try CrossValidator().setEstimator(als).setEstimatorParamMaps(grid).setEvaluator(evaluator).setNumFolds(3).setSeed(5)
        let model = try cv.fit(data)
        XCTAssertEqual(model.avgMetrics.count, 3)
        XCTAssertTrue(model.avgMetrics.allSatisfy { $0.isFinite }, "cold start rows dropped: \(model.avgMetrics)")
        let best = model.avgMetrics.indices.min { model.avgMetrics[$0] < model.avgMetrics[$1] }!
        XCTAssertEqual(model.bestParamMap, grid[best])
        XCTAssertLessThan(model.avgMetrics[best], model.avgMetrics[2], "regParam 3 underfits")
        let separate = try XCTUnwrap(try als.fit(data, grid[best]) as? ALSModel)
        let bestModel = try XCTUnwrap(model.bestModel as? ALSModel)
        XCTAssertEqual(bestModel.userFeatures, separate.userFeatures)
        XCTAssertEqual(bestModel.itemFeatures, separate.itemFeatures)

        let parallel = try CrossValidator().setEstimator(als).setEstimatorParamMaps(grid).setEvaluator(evaluator).setNumFolds(3)
            .setSeed(5).setParallelism(3).fit(data)
        XCTAssertEqual(parallel.avgMetrics, model.avgMetrics, "parallel fits give the same metrics")

        try model.save(directory.appendingPathComponent("cv").path)
        let back = try CrossValidatorModel.load(directory.appendingPathComponent("cv").path)
        XCTAssertEqual(back.avgMetrics, model.avgMetrics)
        let sorted = ["user", "item"]
        XCTAssertEqual(try back.transform(data).orderBy(sorted[0], sorted[1]).select("prediction").collect().map { $0[0] },
                       try model.transform(data).orderBy(sorted[0], sorted[1]).select("prediction").collect().map { $0[0] })
    }

    func testALSEstimatorRoundTripsWithItsParams() throws {
        let als = try ALS().setRank(7).setImplicitPrefs(true).setAlpha(3).setNonnegative(true).setNumUserBlocks(4)
            .setUserCol("u").setColdStartStrategy("drop").setCheckpointInterval(-1)
        let path = directory.appendingPathComponent("als").path
        try als.save(path)
        let back = try ALS.load(path)
        XCTAssertEqual(back.uid, als.uid)
        XCTAssertEqual(back.value(back.rank), 7)
        XCTAssertEqual(back.value(back.implicitPrefs), true)
        XCTAssertEqual(back.value(back.alpha), 3)
        XCTAssertEqual(back.value(back.nonnegative), true)
        XCTAssertEqual(back.value(back.numUserBlocks), 4)
        XCTAssertEqual(back.value(back.numItemBlocks), 10, "defaults come back as defaults")
        XCTAssertEqual(back.value(back.userCol), "u")
        XCTAssertEqual(back.value(back.coldStartStrategy), "drop")
        XCTAssertEqual(back.value(back.checkpointInterval), -1)
        XCTAssertThrowsError(try KMeans.load(path)) { XCTAssertTrue("\($0)".contains("ALS"), "\($0)") }
    }
}
