import FlintLinalg
import Foundation
import XCTest
@testable import FlintSQL

final class LibSVMTests: DirectoryTestCase {
    private func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func testReadsLabelsAndSparseFeatures() throws {
        let path = try write("small.txt", "1 1:0.5 3:2\n# a comment\n\n0 2:-1.5\n-2.5\n")
        let frame = try session.read.libsvm(path)
        XCTAssertEqual(frame.schema.fields.map(\.dataType.simpleString), ["double", "vector"])
        XCTAssertEqual(frame.schema.treeString, "root\n |-- label: double (nullable = false)\n |-- features: vector (nullable = false)")
        let rows = try frame.collect()
        XCTAssertEqual(rows.map(\.description), ["[1.0,(3,[0,2],[0.5,2.0])]", "[0.0,(3,[1],[-1.5])]", "[-2.5,(3,[],[])]"],
                       "numFeatures is the largest index found")
        guard case let .vector(first) = rows[0][1] else { return XCTFail("not a vector: \(rows[0][1])") }
        XCTAssertEqual(first, Vectors.dense([0.5, 0, 2]))
        let wide = try session.read.option("numFeatures", "5").option("vectorType", "dense").libsvm(path)
        XCTAssertEqual(try wide.collect().first?.description, "[1.0,[0.5,0.0,2.0,0.0,0.0]]")
        XCTAssertEqual(try frame.select("label").collect().map(\.description), ["[1.0]", "[0.0]", "[-2.5]"])
        XCTAssertEqual(try frame.count(), 3)
    }

    func testVectorAndArrayFunctions() throws {
        let path = try write("f.txt", "1 1:0.5 3:2\n0 2:-1.5\n")
        try session.read.libsvm(path).createOrReplaceTempView("points")
        XCTAssertEqual(try session.sql("SELECT vector_to_array(features), size(vector_to_array(features)), "
                                       + "element_at(vector_to_array(features), -1), element_at(vector_to_array(features), 9) FROM points")
                        .collect().map(\.description),
                       ["[[0.5, 0.0, 2.0],3,2.0,null]", "[[0.0, -1.5, 0.0],3,0.0,null]"])
        XCTAssertThrowsError(try session.sql("SELECT vector_to_array(label) FROM points")) {
            XCTAssertTrue("\($0)".contains("expects a vector, got double"), "\($0)")
        }
        XCTAssertThrowsError(try session.sql("SELECT element_at(vector_to_array(features), 0) FROM points").collect()) {
            XCTAssertTrue("\($0)".contains("indices start at 1"), "\($0)")
        }
    }

    func testSparksSampleFile() throws {
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/data/sample_libsvm_data.txt").path
        let frame = try session.read.format("libsvm").load(sample)
        let rows = try frame.collect()
        XCTAssertEqual(rows.count, 100)
        guard case let .vector(features) = rows[0][1] else { return XCTFail("\(rows[0])") }
        XCTAssertEqual(features.size, 692)
        XCTAssertEqual(try frame.groupBy("label").count().orderBy("label").collect().map(\.description), ["[0.0,43]", "[1.0,57]"])
    }

    func testBadLinesAndOptionsAreClearErrors() throws {
        let path = try write("bad.txt", "1 1:0.5\n0 3:1 2:4\n")
        XCTAssertThrowsError(try session.read.libsvm(path)) { error in
            XCTAssertTrue("\(error)".contains("Invalid LIBSVM record (file \(path), line 2): indices should be one-based and in ascending order; "
                                              + "found current=1, previous=2. Record: 0 3:1 2:4"), "\(error)")
        }
        let text = try write("text.txt", "yes 1:2\n")
        XCTAssertThrowsError(try session.read.libsvm(text)) { XCTAssertTrue("\($0)".contains("the label 'yes' is not a number"), "\($0)") }
        let pair = try write("pair.txt", "1 1-2\n")
        XCTAssertThrowsError(try session.read.option("numFeatures", "4").libsvm(pair).collect()) {
            XCTAssertTrue("\($0)".contains("line 1): '1-2' is not index:value"), "\($0)")
        }
        let big = try write("big.txt", "1 7:1\n")
        XCTAssertThrowsError(try session.read.option("numFeatures", "4").libsvm(big).collect()) {
            XCTAssertTrue("\($0)".contains("feature index 7 is larger than numFeatures 4"), "\($0)")
        }
        XCTAssertThrowsError(try session.read.option("numFeatures", "0").libsvm(big)) { XCTAssertTrue("\($0)".contains("numFeatures"), "\($0)") }
        XCTAssertThrowsError(try session.read.option("vectorType", "packed").libsvm(big)) { XCTAssertTrue("\($0)".contains("sparse or dense"), "\($0)") }
    }

    func testWriteRoundTrip() throws {
        let schema = StructType([StructField("label", .double), StructField("features", .vector)])
        let rows: [[Value]] = [[.double(1), .vector(Vectors.dense([0, 1.5, 0, -2]))], [.double(0), .vector(Vectors.dense([0, 0, 0, 0.25]))]]
        let output = directory.appendingPathComponent("out").path
        try session.createDataFrame(rows, schema: schema).write.format("libsvm").save(output)
        let part = try FileManager.default.contentsOfDirectory(atPath: output).first { $0.hasPrefix("part-") }!
        XCTAssertEqual(try String(contentsOfFile: "\(output)/\(part)", encoding: .utf8),
                       "1.0 1:0.0 2:1.5 3:0.0 4:-2.0\n0.0 1:0.0 2:0.0 3:0.0 4:0.25\n", "as Spark: every active entry of a dense vector")
        let back = try session.read.option("numFeatures", "4").libsvm(output).orderBy(col("label").desc()).collect()
        XCTAssertEqual(back.map { $0[1] }, rows.map { $0[1] })
        XCTAssertThrowsError(try people().write.format("libsvm").save(directory.appendingPathComponent("bad").path)) { error in
            XCTAssertTrue("\(error)".contains("supports only a double label column and a vector features column"), "\(error)")
        }
    }
}
