import Foundation
import XCTest
@testable import FlintLinalg

final class MatrixTests: XCTestCase {
    // [[1, 2, 3], [4, 5, 6]] column-major.
    let a = try! Matrices.dense(2, 3, [1, 4, 2, 5, 3, 6])

    func testEntriesTransposeAndFactories() throws {
        XCTAssertEqual(a[0, 2], 3)
        XCTAssertEqual(a[1, 0], 4)
        let t = a.transpose
        XCTAssertTrue(t.isTransposed)
        XCTAssertEqual(t.numRows, 3)
        XCTAssertEqual(t.numCols, 2)
        XCTAssertEqual(t[2, 1], 6)
        XCTAssertEqual(t[0, 1], 4)
        XCTAssertEqual(t.values, a.values, "transpose shares the storage")
        XCTAssertEqual(t.toArray(), [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(t.transpose, a)
        XCTAssertEqual(t, try Matrices.dense(3, 2, [1, 2, 3, 4, 5, 6]), "equality is on entries")
        XCTAssertEqual(t.hashValue, try Matrices.dense(3, 2, [1, 2, 3, 4, 5, 6]).hashValue)

        XCTAssertEqual(Matrices.eye(2).values, [1, 0, 0, 1])
        XCTAssertEqual(Matrices.zeros(2, 3).values, [0, 0, 0, 0, 0, 0])
        var m = Matrices.zeros(2, 2)
        m[0, 1] = 7
        XCTAssertEqual(m.values, [0, 0, 7, 0])

        assertThrows(LinearAlgebraError.dimensionMismatch(operation: "DenseMatrix(2 × 2) values", expected: 4, actual: 3)) {
            try Matrices.dense(2, 2, [1, 2, 3])
        }
        assertThrows(LinearAlgebraError.negativeSize(-1)) { try Matrices.dense(-1, 2, []) }
    }

    func testMultiplyByVectorsAndMatrices() throws {
        XCTAssertEqual(try a.multiply(Vectors.dense(1, 0, -1)).values, [-2, -2])
        XCTAssertEqual(try a.multiply(Vectors.sparse(3, [2], [2])).values, [6, 12])
        XCTAssertEqual(try a.transpose.multiply(Vectors.dense(1, 1)).values, [5, 7, 9])
        XCTAssertEqual(try a.transpose.multiply(Vectors.sparse(2, [1], [1])).values, [4, 5, 6])

        // A Aᵀ = [[14, 32], [32, 77]].
        XCTAssertEqual(try a.multiply(a.transpose), try Matrices.dense(2, 2, [14, 32, 32, 77]))
        XCTAssertEqual(try a.transpose.multiply(Matrices.eye(2)), a.transpose)
        XCTAssertThrowsError(try a.multiply(a)) { error in
            XCTAssertEqual(error as? LinearAlgebraError,
                           .dimensionMismatch(operation: "BLAS.gemm: rows of B against the columns of A", expected: 3, actual: 2))
        }
        XCTAssertThrowsError(try a.multiply(Vectors.dense(1, 2)))
    }

    func testDescriptionAndCodable() throws {
        XCTAssertEqual(try Matrices.dense(2, 2, [1, -10, 0.5, 1e-5]).description, "  1.0     0.5\n-10.0  1.0E-5")
        let decoded = try JSONDecoder().decode(DenseMatrix.self, from: try JSONEncoder().encode(a.transpose))
        XCTAssertEqual(decoded, a.transpose)
        XCTAssertTrue(decoded.isTransposed)
        let bad = Data(#"{"numRows":2,"numCols":2,"values":[1],"isTransposed":false}"#.utf8)
        XCTAssertThrowsError(try JSONDecoder().decode(DenseMatrix.self, from: bad))
    }
}
