import XCTest
@testable import FlintLinalg

final class NNLSTests: XCTestCase {
    func testIdentityClipsNegativeCoordinates() throws {
        XCTAssertEqual(try NNLS.solve(ata: Matrices.eye(3).values, atb: [1, -2, 3]), [1, 0, 3])
        XCTAssertEqual(try NNLS.solve(ata: [], atb: []), [])
    }

    func testMatchesBruteForceOnSmallRandomProblems() throws {
        var random = SeededGenerator(seed: 2024)
        var boundCoordinates = 0
        for trial in 0..<40 {
            let n = 1 + trial % 6
            let design = random.matrix(n + 4, n)
            let (ata, atb) = normalEquations(design, random.values(n + 4), ridge: 0.01)
            let x = try NNLS.solve(ata: ata, atb: atb)
            let expected = bruteForce(ata: ata, atb: atb)
            assertClose(x, expected, accuracy: 1e-9)
            XCTAssertEqual(objective(ata, atb, x), objective(ata, atb, expected), accuracy: 1e-12)
            XCTAssertTrue(x.allSatisfy { $0 >= 0 })
            boundCoordinates += x.filter { $0 == 0 }.count
        }
        XCTAssertGreaterThan(boundCoordinates, 20, "the problems exercise the constraint")
    }

    func testErrors() {
        assertThrows(LinearAlgebraError.dimensionMismatch(operation: "NNLS.solve: ata for atb of size 2", expected: 4, actual: 3)) {
            try NNLS.solve(ata: [1, 0, 1], atb: [1, 1])
        }
        assertThrows(LinearAlgebraError.notPositiveDefinite(order: 2)) {
            try NNLS.solve(ata: [1, 1, 1, 1], atb: [1, 1])
        }
    }

    private func objective(_ ata: [Double], _ atb: [Double], _ x: [Double]) -> Double {
        let n = x.count
        var value = 0.0
        for i in 0..<n {
            for j in 0..<n {
                value += 0.5 * x[i] * ata[i + j * n] * x[j]
            }
            value -= atb[i] * x[i]
        }
        return value
    }

    /// Tries every support: the unconstrained minimiser on it, kept when feasible; the best wins.
    private func bruteForce(ata: [Double], atb: [Double]) -> [Double] {
        let n = atb.count
        var best = [Double](repeating: 0, count: n)
        for mask in 1..<(1 << n) {
            let support = (0..<n).filter { mask & (1 << $0) != 0 }
            let z = gaussianElimination(support.map { i in support.map { j in ata[i + j * n] } }, support.map { atb[$0] })
            guard z.allSatisfy({ $0 >= 0 }) else { continue }
            var candidate = [Double](repeating: 0, count: n)
            for (k, i) in support.enumerated() {
                candidate[i] = z[k]
            }
            if objective(ata, atb, candidate) < objective(ata, atb, best) {
                best = candidate
            }
        }
        return best
    }

    /// Solves M z = r by Gaussian elimination with partial pivoting (rows of M given as arrays).
    private func gaussianElimination(_ m: [[Double]], _ r: [Double]) -> [Double] {
        var rows = zip(m, r).map { $0 + [$1] }
        let n = r.count
        for column in 0..<n {
            let pivot = (column..<n).max { abs(rows[$0][column]) < abs(rows[$1][column]) }!
            rows.swapAt(column, pivot)
            for row in (column + 1)..<n {
                let factor = rows[row][column] / rows[column][column]
                for k in column...n {
                    rows[row][k] -= factor * rows[column][k]
                }
            }
        }
        var z = [Double](repeating: 0, count: n)
        for row in (0..<n).reversed() {
            z[row] = (rows[row][n] - ((row + 1)..<n).map { rows[row][$0] * z[$0] }.reduce(0, +)) / rows[row][row]
        }
        return z
    }
}
