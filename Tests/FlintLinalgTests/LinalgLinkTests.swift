import XCTest
@testable import FlintLinalg

/// The smallest calls into each C library, so that a broken link shows up as one clear failure.
final class LinalgLinkTests: XCTestCase {
    func testOpenBLASIsLinked() {
        XCTAssertEqual(BLAS.dot([1, 2, 3], [4, 5, 6]), 32)
    }

    func testLAPACKEIsLinked() throws {
        assertClose(try LAPACK.solvePositiveDefinite(Matrices.eye(2), [8, 8]), [8, 8], accuracy: 0)
    }
}
