import FlintSQL
import XCTest
@testable import FlintML

final class FeatureBucketizerTests: FeatureTestCase {
    private func numbers(_ values: [Double?]) throws -> DataFrame {
        try frame([("id", .integer), ("feature", .double)], values.enumerated().map { [.integer(Int32($0)), $1.map(Value.double) ?? .null] })
    }

    private func buckets(_ output: DataFrame, _ column: String = "result") throws -> [Value] {
        try values(output.orderBy("id"), column)
    }

    /// Spark's BucketizerSuite "Bucket continuous features, without -inf,inf" and "with -inf,inf".
    func testSparksExamples() throws {
        let bucketizer = try Bucketizer().setInputCol("feature").setOutputCol("result").setSplits([-0.5, 0.0, 0.5])
        XCTAssertEqual(try buckets(bucketizer.transform(try numbers([-0.5, -0.3, 0.0, 0.2]))), [0.0, 0, 1, 1].map(Value.double))
        for bad in [-0.9, 0.6] {
            assertThrows(try bucketizer.transform(try numbers([bad])).collect(),
                         "Feature value \(Value.double(bad)) out of Bucketizer bounds [-0.5, 0.5].  Check your features, or loosen the lower/upper bound constraints.")
        }
        try bucketizer.setSplits([-.infinity, -0.5, 0.0, 0.5, .infinity])
        XCTAssertEqual(try buckets(bucketizer.transform(try numbers([-0.9, -0.5, -0.3, 0.0, 0.2, 0.5, 0.9]))),
                       [0.0, 1, 1, 2, 2, 3, 3].map(Value.double))
    }

    /// Spark's "Bucket continuous features, with NaN data but non-NaN splits": NaN fails by
    /// default, goes to an extra bucket with "keep", is dropped with "skip"; a null stays null.
    func testHandleInvalid() throws {
        let data = try numbers([-0.5, -0.3, 0.0, 0.2, 0.5, .nan, .nan, .nan, nil])
        let bucketizer = try Bucketizer().setInputCol("feature").setOutputCol("result").setSplits([-0.5, 0.0, 0.5])
        assertThrows(try bucketizer.transform(data).collect(), "Bucketizer encountered NaN value. To handle or skip NaNs, try setting Bucketizer.handleInvalid.")
        XCTAssertEqual(try buckets(bucketizer.setHandleInvalid("keep").transform(data)), [0.0, 0, 1, 1, 1, 2, 2, 2].map(Value.double) + [.null])
        XCTAssertEqual(try buckets(bucketizer.setHandleInvalid("skip").transform(data)), [0.0, 0, 1, 1, 1].map(Value.double))
    }

    /// Spark's checkSplits: at least 3, strictly increasing, no NaN.
    func testSplitsValidation() throws {
        assertThrows(try Bucketizer().setSplits([0, 1]), "parameter splits given invalid value [0.0,1.0]: it must be at least 3 strictly increasing splits")
        assertThrows(try Bucketizer().setSplits([0, 2, 1]), "parameter splits given invalid value")
        assertThrows(try Bucketizer().setSplits([0, 1, 1]), "parameter splits given invalid value")
        assertThrows(try Bucketizer().setSplits([0, .nan, 1]), "parameter splits given invalid value")
        assertThrows(try Bucketizer().setSplitsArray([[0, 1, 2], [3, 2, 1]]), "parameter splitsArray given invalid value")
        assertThrows(try Bucketizer().setInputCol("feature").transform(try numbers([1])), "The following Params must be defined but are not set: splits.")
    }

    /// Several columns with their own splits (Spark's MultipleBucketizer), one "skip" for all,
    /// and the splits given as text, as a command line does.
    func testMultipleColumns() throws {
        let data = try frame([("id", .integer), ("a", .double), ("b", .integer)],
                             [[.integer(0), .double(-0.9), .integer(3)], [.integer(1), .double(0.2), .integer(12)], [.integer(2), .double(.nan), .integer(5)]])
        let bucketizer = try Bucketizer().setInputCols(["a", "b"]).setOutputCols(["aBucket", "bBucket"])
        try bucketizer.set(paramNamed: "splitsArray", parsing: "[[-inf, -0.5, 0.0, 0.5, inf], [0, 5, 10, 20]]")
        XCTAssertEqual(try bucketizer.getOrDefault(bucketizer.splitsArray), [[-.infinity, -0.5, 0, 0.5, .infinity], [0, 5, 10, 20]])
        let output = try bucketizer.setHandleInvalid("skip").transform(data)
        XCTAssertEqual(try buckets(output, "aBucket"), [.double(0), .double(2)])
        XCTAssertEqual(try buckets(output, "bBucket"), [.double(0), .double(2)])
        assertThrows(try bucketizer.setSplitsArray([[0, 1, 2]]).transform(data),
                     "Params (inputCols, outputCols, splitsArray) should have equal lengths, but they have different lengths: (2, 2, 1).")
        assertThrows(try bucketizer.setSplits([0, 1, 2]).transform(data),
                     "has the inputCols Param set for multi-column transform. The following Params are not applicable and should not be set: splits.")
    }

    func testSchemaErrors() throws {
        let data = try frame([("s", .string), ("x", .double)], [])
        let bucketizer = try Bucketizer().setSplits([0, 1, 2])
        assertThrows(try bucketizer.setInputCol("s").transformSchema(data.schema), "Column s must be of type numeric but was actually of type string.")
        assertThrows(try bucketizer.setInputCol("nope").transformSchema(data.schema), "input column nope does not exist")
        assertThrows(try bucketizer.setInputCol("x").setOutputCol("s").transformSchema(data.schema), "Output column s already exists.")
        let copy = try XCTUnwrap(bucketizer.copy(ParamMap()) as? Bucketizer)
        XCTAssertEqual(try copy.getOrDefault(copy.splits), [0, 1, 2])
    }
}
