import FlintLinalg
import FlintSQL
import XCTest
@testable import FlintML

final class FeaturePipelineTests: FeatureTestCase {
    private let cities = ["paris", "tokyo", "lima", "paris", "tokyo", "paris", "lima", "paris", "tokyo", "paris", "lima", "tokyo"]

    private func rows(_ names: [String]) -> [[Value]] {
        names.enumerated().map { i, city in [.integer(Int32(i)), .string(city), .double(Double(i * i % 7) - 2.5), .boolean(i % 3 == 0)] }
    }

    /// A row's assembled features as computed here: the city one-hot with lima (the least
    /// frequent, so the last index) dropped, then x, then the flag.
    private func assembled(_ row: [Value]) -> [Double] {
        guard case let .string(city) = row[1], case let .double(x) = row[2], case let .boolean(flag) = row[3] else { return [] }
        return [city == "paris" ? 1 : 0, city == "tokyo" ? 1 : 0, x, flag ? 1 : 0]
    }

    private func data(_ names: [String]) throws -> DataFrame {
        try frame([("id", .integer), ("city", .string), ("x", .double), ("flag", .boolean)], rows(names), partitions: 2)
    }

    private func pipeline() throws -> Pipeline {
        Pipeline().setStages([
            try StringIndexer().setInputCol("city").setOutputCol("cityIndex"),
            try OneHotEncoder().setInputCol("cityIndex").setOutputCol("cityVector"),
            try VectorAssembler().setInputCols(["cityVector", "x", "flag"]).setOutputCol("raw"),
            try StandardScaler().setInputCol("raw").setOutputCol("features").setWithMean(true),
        ])
    }

    /// StringIndexer + OneHotEncoder + VectorAssembler + StandardScaler fitted as one pipeline,
    /// against the features computed here: paris (5) → 0, tokyo (4) → 1, lima (3) → 2; one-hot
    /// with the last category dropped; then x and the flag; then centred and divided by the
    /// unbiased standard deviation of each coordinate.
    func testIndexEncodeAssembleScale() throws {
        let model = try pipeline().fit(try data(cities))
        XCTAssertEqual(model.stages.count, 4)
        XCTAssertEqual(try (model.stages[0] as? StringIndexerModel)?.labels, ["paris", "tokyo", "lima"])
        XCTAssertEqual((model.stages[1] as? OneHotEncoderModel)?.categorySizes, [3])

        let raw = rows(cities).map(assembled)
        let count = Double(raw.count)
        let means = (0..<4).map { j in raw.map { $0[j] }.reduce(0, +) / count }
        let stds = (0..<4).map { j in (raw.map { ($0[j] - means[j]) * ($0[j] - means[j]) }.reduce(0, +) / (count - 1)).squareRoot() }
        func expected(_ names: [String]) -> [Vector] {
            rows(names).map(assembled).map { values in Vectors.dense((0..<4).map { (values[$0] - means[$0]) / stds[$0] }) }
        }
        let scaler = try XCTUnwrap(model.stages[3] as? StandardScalerModel)
        assertClose([scaler.mean, scaler.std], [Vectors.dense(means), Vectors.dense(stds)])
        assertClose(try vectors(model.transform(try data(cities)).orderBy("id"), "features"), expected(cities))

        // The fitted pipeline applies as it is to other rows of known cities.
        let others = ["lima", "lima", "tokyo"]
        assertClose(try vectors(model.transform(try data(others)).orderBy("id"), "features"), expected(others))
    }

    /// The features feed a regression in the same pipeline: y = 3·[tokyo] − 2·x + 1 is
    /// recovered exactly.
    func testFeaturesFeedARegression() throws {
        let labelled = try data(cities).withColumn("label", when(col("city") === "tokyo", 3).otherwise(0) - col("x") * 2 + 1)
        let stages = try pipeline().stages + [try LinearRegression().setRegParam(1e-9)]
        let model = try Pipeline().setStages(stages).fit(labelled)
        for row in try model.transform(labelled).select("label", "prediction").collect() {
            XCTAssertEqual(row[1].doubleValue ?? .nan, row[0].doubleValue ?? 0, accuracy: 1e-6)
        }
    }

    /// A pipeline is checked before any data is read: a stage whose input comes later fails with
    /// the column it misses.
    func testStagesOutOfOrderFailBeforeFitting() throws {
        let stages = try pipeline().stages
        let misordered = Pipeline().setStages([stages[1], stages[0], stages[2], stages[3]])
        assertThrows(try misordered.fit(try data(cities)), "input column cityIndex does not exist")
    }
}
