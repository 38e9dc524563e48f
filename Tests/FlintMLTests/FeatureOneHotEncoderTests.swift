import FlintLinalg
import FlintSQL
import XCTest
@testable import FlintML

final class FeatureOneHotEncoderTests: FeatureTestCase {
    /// Indices 0, 1, 2, 0, 0, 2 (Spark's OneHotEncoderSuite data) in a double column.
    private func categories() throws -> DataFrame {
        try frame([("id", .integer), ("index", .double)], zip(0..., [0.0, 1, 2, 0, 0, 2]).map { [.integer(Int32($0)), .double($1)] })
    }

    /// The one-hot vector of `index` among `size` slots (empty past the last slot).
    private func oneHot(_ index: Int, size: Int) -> Vector { sparse(size, index < size ? [(index, 1)] : []) }

    /// The vectors of `column` sorted by id.
    private func encoded(_ frame: DataFrame, _ column: String = "encoded") throws -> [Vector] {
        try vectors(frame.orderBy("id"), column)
    }

    func testDropLastAndKeepAll() throws {
        let model = try OneHotEncoder().setInputCol("index").setOutputCol("encoded").fit(try categories())
        XCTAssertEqual(model.categorySizes, [3])
        let dropped = try encoded(model.transform(try categories()))
        XCTAssertEqual(dropped, [0, 1, 2, 0, 0, 2].map { oneHot($0, size: 2) }, "the last category encodes as zeros")
        XCTAssertTrue(dropped.allSatisfy(isSparse))
        XCTAssertEqual(try encoded(model.setDropLast(false).transform(try categories())), [0, 1, 2, 0, 0, 2].map { oneHot($0, size: 3) })
    }

    /// An index beyond the fitted categories fails with Spark's messages, or with "keep" is an
    /// extra category (whose slot dropLast drops).
    func testInvalidIndices() throws {
        let model = try OneHotEncoder().setInputCols(["index"]).setOutputCols(["encoded"]).fit(try categories())
        let test = try frame([("id", .integer), ("index", .double)], [[.integer(0), .double(1)], [.integer(1), .double(3)], [.integer(2), .double(-1)]])
        assertThrows(try model.transform(try test.filter(col("id") === 1)).collect(),
                     "Unseen value: 3.0. To handle unseen values, set Param handleInvalid to keep.")
        assertThrows(try model.transform(try test.filter(col("id") === 2)).collect(),
                     "Negative value: -1.0. Input can't be negative. To handle invalid values, set Param handleInvalid to keep")
        XCTAssertEqual(try encoded(model.setHandleInvalid("keep").transform(test)), [oneHot(1, size: 3), oneHot(3, size: 3), oneHot(3, size: 3)])
        XCTAssertEqual(try encoded(model.setDropLast(false).transform(test)), [oneHot(1, size: 4), oneHot(3, size: 4), oneHot(3, size: 4)])
        assertThrows(try OneHotEncoder().setHandleInvalid("skip"), "handleInvalid given invalid value skip: it must be one of: error, keep")
    }

    /// Fitting needs whole non-negative indices (Spark's message); nulls are not counted and
    /// encode as null; a column without values has one category.
    func testFittingChecksIndices() throws {
        for bad in [1.5, -1, Double.nan] {
            let data = try frame([("c", .double)], [[.double(0)], [.double(bad)]])
            assertThrows(try OneHotEncoder().setInputCol("c").fit(data), "Values from column c must be indices, but got \(Value.double(bad)).")
        }
        let withNull = try frame([("id", .integer), ("c", .integer)], [[.integer(0), .integer(4)], [.integer(1), .null]])
        let model = try OneHotEncoder().setInputCol("c").setOutputCol("encoded").fit(withNull)
        XCTAssertEqual(model.categorySizes, [5])
        XCTAssertEqual(try values(model.transform(withNull).orderBy("id"), "encoded"), [.vector(oneHot(4, size: 4)), .null])
        XCTAssertEqual(try OneHotEncoder().setInputCol("c").fit(try withNull.filter(col("id") === 1)).categorySizes, [1])
    }

    /// Several columns, one job: each its own category count; integer columns are accepted.
    func testMultipleColumns() throws {
        let data = try frame([("id", .integer), ("a", .integer), ("b", .long)],
                             [[.integer(0), .integer(0), .long(5)], [.integer(1), .integer(1), .long(0)], [.integer(2), .integer(0), .long(2)]])
        let model = try OneHotEncoder().setInputCols(["a", "b"]).setOutputCols(["aVec", "bVec"]).setDropLast(false).fit(data)
        XCTAssertEqual(model.categorySizes, [2, 6])
        let output = try model.transform(data)
        XCTAssertEqual(try encoded(output, "aVec"), [0, 1, 0].map { oneHot($0, size: 2) })
        XCTAssertEqual(try encoded(output, "bVec"), [5, 0, 2].map { oneHot($0, size: 6) })
    }

    func testSchemaAndParamErrors() throws {
        let data = try frame([("c", .double), ("s", .string)], [])
        assertThrows(try OneHotEncoder().setInputCol("s").fit(data), "Column s must be of type numeric but was actually of type string.")
        assertThrows(try OneHotEncoder().setInputCol("nope").fit(data), "input column nope does not exist")
        assertThrows(try OneHotEncoder().setInputCol("c").setOutputCol("s").fit(data), "Output column s already exists.")
        assertThrows(try OneHotEncoder().setInputCols(["c", "c"]).setOutputCols(["v"]).fit(data),
                     "The number of input columns 2 must be the same as the number of output columns 1.")
        let model = try OneHotEncoderModel(uid: "ohe", categorySizes: [2, 3]).setInputCol("c")
        assertThrows(try model.transform(data), "The number of input columns 1 must be the same as the number of features 2 during fitting.")
        let copy = try XCTUnwrap(model.copy(ParamMap()) as? OneHotEncoderModel)
        XCTAssertEqual(copy.categorySizes, [2, 3])
        XCTAssertEqual(try copy.getOrDefault(copy.inputCol), "c")
    }
}
