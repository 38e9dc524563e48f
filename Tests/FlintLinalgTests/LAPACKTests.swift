import XCTest
@testable import FlintLinalg

final class LAPACKTests: XCTestCase {
    // A = [[4, 2], [2, 3]], b = A · [1, 2] = [8, 8].
    let spd = try! Matrices.dense(2, 2, [4, 2, 2, 3])

    func testCholeskySolveFullAndPacked() throws {
        assertClose(try LAPACK.solvePositiveDefinite(spd, [8, 8]), [1, 2], accuracy: 1e-14)
        // The packed upper triangle of A is [4, 2, 3].
        assertClose(try LAPACK.solvePositiveDefinite(packedUpperTriangular: [4, 2, 3], [8, 8]), [1, 2], accuracy: 1e-14)

        let full = try CholeskyDecomposition(spd)
        XCTAssertEqual(full.factor[0], 2, accuracy: 1e-15)           // U = [[2, 1], [0, √2]]
        XCTAssertEqual(full.factor[2], 1, accuracy: 1e-15)
        XCTAssertEqual(full.factor[3], 2.0.squareRoot(), accuracy: 1e-15)
        // ‖A‖₁ = 6 and ‖A⁻¹‖₁ = (2 + 4) / 8, so the reciprocal condition number is 1 / 4.5.
        XCTAssertEqual(full.reciprocalConditionNumber!, 1 / 4.5, accuracy: 1e-12)
        XCTAssertNil(try CholeskyDecomposition(spd, conditionThreshold: 0).reciprocalConditionNumber)
    }

    func testInverseFromCholesky() throws {
        // A⁻¹ = [[3, −2], [−2, 4]] / 8.
        assertClose(try CholeskyDecomposition(spd).inverse(), [0.375, -0.25, -0.25, 0.5], accuracy: 1e-15)
        let packed = try CholeskyDecomposition(packedUpperTriangular: [4, 2, 3], order: 2)
        assertClose(packed.inverse(), [0.375, -0.25, 0.5], accuracy: 1e-15)

        var random = SeededGenerator(seed: 11)
        let design = random.matrix(30, 6)
        let (ata, _) = normalEquations(design, [Double](repeating: 0, count: 30))
        let gram = try Matrices.dense(6, 6, ata)
        let inverse = try Matrices.dense(6, 6, try CholeskyDecomposition(gram).inverse())
        assertClose(try gram.multiply(inverse).values, Matrices.eye(6).values, accuracy: 1e-12)
    }

    func testRandomWellConditionedSystemHasTinyResidual() throws {
        var random = SeededGenerator(seed: 5)
        let n = 40
        let design = random.matrix(80, n)
        let (ata, _) = normalEquations(design, [Double](repeating: 0, count: 80), ridge: 1)
        let gram = try Matrices.dense(n, n, ata)
        let b = random.values(n)
        var packed: [Double] = []
        for j in 0..<n {
            for i in 0...j {
                packed.append(gram[i, j])
            }
        }
        for x in [try LAPACK.solvePositiveDefinite(gram, b),
                  try LAPACK.solvePositiveDefinite(packedUpperTriangular: packed, b)] {
            let residual = zip(try gram.multiply(Vectors.dense(x)).values, b).map { $0 - $1 }
            XCTAssertLessThan(BLAS.nrm2(residual), 1e-12 * BLAS.nrm2(b))
        }
    }

    func testCholeskyErrors() {
        assertThrows(LinearAlgebraError.notPositiveDefinite(order: 2)) {
            try LAPACK.solvePositiveDefinite(Matrices.dense(2, 2, [1, 2, 2, 1]), [1, 1])
        }
        assertThrows(LinearAlgebraError.notPositiveDefinite(order: 3)) {
            // Singular: the third column is the sum of the first two.
            try CholeskyDecomposition(packedUpperTriangular: [1, 0, 1, 1, 1, 2], order: 3)
        }
        XCTAssertThrowsError(try CholeskyDecomposition(Matrices.dense(2, 2, [1, 1, 1, 1 + 2 * .ulpOfOne]))) { error in
            guard case let LinearAlgebraError.illConditioned(rcond, threshold) = error else { return XCTFail("\(error)") }
            XCTAssertLessThan(rcond, threshold)
            XCTAssertEqual(threshold, .ulpOfOne)
        }
        XCTAssertThrowsError(try CholeskyDecomposition(Matrices.dense(2, 2, [1, 0, 0, 1e-9]), conditionThreshold: 1e-6)) {
            XCTAssertTrue("\($0)".hasPrefix("matrix is ill-conditioned: estimated reciprocal condition number 1.0E-9"))
        }
        assertThrows(LinearAlgebraError.dimensionMismatch(operation: "CholeskyDecomposition: packed upper triangle of order 3",
                                                          expected: 6, actual: 5)) {
            try CholeskyDecomposition(packedUpperTriangular: [1, 0, 1, 0, 0], order: 3)
        }
        assertThrows(LinearAlgebraError.dimensionMismatch(operation: "CholeskyDecomposition: the matrix must be square",
                                                          expected: 2, actual: 3)) {
            try CholeskyDecomposition(Matrices.zeros(2, 3))
        }
        assertThrows(LinearAlgebraError.dimensionMismatch(operation: "CholeskyDecomposition.solve: right-hand side",
                                                          expected: 2, actual: 3)) {
            try CholeskyDecomposition(spd).solve([1, 2, 3])
        }
        XCTAssertEqual(LinearAlgebraError.notPositiveDefinite(order: 2).description,
                       "matrix is not positive definite: the leading minor of order 2 is not positive")
    }

