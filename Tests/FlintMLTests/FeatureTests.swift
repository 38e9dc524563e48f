import FlintCore
import FlintLinalg
import FlintSQL
import XCTest
@testable import FlintML

/// What the feature stage tests share: frames built from literal rows, columns read back, and
/// errors checked by the text they carry.
class FeatureTestCase: MLTestCase {
    /// A frame of `rows` with columns `fields` (name, type), spread over `partitions` partitions
    /// so that fitting passes merge partial results.
    func frame(_ fields: [(String, DataType)], _ rows: [[Value]], partitions: Int = 1) throws -> DataFrame {
        let local = try session.createDataFrame(rows, schema: StructType(fields.map { StructField($0.0, $0.1) }))
        return partitions > 1 ? try local.repartition(partitions) : local
    }

    /// A one-column frame of vectors.
    func vectorFrame(_ vectors: [Vector], column: String = "features", partitions: Int = 1) throws -> DataFrame {
        try frame([(column, .vector)], vectors.map { [.vector($0)] }, partitions: partitions)
    }

    /// The values of `column`, in row order.
    func values(_ frame: DataFrame, _ column: String) throws -> [Value] {
        try frame.select(column).collect().map { $0[0] }
    }

    /// The vectors of `column`, in row order (a failure for anything else).
    func vectors(_ frame: DataFrame, _ column: String, file: StaticString = #filePath, line: UInt = #line) throws -> [Vector] {
        try values(frame, column).map { value in
            guard case let .vector(vector) = value else {
                XCTFail("not a vector: \(value)", file: file, line: line)
                return Vectors.dense([])
            }
            return vector
        }
    }

    /// A sparse vector from the test's own literal entries.
    func sparse(_ size: Int, _ entries: [(Int, Double)]) -> Vector { try! Vectors.sparse(size, entries) }

    /// Checks that `expression` throws an error whose text contains `fragment`.
    func assertThrows<T>(_ expression: @autoclosure () throws -> T, _ fragment: String,
                         file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try expression(), file: file, line: line) { error in
            XCTAssertTrue("\(error)".contains(fragment), "expected '\(fragment)' in: \(error)", file: file, line: line)
        }
    }

    /// Checks that `actual` and `expected` have the same size and coordinates within `accuracy`
    /// (NaN matching NaN).
    func assertClose(_ actual: [Vector], _ expected: [Vector], accuracy: Double = 1e-12,
                     file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(actual.count, expected.count, "row count", file: file, line: line)
        for (row, (a, e)) in zip(actual, expected).enumerated() {
            XCTAssertEqual(a.size, e.size, "size of row \(row)", file: file, line: line)
            for (x, y) in zip(a.toArray(), e.toArray()) where !(x.isNaN && y.isNaN) {
                XCTAssertEqual(x, y, accuracy: accuracy, "row \(row): \(a) against \(e)", file: file, line: line)
            }
        }
    }

    /// Whether `vector` is stored sparse.
    func isSparse(_ vector: Vector) -> Bool {
        if case .sparse = vector { return true }
        return false
    }
}
