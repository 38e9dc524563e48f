import FlintSQL
import XCTest
@testable import FlintML

final class FeatureStringIndexerTests: FeatureTestCase {
    /// Spark's StringIndexerSuite data: a × 3, c × 2, b × 1.
    private func letters() throws -> DataFrame {
        try frame([("id", .integer), ("label", .string)],
                  zip(0..., ["a", "b", "c", "a", "a", "c"]).map { [.integer(Int32($0)), .string($1)] }, partitions: 2)
    }

    /// (id, index) pairs of `output`, sorted by id.
    private func indices(_ output: DataFrame, _ column: String = "labelIndex") throws -> [[Value]] {
        try output.select("id", column).collect().map(\.values).sorted { ($0[0].longValue ?? 0) < ($1[0].longValue ?? 0) }
    }

    func testSparksExample() throws {
        let model = try StringIndexer().setInputCol("label").setOutputCol("labelIndex").fit(try letters())
        XCTAssertEqual(try model.labels, ["a", "c", "b"])
        XCTAssertEqual(model.labelsArray, [["a", "c", "b"]])
        // a -> 0, b -> 2, c -> 1
        XCTAssertEqual(try indices(model.transform(try letters())),
                       [[0, 0.0], [1, 2.0], [2, 1.0], [3, 0.0], [4, 0.0], [5, 1.0]].map { [.integer(Int32($0[0])), .double($0[1])] })
    }

    /// Spark's "with a numeric input column": 100 × 3, 300 × 2, 200 × 1, indexed as strings;
    /// doubles cast as Spark casts them, and NaN is not a label.
    func testNumericInputIsCastToString() throws {
        let numbers = try frame([("id", .integer), ("label", .integer)],
                                zip(0..., [100, 200, 300, 100, 100, 300]).map { [.integer(Int32($0)), .integer(Int32($1))] })
        let model = try StringIndexer().setInputCol("label").setOutputCol("labelIndex").fit(numbers)
        XCTAssertEqual(try model.labels, ["100", "300", "200"])
        XCTAssertEqual(try indices(model.transform(numbers)).map { $0[1] }, [0.0, 2, 1, 0, 0, 1].map(Value.double))
        let doubles = try frame([("x", .double)], [[.double(1.5)], [.double(2)], [.double(2)], [.double(.nan)], [.null]])
        XCTAssertEqual(try StringIndexer().setInputCol("x").fit(doubles).labels, ["2.0", "1.5"])
    }

    /// The four orders; frequency ties are broken alphabetically (ascending) in both directions.
    func testStringOrderTypes() throws {
        let words = ["b", "a", "c", "a", "c", "c", "b", "d", "e"]
        let data = try frame([("w", .string)], words.map { [.string($0)] })
        func labels(_ order: String) throws -> [String] {
            try StringIndexer().setInputCol("w").setStringOrderType(order).fit(data).labels
        }
        XCTAssertEqual(try labels("frequencyDesc"), ["c", "a", "b", "d", "e"])
        XCTAssertEqual(try labels("frequencyAsc"), ["d", "e", "a", "b", "c"])
        XCTAssertEqual(try labels("alphabetDesc"), ["e", "d", "c", "b", "a"])
        XCTAssertEqual(try labels("alphabetAsc"), ["a", "b", "c", "d", "e"])
        assertThrows(try StringIndexer().setStringOrderType("random"),
                     "stringOrderType given invalid value random: it must be one of: frequencyDesc, frequencyAsc, alphabetDesc, alphabetAsc")
    }

    /// Spark's "StringIndexerUnseen": fitted on a, b, b; "c" fails by default, is dropped with
    /// "skip", gets index 2 with "keep". Nulls are not labels when fitting and are invalid when
    /// transforming.
    func testUnseenLabelsAndNulls() throws {
        func rows(_ pairs: [(Int32, String)]) -> [[Value]] { pairs.map { [.integer($0), .string($1)] } }
        let training = try frame([("id", .integer), ("label", .string)], rows([(0, "a"), (1, "b"), (4, "b")]))
        let test = try frame([("id", .integer), ("label", .string)], rows([(0, "a"), (1, "b"), (2, "c")]))
        let model = try StringIndexer().setInputCol("label").setOutputCol("labelIndex").fit(training)
        XCTAssertEqual(try model.labels, ["b", "a"])
        assertThrows(try model.transform(test).collect(), "Unseen label: c. To handle unseen labels, set Param handleInvalid to keep.")
        XCTAssertEqual(try indices(model.setHandleInvalid("skip").transform(test)), [[.integer(0), .double(1)], [.integer(1), .double(0)]])
        XCTAssertEqual(try indices(model.setHandleInvalid("keep").transform(test)).map { $0[1] }, [.double(1), .double(0), .double(2)])

        let withNull = try frame([("id", .integer), ("label", .string)], [[.integer(0), .string("a")], [.integer(1), .null]])
        XCTAssertEqual(try StringIndexer().setInputCol("label").fit(withNull).labels, ["a"])
        assertThrows(try model.setHandleInvalid("error").transform(withNull).collect(),
                     "StringIndexer encountered NULL value. To handle or skip NULLS, try setting StringIndexer.handleInvalid.")
        XCTAssertEqual(try indices(model.setHandleInvalid("keep").transform(withNull)).map { $0[1] }, [.double(1), .double(2)])
        XCTAssertEqual(try indices(model.setHandleInvalid("skip").transform(withNull)).map { $0[1] }, [.double(1)])
    }