    func testLeastSquaresOnAKnownLine() throws {
        // Points (0, 1), (1, 3), (2, 5), (3, 7.5): the fit of y = c₀ + c₁ t.
        let design = try Matrices.dense(4, 2, [1, 1, 1, 1, 0, 1, 2, 3])
        let fit = try LAPACK.solveLeastSquares(design, [1, 3, 5, 7.5])
        // Normal equations [[4, 6], [6, 14]] c = [16.5, 35.5].
        assertClose(fit, [0.9, 2.15], accuracy: 1e-13)
        let rowMajor = try Matrices.dense(2, 4, [1, 0, 1, 1, 1, 2, 1, 3]).transpose
        assertClose(try LAPACK.solveLeastSquares(rowMajor, [1, 3, 5, 7.5]), fit, accuracy: 1e-15)
    }

    func testRandomLeastSquaresMatchesNormalEquations() throws {
        var random = SeededGenerator(seed: 9)
        let design = random.matrix(60, 8)
        let b = random.values(60)
        let fit = try LAPACK.solveLeastSquares(design, b)
        let (ata, atb) = normalEquations(design, b)
        assertClose(fit, try LAPACK.solvePositiveDefinite(Matrices.dense(8, 8, ata), atb), accuracy: 1e-12)
        // The residual is orthogonal to the columns.
        let residual = zip(try design.multiply(Vectors.dense(fit)).values, b).map { $0 - $1 }
        assertClose(try design.transpose.multiply(Vectors.dense(residual)).values, [Double](repeating: 0, count: 8),
                    accuracy: 1e-12)
    }

    func testLeastSquaresErrors() {
        // The second column is exactly zero: R has a zero on its diagonal.
        assertThrows(LinearAlgebraError.singular(column: 1)) {
            try LAPACK.solveLeastSquares(Matrices.dense(3, 2, [1, 2, 3, 0, 0, 0]), [1, 2, 3])
        }
        // The second column is the first up to rounding.
        XCTAssertThrowsError(try LAPACK.solveLeastSquares(Matrices.dense(3, 2, [1, 2, 3, 1, 2, 3 + 1e-15]), [1, 2, 3])) {
            guard case LinearAlgebraError.illConditioned = $0 else { return XCTFail("\($0)") }
        }
        assertThrows(LinearAlgebraError.dimensionMismatch(operation: "LAPACK.solveLeastSquares: b against the rows of A",
                                                          expected: 3, actual: 2)) {
            try LAPACK.solveLeastSquares(Matrices.eye(3), [1, 2])
        }
        assertThrows(LinearAlgebraError.dimensionMismatch(
            operation: "LAPACK.solveLeastSquares: A needs at least as many rows as columns", expected: 3, actual: 2)) {
            try LAPACK.solveLeastSquares(Matrices.zeros(2, 3), [1, 2])
        }
    }

    func testInPlacePositiveDefiniteSolve() throws {
        var matrix = [4.0, 2, 2, 3]
        var rhs = [8.0, 8]
        try matrix.withUnsafeMutableBufferPointer { a in
            try rhs.withUnsafeMutableBufferPointer { b in try LAPACK.solvePositiveDefinite(order: 2, matrix: a, rhs: b) }
        }
        assertClose(rhs, [1, 2], accuracy: 1e-14)

        var indefinite = [1.0, 2, 2, 1]
        var b = [1.0, 1]
        XCTAssertThrowsError(try indefinite.withUnsafeMutableBufferPointer { a in
            try b.withUnsafeMutableBufferPointer { b in try LAPACK.solvePositiveDefinite(order: 2, matrix: a, rhs: b) }
        }) { XCTAssertEqual($0 as? LinearAlgebraError, .notPositiveDefinite(order: 2)) }
    }
}
