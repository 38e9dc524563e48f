import FlintCore
import FlintLinalg
import FlintSQL
import XCTest
@testable import FlintML

final class FeatureTests: MLTestCase {
    /// A sparse vector of valid entries (the test's own literals).
    private func sparse(_ size: Int, _ entries: [(Int, Double)]) -> Vector { try! Vectors.sparse(size, entries) }

    private func vectors(_ frame: DataFrame, _ column: String) throws -> [Vector] {
        try frame.select(column).collect().map { row in
            guard case let .vector(vector) = row[0] else { XCTFail("not a vector: \(row)"); return Vectors.dense([]) }
            return vector
        }
    }

    func testVectorAssemblerConcatenatesAndHandlesInvalid() throws {
        let schema = StructType([StructField("a", .double), StructField("b", .boolean), StructField("v", .vector), StructField("c", .integer)])
        let rows: [[Value]] = [[.double(1.5), .boolean(true), .vector(sparse(3, [(1, 2.0)])), .integer(0)],
                               [.null, .boolean(false), .vector(Vectors.dense([1, 2, 3])), .integer(4)]]
        let frame = try session.createDataFrame(rows, schema: schema)
        let assembler = try VectorAssembler().setInputCols(["a", "b", "v", "c"]).setOutputCol("features")
        XCTAssertThrowsError(try assembler.transform(frame).collect()) {
            XCTAssertTrue("\($0)".contains("Encountered null while assembling a row with handleInvalid = \"error\""), "\($0)")
        }
        XCTAssertEqual(try vectors(assembler.setHandleInvalid("skip").transform(frame), "features"), [Vectors.dense([1.5, 1, 0, 2, 0, 0])])
        let kept = try vectors(assembler.setHandleInvalid("keep").transform(frame), "features")
        XCTAssertTrue(kept[1][0].isNaN)
        XCTAssertEqual(Array(kept[1].toArray().dropFirst()), [0, 1, 2, 3, 4])
        XCTAssertThrowsError(try VectorAssembler().setInputCols(["a", "nope"]).transform(frame)) {
            XCTAssertTrue("\($0)".contains("input column nope does not exist"), "\($0)")
        }
        let text = try session.createDataFrame([[.string("x")]], schema: StructType([StructField("s", .string)]))
        XCTAssertThrowsError(try VectorAssembler().setInputCols(["s"]).transform(text)) {
            XCTAssertTrue("\($0)".contains("Data type string of column s is not supported"), "\($0)")
        }
    }

    private func points() throws -> DataFrame {
        try session.createDataFrame([[.vector(Vectors.dense([1, 10, 5]))], [.vector(Vectors.dense([3, 20, 5]))], [.vector(sparse(3, [(0, 5.0)]))]],
                                    schema: StructType([StructField("x", .vector)]))
    }

    func testStandardScalerUsesUnbiasedStd() throws {
        let model = try StandardScaler().setInputCol("x").setOutputCol("s").setWithMean(true).fit(try points())
        XCTAssertEqual(model.mean.toArray(), [3, 10, 10.0 / 3])
        let std = model.std.toArray()
        XCTAssertEqual(std[0], 2, accuracy: 1e-12)
        XCTAssertEqual(std[1], 10, accuracy: 1e-12)
        let scaled = try vectors(model.transform(try points()), "s")
        XCTAssertEqual(scaled[0][0], -1, accuracy: 1e-12)
        XCTAssertEqual(scaled[1][1], 1, accuracy: 1e-12)
        let stdOnly = try StandardScaler().setInputCol("x").setOutputCol("s").fit(try points())
        XCTAssertEqual(try vectors(stdOnly.transform(try points()), "s")[2], sparse(3, [(0, 2.5)]), "sparse stays sparse")
        XCTAssertThrowsError(try StandardScaler().setInputCol("nope").fit(try points()))
    }