    /// A frame keeps the behaviour its model had when it was built, whatever is set or copied
    /// afterwards (each transform registers its own row function).
    func testFramesKeepTheirModelsParams() throws {
        let model = try StringIndexer().setInputCol("label").setOutputCol("labelIndex").fit(try letters())
        let unseen = try frame([("id", .integer), ("label", .string)], [[.integer(0), .string("z")]])
        let kept = try model.setHandleInvalid("keep").transform(unseen)
        let failing = try XCTUnwrap(model.copy(ParamMap([model.handleInvalid("error")])) as? StringIndexerModel).transform(unseen)
        let skipped = try model.setHandleInvalid("skip").transform(unseen)
        XCTAssertEqual(try values(kept, "labelIndex"), [.double(3)])
        XCTAssertEqual(try skipped.count(), 0)
        assertThrows(try failing.collect(), "Unseen label: z")
    }

    /// Several columns in one fit, each with its own labels; `labels` is for one column only.
    func testMultipleColumns() throws {
        let data = try frame([("id", .integer), ("color", .string), ("size", .long)],
                             [[.integer(0), .string("red"), .long(3)], [.integer(1), .string("blue"), .long(1)],
                              [.integer(2), .string("red"), .long(1)], [.integer(3), .string("green"), .long(1)]])
        let model = try StringIndexer().setInputCols(["color", "size"]).setOutputCols(["colorIndex", "sizeIndex"]).fit(data)
        XCTAssertEqual(model.labelsArray, [["red", "blue", "green"], ["1", "3"]])
        assertThrows(try model.labels, "This StringIndexerModel is fit on multiple columns. Call `labelsArray` instead.")
        let output = try model.transform(data)
        XCTAssertEqual(try indices(output, "colorIndex").map { $0[1] }, [0.0, 1, 0, 2].map(Value.double))
        XCTAssertEqual(try indices(output, "sizeIndex").map { $0[1] }, [1.0, 0, 0, 0].map(Value.double))
    }

    /// Spark's "should keep silent if the input column does not exist" (the model skips it),
    /// while the estimator requires it.
    func testModelSkipsAMissingInputColumn() throws {
        let model = try StringIndexerModel(uid: "indexer", labels: ["a", "b", "c"]).setInputCol("label").setOutputCol("labelIndex")
        let numbers = try frame([("id", .long)], (0..<10).map { [.long($0)] })
        XCTAssertEqual(try model.transform(numbers).collect(), try numbers.collect())
        assertThrows(try StringIndexer().setInputCol("label").fit(numbers), "Input column label does not exist.")
    }

    func testSchemaAndParamErrors() throws {
        let data = try frame([("input", .integer), ("output", .integer), ("flag", .boolean)], [[.integer(1), .integer(2), .boolean(true)]])
        assertThrows(try StringIndexer().setInputCol("input").setOutputCol("output").fit(data), "Output column output already exists.")
        let model = try StringIndexer().setInputCol("input").setOutputCol("indexed").fit(data)
        assertThrows(try model.setOutputCol("output").transform(data), "Output column output already exists.")
        assertThrows(try StringIndexer().setInputCol("flag").fit(data),
                     "The input column flag must be either string type or numeric type, but got boolean.")
        assertThrows(try StringIndexer().fit(data), "requires exactly one of inputCol, inputCols Params to be set, but neither is set.")
        assertThrows(try StringIndexer().setInputCol("input").setInputCols(["input"]).fit(data),
                     "requires exactly one of inputCol, inputCols Params to be set, but both are set.")
        assertThrows(try StringIndexer().setInputCol("input").setOutputCols(["a"]).fit(data),
                     "has the inputCol Param set for single-column transform. The following Params are not applicable and should not be set: outputCols.")
        assertThrows(try StringIndexer().setInputCols(["input"]).fit(data),
                     "has the inputCols Param set for multi-column transform. The following Params must be defined but are not set: outputCols.")
        assertThrows(try StringIndexer().setInputCols(["input", "output"]).setOutputCols(["a"]).fit(data),
                     "The number of input columns 2 must be the same as the number of output columns 1.")
        assertThrows(try StringIndexer().setInputCols(["input", "output"]).setOutputCols(["a", "a"]).fit(data), "Output columns should not be duplicate.")
        assertThrows(try StringIndexer().setHandleInvalid("drop"), "handleInvalid given invalid value drop")
    }
}
