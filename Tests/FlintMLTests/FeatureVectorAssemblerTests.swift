import FlintLinalg
import FlintSQL
import XCTest
@testable import FlintML

final class FeatureVectorAssemblerTests: FeatureTestCase {
    private let mixedFields: [(String, DataType)] = [("flag", .boolean), ("i", .integer), ("f", .float), ("v", .vector)]

    private func assembler() throws -> VectorAssembler {
        try VectorAssembler().setInputCols(["flag", "i", "f", "v"]).setOutputCol("out")
    }

    /// Spark's VectorAssemblerSuite "VectorAssembler": a double, a dense and a sparse vector and
    /// a long assemble to (6,[1,2,4,5],[1.0,2.0,3.0,10.0]); the string column is left alone.
    func testSparksExample() throws {
        let data = try frame([("id", .integer), ("x", .double), ("y", .vector), ("name", .string), ("z", .vector), ("n", .long)],
                             [[.integer(0), .double(0), .vector(Vectors.dense([1, 2])), .string("a"), .vector(sparse(2, [(1, 3)])), .long(10)]])
        let assembler = try VectorAssembler().setInputCols(["x", "y", "z", "n"]).setOutputCol("features")
        let output = try assembler.transform(data)
        XCTAssertEqual(try vectors(output, "features"), [sparse(6, [(1, 1), (2, 2), (4, 3), (5, 10)])])
        XCTAssertEqual(output.columns, ["id", "x", "y", "name", "z", "n", "features"])
    }

    /// Booleans count as 1/0, numbers as their value, vectors as all their coordinates; the
    /// form is Spark's compressed one: sparse when 1.5 × (nonzeros + 1) < size.
    func testKindsOfInputAndCompressedForm() throws {
        let data = try frame(mixedFields, [[.boolean(true), .integer(3), .float(0.5), .vector(Vectors.dense([4, 5]))],
                                           [.boolean(false), .integer(0), .float(0), .vector(sparse(2, [(1, 7)]))],
                                           [.boolean(false), .integer(-2), .float(0), .vector(sparse(2, []))]], partitions: 2)
        let assembled = try vectors(assembler().transform(data).orderBy(col("flag").desc(), col("i").asc()), "out")
        XCTAssertEqual(assembled, [Vectors.dense([1, 3, 0.5, 4, 5]), sparse(5, [(1, -2)]), sparse(5, [(4, 7)])])
        XCTAssertFalse(isSparse(assembled[0]), "5 nonzeros of 5: dense")
        XCTAssertTrue(isSparse(assembled[1]) && isSparse(assembled[2]), "1.5 × 2 < 5: sparse")
    }

    /// A vector column's size is its first vector's; a vector of another size is an error
    /// rather than a silent shift of the coordinates after it.
    func testVectorSizesMustAgree() throws {
        let data = try frame(mixedFields, [[.boolean(true), .integer(1), .float(1), .vector(Vectors.dense([1, 2]))],
                                           [.boolean(true), .integer(1), .float(1), .vector(Vectors.dense([1, 2, 3]))]])
        assertThrows(try assembler().transform(data).collect(), "column v holds vectors of sizes 2 and 3")
    }

    /// "error" fails on a null or a NaN with Spark's messages, "skip" drops those rows, "keep"
    /// puts NaN in their place: one NaN for a number, as many as the column's vector size for a
    /// null vector.
    func testHandleInvalid() throws {
        let data = try frame(mixedFields, [[.boolean(true), .integer(1), .float(2), .vector(Vectors.dense([3, 4]))],
                                           [.null, .integer(1), .float(2), .vector(Vectors.dense([3, 4]))],
                                           [.boolean(false), .integer(5), .float(.nan), .vector(Vectors.dense([3, 4]))],
                                           [.boolean(false), .integer(6), .float(7), .null]])
        assertThrows(try assembler().transform(data).collect(),
                     "Encountered null while assembling a row with handleInvalid = \"error\". Consider removing nulls from dataset or using handleInvalid = \"keep\" or \"skip\".")
        let nan = try frame(mixedFields, [[.boolean(false), .integer(5), .float(.nan), .vector(Vectors.dense([3, 4]))]])
        assertThrows(try assembler().transform(nan).collect(),
                     "Encountered NaN while assembling a row with handleInvalid = \"error\". Consider removing NaNs from dataset or using handleInvalid = \"keep\" or \"skip\".")

        XCTAssertEqual(try vectors(assembler().setHandleInvalid("skip").transform(data), "out"), [Vectors.dense([1, 1, 2, 3, 4])])
        assertClose(try vectors(assembler().setHandleInvalid("keep").transform(data), "out"),
                    [Vectors.dense([1, 1, 2, 3, 4]), Vectors.dense([.nan, 1, 2, 3, 4]),
                     Vectors.dense([0, 5, .nan, 3, 4]), Vectors.dense([0, 6, 7, .nan, .nan])])
    }

    /// "keep" needs a vector column's size: a column without any vector cannot keep a null.
    func testKeepingANullNeedsAVectorSize() throws {
        let data = try frame([("x", .double), ("v", .vector)], [[.double(1), .null]])
        assertThrows(try VectorAssembler().setInputCols(["x", "v"]).setHandleInvalid("keep").transform(data).collect(),
                     "cannot keep a null in vector column v")
    }

    /// Missing, unsupported and existing columns, and a bad handleInvalid, are named.
    func testSchemaAndParamErrors() throws {
        let data = try frame([("x", .double), ("s", .string), ("t", .string), ("out", .double)], [])
        assertThrows(try VectorAssembler().setInputCols(["x", "nope"]).transformSchema(data.schema), "input column nope does not exist")
        assertThrows(try VectorAssembler().setInputCols(["s", "x", "t"]).transformSchema(data.schema),
                     "Data type string of column s is not supported.\nData type string of column t is not supported.")
        assertThrows(try VectorAssembler().setInputCols(["x"]).setOutputCol("out").transformSchema(data.schema), "Output column out already exists.")
        assertThrows(try VectorAssembler().setHandleInvalid("drop"), "handleInvalid given invalid value drop: it must be one of: error, skip, keep")
        assertThrows(try VectorAssembler().transformSchema(data.schema), "inputCols has no value and no default")
        let assembler = VectorAssembler()
        XCTAssertEqual(assembler.value(assembler.outputCol), "\(assembler.uid)__output")
        XCTAssertEqual(assembler.value(assembler.handleInvalid), "error")
    }

    /// `copy` keeps the uid and the values, and applies the extra ones.
    func testCopy() throws {
        let assembler = try VectorAssembler().setInputCols(["a"]).setOutputCol("o")
        let copy = try XCTUnwrap(assembler.copy(ParamMap([assembler.handleInvalid("skip")])) as? VectorAssembler)
        XCTAssertEqual(copy.uid, assembler.uid)
        XCTAssertEqual(try copy.getOrDefault(copy.inputCols), ["a"])
        XCTAssertEqual(copy.value(copy.handleInvalid), "skip")
        XCTAssertEqual(assembler.value(assembler.handleInvalid), "error")
    }
}