    func testMinMaxScalerAndNormalizer() throws {
        let model = try MinMaxScaler().setInputCol("x").setOutputCol("m").setMin(-1).setMax(1).fit(try points())
        XCTAssertEqual(model.originalMin.toArray(), [1, 0, 0])
        XCTAssertEqual(model.originalMax.toArray(), [5, 20, 5])
        XCTAssertEqual(try vectors(model.transform(try points()), "m")[1].toArray(), [-0.0, 1, 1])
        XCTAssertThrowsError(try MinMaxScaler().setInputCol("x").setMin(2).setMax(1).fit(try points())) {
            XCTAssertTrue("\($0)".contains("min(2.0) is larger or equal to max(1.0)"), "\($0)")
        }
        let unit = try vectors(Normalizer().setInputCol("x").setOutputCol("n").setP(1).transform(try points()), "n")
        XCTAssertEqual(unit[0].toArray(), [1.0 / 16, 10.0 / 16, 5.0 / 16])
        XCTAssertEqual(unit[0].norm(1), 1, accuracy: 1e-12)
        XCTAssertThrowsError(try Normalizer().setP(0.5)) { XCTAssertTrue("\($0)".contains(">= 1.0"), "\($0)") }
    }

    func testBucketizerBoundariesAndInvalid() throws {
        let frame = try session.createDataFrame([[.double(-0.5)], [.double(0)], [.double(0.5)], [.double(1)], [.double(.nan)]],
                                                schema: StructType([StructField("x", .double)]))
        let bucketizer = try Bucketizer().setSplits([-.infinity, 0, 0.5, 1]).setInputCol("x").setOutputCol("b")
        XCTAssertThrowsError(try bucketizer.transform(frame).collect()) {
            XCTAssertTrue("\($0)".contains("Bucketizer encountered NaN value"), "\($0)")
        }
        XCTAssertEqual(try bucketizer.setHandleInvalid("keep").transform(frame).select("b").collect().map { $0[0] },
                       [.double(0), .double(1), .double(2), .double(2), .double(3)], "the upper bound is in the last bucket; NaN in an extra one")
        XCTAssertEqual(try bucketizer.setHandleInvalid("skip").transform(frame).count(), 4)
        let outside = try session.createDataFrame([[.double(2)]], schema: StructType([StructField("x", .double)]))
        XCTAssertThrowsError(try bucketizer.transform(outside).collect()) {
            XCTAssertTrue("\($0)".contains("Feature value 2.0 out of Bucketizer bounds"), "\($0)")
        }
        XCTAssertThrowsError(try Bucketizer().setSplits([0, 1])) { XCTAssertTrue("\($0)".contains("at least 3"), "\($0)") }
        XCTAssertThrowsError(try Bucketizer().setSplits([0, 2, 1])) { XCTAssertTrue("\($0)".contains("strictly increasing"), "\($0)") }
    }

    func testStringIndexerOrdersAndHandlesUnseen() throws {
        let words = ["b", "a", "c", "a", "c", "c", "b", "d"]
        let frame = try session.createDataFrame(words.map { [.string($0)] }, schema: StructType([StructField("w", .string)]))
        XCTAssertEqual(try StringIndexer().setInputCol("w").fit(frame).labels, ["c", "a", "b", "d"], "by frequency, ties alphabetical")
        XCTAssertEqual(try StringIndexer().setInputCol("w").setStringOrderType("frequencyAsc").fit(frame).labels, ["d", "a", "b", "c"])
        XCTAssertEqual(try StringIndexer().setInputCol("w").setStringOrderType("alphabetDesc").fit(frame).labels, ["d", "c", "b", "a"])
        let model = try StringIndexer().setInputCol("w").setOutputCol("i").fit(frame)
        XCTAssertEqual(try model.transform(frame).select("i").collect().map { $0[0] }, words.map { .double(Double(["c", "a", "b", "d"].firstIndex(of: $0)!)) })
        let other = try session.createDataFrame([[.string("a")], [.string("z")], [.null]], schema: StructType([StructField("w", .string)]))
        XCTAssertThrowsError(try model.transform(other).collect()) { XCTAssertTrue("\($0)".contains("Unseen label: z"), "\($0)") }
        try model.set(model.handleInvalid, "keep")
        XCTAssertEqual(try model.transform(other).select("i").collect().map { $0[0] }, [.double(1), .double(4), .double(4)])
        try model.set(model.handleInvalid, "skip")
        XCTAssertEqual(try model.transform(other).count(), 1)
        let numbers = try session.createDataFrame([[.integer(7)], [.integer(3)], [.integer(7)]], schema: StructType([StructField("n", .integer)]))
        XCTAssertEqual(try StringIndexer().setInputCol("n").fit(numbers).labels, ["7", "3"])
    }

