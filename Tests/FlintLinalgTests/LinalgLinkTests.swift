import XCTest
@testable import FlintLinalg

final class LinalgLinkTests: XCTestCase {
    func testBLASLevel1() {
        XCTAssertEqual(BLAS.dot([1, 2, 3], [4, 5, 6]), 32)
        var y = [1.0, 1.0]
        BLAS.axpy(2, [3, 4], &y)
        XCTAssertEqual(y, [7, 9])
    }

    func testCholeskySolveAndSingularError() throws {
        // A = [[4, 2], [2, 3]] (column-major), b = A · [1, 2] = [8, 8].
        let x = try LAPACK.solvePositiveDefinite([4, 2, 2, 3], [8, 8])
        XCTAssertEqual(x[0], 1, accuracy: 1e-12)
        XCTAssertEqual(x[1], 2, accuracy: 1e-12)
        XCTAssertThrowsError(try LAPACK.solvePositiveDefinite([1, 2, 2, 1], [1, 1])) { error in
            XCTAssertEqual(error as? LinearAlgebraError, .notPositiveDefinite(pivot: 2))
        }
        XCTAssertThrowsError(try LAPACK.solvePositiveDefinite([1, 2, 3], [1, 1]))
    }
}
