import XCTest
@testable import FlintLinalg

final class BLASFloatTests: XCTestCase {
    var random = SeededGenerator(seed: 7)

    /// Small integers, so that every product and sum is exact in single precision.
    func integers(_ count: Int) -> [Float] { (0..<count).map { _ in Float(Int.random(in: -4...4, using: &random)) } }

    func testSinglePrecisionGemmMatchesTripleLoopForEveryTransposition() {
        for (m, k, n) in [(1, 1, 1), (3, 5, 2), (17, 9, 13)] {
            for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
                // A is stored m × k (k × m when transposed), column-major; likewise B.
                let a = integers(m * k), b = integers(k * n), start = integers(m * n)
                let lda = transposeA ? k : m, ldb = transposeB ? n : k
                func aAt(_ i: Int, _ l: Int) -> Float { transposeA ? a[l + i * lda] : a[i + l * lda] }
                func bAt(_ l: Int, _ j: Int) -> Float { transposeB ? b[j + l * ldb] : b[l + j * ldb] }
                var c = start
                a.withUnsafeBufferPointer { a in
                    b.withUnsafeBufferPointer { b in
                        c.withUnsafeMutableBufferPointer { c in
                            BLAS.gemm(transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k, alpha: 2, a: a, lda: lda,
                                      b: b, ldb: ldb, beta: -1, c: c, ldc: m)
                        }
                    }
                }
                for i in 0..<m {
                    for j in 0..<n {
                        let product = (0..<k).reduce(Float(0)) { $0 + aAt(i, $1) * bAt($1, j) }
                        XCTAssertEqual(c[i + j * m], 2 * product - start[i + j * m], "(\(m), \(k), \(n)) \(transposeA) \(transposeB) at (\(i), \(j))")
                    }
                }
            }
        }
    }

    func testSinglePrecisionGemmGivesALSScoresColumnByColumn() {
        // Three items and two users of rank 2, stored id after id: S = Yᵀ X, user j's scores in column j.
        let items: [Float] = [5, 6, 6, 2, 3, 6]
        let users: [Float] = [6, 4, 3, 4]
        var scores = [Float](repeating: .nan, count: 6)
        items.withUnsafeBufferPointer { y in
            users.withUnsafeBufferPointer { x in
                scores.withUnsafeMutableBufferPointer { s in
                    BLAS.gemm(transposeA: true, m: 3, n: 2, k: 2, alpha: 1, a: y, lda: 2, b: x, ldb: 2, beta: 0, c: s, ldc: 3)
                }
            }
        }
        XCTAssertEqual(scores, [54, 44, 42, 39, 26, 33])
    }
}