    func testOneHotEncoderDropLastAndKeep() throws {
        let frame = try session.createDataFrame([[.double(0)], [.double(1)], [.double(2)]], schema: StructType([StructField("c", .double)]))
        let model = try OneHotEncoder().setInputCols(["c"]).setOutputCols(["v"]).fit(frame)
        XCTAssertEqual(model.categorySizes, [3])
        XCTAssertEqual(try vectors(model.transform(frame), "v"), [sparse(2, [(0, 1.0)]), sparse(2, [(1, 1.0)]), sparse(2, [])])
        let unseen = try session.createDataFrame([[.double(5)]], schema: StructType([StructField("c", .double)]))
        XCTAssertThrowsError(try model.transform(unseen).collect()) { XCTAssertTrue("\($0)".contains("Unseen value: 5.0"), "\($0)") }
        try model.set(model.handleInvalid, "keep")
        try model.set(model.dropLast, false)
        XCTAssertEqual(try vectors(model.transform(unseen), "v"), [sparse(4, [(3, 1.0)])])
        XCTAssertThrowsError(try OneHotEncoder().setInputCols(["c"]).setOutputCols(["v", "w"]).fit(frame)) {
            XCTAssertTrue("\($0)".contains("must be the same as the number of output columns"), "\($0)")
        }
    }

    /// StringIndexer + OneHotEncoder + VectorAssembler + StandardScaler + LinearRegression,
    /// fitted as one pipeline; the fitted pipeline reproduces y = 3·[cat b] − 2·x + 1 exactly.
    func testPipelineOfFeaturesAndRegression() throws {
        let rows: [[Value]] = (0..<60).map { i in
            let category = ["a", "b", "c"][i % 3], x = Double(i) / 10
            return [.string(category), .double(x), .double((category == "b" ? 3 : 0) - 2 * x + 1)]
        }
        let frame = try session.createDataFrame(rows, schema: StructType([StructField("cat", .string), StructField("x", .double), StructField("label", .double)]))
        let indexer = try StringIndexer().setInputCol("cat").setOutputCol("catIndex").setStringOrderType("alphabetAsc")
        let encoder = try OneHotEncoder().setInputCols(["catIndex"]).setOutputCols(["catVector"]).setDropLast(false)
        let assembler = try VectorAssembler().setInputCols(["catVector", "x"]).setOutputCol("raw")
        let scaler = try StandardScaler().setInputCol("raw").setOutputCol("features")
        let pipeline = Pipeline().setStages([indexer, encoder, assembler, scaler, try LinearRegression().setRegParam(1e-9)])
        let model = try pipeline.fit(frame)
        XCTAssertEqual(model.stages.count, 5)
        let predictions = try model.transform(frame).select("label", "prediction").collect()
        for row in predictions { XCTAssertEqual(row[1].doubleValue ?? .nan, row[0].doubleValue ?? 0, accuracy: 1e-5) }
        XCTAssertThrowsError(try Pipeline().setStages([encoder, indexer]).fit(frame)) {
            XCTAssertTrue("\($0)".contains("catIndex"), "the encoder's input does not exist yet: \($0)")
        }
    }
}
