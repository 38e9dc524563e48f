import FlintCore
import FlintLinalg
import FlintSQL
import XCTest
@testable import FlintML

final class PersistenceTests: DirectoryTestCase {
    private func path(_ name: String) -> String { directory.appendingPathComponent(name).path }

    /// The prediction column of `model` over `data`, for comparing a model with its reloaded copy.
    private func predictions(_ model: Transformer, _ data: DataFrame, _ column: String = "prediction") throws -> [Value] {
        try model.transform(data).select(column).collect().map { $0[0] }
    }

    func testEveryModelRoundTripsWithIdenticalPredictions() throws {
        let regression = try session.read.format("libsvm").load(examplePath("sample_linear_regression_data.txt"))
        let linear = try LinearRegression().setRegParam(0.1).setElasticNetParam(0.5).fit(regression)
        try linear.save(path("linear"))
        let linearBack = try LinearRegressionModel.load(path("linear"))
        XCTAssertEqual(linearBack.coefficients, linear.coefficients)
        XCTAssertEqual(linearBack.uid, linear.uid)
        XCTAssertEqual(try predictions(linearBack, regression), try predictions(linear, regression))

        let multiclass = try session.read.format("libsvm").load(examplePath("sample_multiclass_classification_data.txt"))
        let logistic = try LogisticRegression().setRegParam(0.1).setThresholds([0.5, 1, 2]).fit(multiclass)
        try logistic.save(path("logistic"))
        let logisticBack = try LogisticRegressionModel.load(path("logistic"))
        XCTAssertEqual(logisticBack.coefficientMatrix, logistic.coefficientMatrix)
        XCTAssertEqual(try logisticBack.getOrDefault(logisticBack.thresholds), [0.5, 1, 2], "params come back")
        XCTAssertEqual(try predictions(logisticBack, multiclass, "probability"), try predictions(logistic, multiclass, "probability"))

        let points = try session.read.format("libsvm").load(examplePath("sample_kmeans_data.txt"))
        let kmeans = try KMeans().setK(2).setSeed(1).fit(points)
        try kmeans.save(path("kmeans"))
        XCTAssertEqual(try predictions(try KMeansModel.load(path("kmeans")), points), try predictions(kmeans, points))
    }

    func testPipelinesEstimatorsAndTuningModelsRoundTrip() throws {
        let rows: [[Value]] = (0..<40).map { i in [.string(["a", "b"][i % 2]), .double(Double(i)), .double(Double(i % 2) * 3 + Double(i) * 0.5)] }
        let frame = try session.createDataFrame(rows, schema: StructType([StructField("cat", .string), StructField("x", .double), StructField("label", .double)]))
        let indexer = try StringIndexer().setInputCol("cat").setOutputCol("c")
        let encoder = try OneHotEncoder().setInputCols(["c"]).setOutputCols(["cv"])
        let assembler = try VectorAssembler().setInputCols(["cv", "x"]).setOutputCol("raw")
        let scaler = try MinMaxScaler().setInputCol("raw").setOutputCol("features")
        let lr = try LinearRegression().setRegParam(0.01)
        let pipeline = Pipeline().setStages([indexer, encoder, assembler, scaler, lr])
        try pipeline.save(path("pipeline"))
        let pipelineBack = try Pipeline.load(path("pipeline"))
        XCTAssertEqual(pipelineBack.stages.map(\.uid), pipeline.stages.map(\.uid))
        XCTAssertEqual(try (pipelineBack.stages[4] as! LinearRegression).getOrDefault(lr.regParam), 0.01)

        let fitted = try pipeline.fit(frame)
        try fitted.save(path("fitted"))
        XCTAssertEqual(try predictions(try PipelineModel.load(path("fitted")), frame), try predictions(fitted, frame))

        let grid = ParamGridBuilder().addGrid(lr.regParam, [0.01, 1]).build()
        let cv = try CrossValidator().setEstimator(pipeline).setEstimatorParamMaps(grid).setEvaluator(RegressionEvaluator()).setNumFolds(2)
        try cv.save(path("cv"))
        let cvBack = try CrossValidator.load(path("cv"))
        XCTAssertEqual(cvBack.estimatorParamMaps, grid)
        XCTAssertEqual(try cvBack.getOrDefault(cvBack.numFolds), 2)
        let cvModel = try cv.fit(frame)
        try cvModel.save(path("cvModel"))
        let cvModelBack = try CrossValidatorModel.load(path("cvModel"))
        XCTAssertEqual(cvModelBack.avgMetrics, cvModel.avgMetrics)
        XCTAssertEqual(cvModelBack.bestParamMap, cvModel.bestParamMap)
        XCTAssertEqual(try predictions(cvModelBack, frame), try predictions(cvModel, frame))
    }

    func testOverwriteAndBadDirectoriesAreClearErrors() throws {
        let evaluator = try RegressionEvaluator().setMetricName("mae")
        try evaluator.save(path("eval"))
        XCTAssertThrowsError(try evaluator.save(path("eval"))) { XCTAssertTrue("\($0)".contains("already exists. To overwrite it"), "\($0)") }
        try evaluator.write.overwrite().save(path("eval"))
        XCTAssertEqual(try RegressionEvaluator.load(path("eval")).value(evaluator.metricName), "mae")
        XCTAssertThrowsError(try LinearRegressionModel.load(path("eval"))) {
            XCTAssertTrue("\($0)".contains("holds a RegressionEvaluator, not a LinearRegressionModel"), "\($0)")
        }
        XCTAssertThrowsError(try RegressionEvaluator.load(path("nothing"))) {
            XCTAssertTrue("\($0)".contains("is not a saved Flint ML stage: metadata/part-00000 is missing"), "\($0)")
        }
        try Data("{not json".utf8).write(to: directory.appendingPathComponent("eval/metadata/part-00000"))
        XCTAssertThrowsError(try RegressionEvaluator.load(path("eval"))) { XCTAssertTrue("\($0)".contains("is not valid JSON (corrupted?)"), "\($0)") }
        try Data(#"{"class": "org.apache.spark.ml.Foo", "uid": "x"}"#.utf8).write(to: directory.appendingPathComponent("eval/metadata/part-00000"))
        XCTAssertThrowsError(try RegressionEvaluator.load(path("eval"))) { XCTAssertTrue("\($0)".contains("without a Flint ML class"), "\($0)") }
    }
}
