import XCTest
@testable import FlintLinalg

final class BLASTests: XCTestCase {
    var random = SeededGenerator(seed: 42)

    func testArrayLevel1() {
        XCTAssertEqual(BLAS.dot([1, 2, 3], [4, 5, 6]), 32)
        var y = [1.0, 1.0]
        BLAS.axpy(2, [3, 4], &y)
        XCTAssertEqual(y, [7, 9])
        BLAS.scal(0.5, &y)
        XCTAssertEqual(y, [3.5, 4.5])
        XCTAssertEqual(BLAS.nrm2([3, 4]), 5)
    }

    func testLevel1SparseAndDenseAgree() throws {
        for _ in 0..<10 {
            let sparse = random.sparseVector(size: 20, density: 0.4)
            let denseX = sparse.toDense
            let start = DenseVector(random.values(20))
            for x in [Vector.sparse(sparse), .dense(denseX)] {
                var y = start
                try BLAS.axpy(-1.5, x, &y)
                assertClose(y.values, zip(start.values, denseX.values).map { $0 - 1.5 * $1 }, accuracy: 1e-14)

                XCTAssertEqual(try BLAS.dot(x, .dense(start)), BLAS.dot(denseX.values, start.values), accuracy: 1e-13)
                XCTAssertEqual(BLAS.nrm2(x), denseX.values.map { $0 * $0 }.reduce(0, +).squareRoot(), accuracy: 1e-14)
                XCTAssertEqual(BLAS.asum(x), denseX.values.map(abs).reduce(0, +), accuracy: 1e-13)

                var copy = start
                try BLAS.copy(x, &copy)
                XCTAssertEqual(copy.values, denseX.values)
            }
            var scaledSparse = sparse
            var scaledDense = denseX
            BLAS.scal(3, &scaledSparse)
            BLAS.scal(3, &scaledDense)
            XCTAssertEqual(scaledSparse.toArray(), scaledDense.values)
            XCTAssertEqual(scaledSparse.indices, sparse.indices)
        }
        var y = DenseVector([0, 0])
        assertThrows(LinearAlgebraError.dimensionMismatch(operation: "BLAS.axpy", expected: 3, actual: 2)) {
            try BLAS.axpy(1, Vectors.dense(1, 2, 3), &y)
        }
        assertThrows(LinearAlgebraError.dimensionMismatch(operation: "BLAS.copy", expected: 1, actual: 2)) {
            try BLAS.copy(Vectors.dense(1), &y)
        }
    }

    func testGemvSparseAndDenseAgree() throws {
        for transposed in [false, true] {
            let stored = random.matrix(5, 4)
            let a = transposed ? stored.transpose : stored
            let sparse = random.sparseVector(size: a.numCols, density: 0.5)
            let start = DenseVector(random.values(a.numRows))
            var expected = start.values.map { 0.5 * $0 }
            for i in 0..<a.numRows {
                for j in 0..<a.numCols {
                    expected[i] += 2 * a[i, j] * sparse.toArray()[j]
                }
            }
            for x in [Vector.sparse(sparse), .dense(sparse.toDense)] {
                var y = start
                try BLAS.gemv(2, a, x, 0.5, &y)
                assertClose(y.values, expected, accuracy: 1e-13)
            }
        }
        // beta = 0 overwrites whatever y holds, NaN included.
        var y = DenseVector([.nan, .nan])
        try BLAS.gemv(1, Matrices.eye(2), Vectors.sparse(2, [1], [3]), 0, &y)
        XCTAssertEqual(y.values, [0, 3])
        assertThrows(LinearAlgebraError.dimensionMismatch(operation: "BLAS.gemv: x against the columns of A",
                                                          expected: 2, actual: 3)) {
            try BLAS.gemv(1, Matrices.eye(2), Vectors.dense(1, 2, 3), 0, &y)
        }
    }

    func testSyrSparseAndDenseAgree() throws {
        let sparse = random.sparseVector(size: 6, density: 0.5)
        let start = try Matrices.dense(6, 6, (0..<36).map { Double(($0 % 6) * ($0 / 6)) })  // symmetric
        var expected = start
        for i in 0..<6 {
            for j in 0..<6 {
                expected[i, j] += -0.5 * sparse[i] * sparse[j]
            }
        }
        for x in [Vector.sparse(sparse), .dense(sparse.toDense)] {
            var a = start
            try BLAS.syr(-0.5, x, &a)
            assertClose(a.values, expected.values, accuracy: 1e-14)
        }
        var notSquare = Matrices.zeros(2, 3)
        XCTAssertThrowsError(try BLAS.syr(1, Vectors.dense(1, 2), &notSquare))
    }

    func testSprUsesSparksPackedLayoutAndMatchesSyr() throws {
        // x = [1, 2, 3]: x xᵀ packed by columns of the upper triangle = [1, 2, 4, 3, 6, 9].
        var packed = [Double](repeating: 0, count: 6)
        try BLAS.spr(1, Vectors.dense(1, 2, 3), &packed)
        XCTAssertEqual(packed, [1, 2, 4, 3, 6, 9])

        let n = 7
        for _ in 0..<5 {
            let sparse = random.sparseVector(size: n, density: 0.4)
            var full = Matrices.zeros(n, n)
            var packedFromDense = [Double](repeating: 0, count: n * (n + 1) / 2)
            var packedFromSparse = packedFromDense
            try BLAS.syr(1.5, .sparse(sparse), &full)
            try BLAS.spr(1.5, .dense(sparse.toDense), &packedFromDense)
            try BLAS.spr(1.5, .sparse(sparse), &packedFromSparse)
            var expected: [Double] = []
            for j in 0..<n {
                for i in 0...j {
                    expected.append(full[i, j])
                }
            }
            assertClose(packedFromDense, expected, accuracy: 1e-14)
            assertClose(packedFromSparse, expected, accuracy: 1e-14)
        }
        var wrong = [Double](repeating: 0, count: 5)
        assertThrows(LinearAlgebraError.dimensionMismatch(operation: "BLAS.spr: packed triangle for x of size 3",
                                                          expected: 6, actual: 5)) {
            try BLAS.spr(1, Vectors.dense(1, 2, 3), &wrong)
        }
    }

    func testGemmMatchesTripleLoopOnRandomMatrices() throws {
        for (m, k, n) in [(1, 1, 1), (3, 5, 2), (17, 9, 13), (40, 33, 25)] {
            for (transposeA, transposeB) in [(false, false), (true, false), (false, true), (true, true)] {
                let a = transposeA ? random.matrix(k, m).transpose : random.matrix(m, k)
                let b = transposeB ? random.matrix(n, k).transpose : random.matrix(k, n)
                let start = random.matrix(m, n)
                var c = start
                try BLAS.gemm(0.5, a, b, -2, &c)
                let expected = zip(naiveProduct(a, b), start.values).map { 0.5 * $0 - 2 * $1 }
                assertClose(c.values, expected, accuracy: 1e-12)
            }
        }
    }

    func testRawBufferGemmGivesKMeansDistances() {
        // Points and centers as columns (d = 3); ‖x‖² + ‖c‖² − 2 x·c against Vectors.sqdist.
        let d = 3
        let points = random.values(d * 6)
        let centers = random.values(d * 4)
        var cross = [Double](repeating: .nan, count: 6 * 4)
        points.withUnsafeBufferPointer { x in
            centers.withUnsafeBufferPointer { y in
                cross.withUnsafeMutableBufferPointer { c in
                    BLAS.gemm(transposeA: true, m: 6, n: 4, k: d, alpha: -2, a: x, lda: d, b: y, ldb: d,
                              beta: 0, c: c, ldc: 6)
                }
            }
        }
        for i in 0..<6 {
            let point = Array(points[(i * d)..<((i + 1) * d)])
            for j in 0..<4 {
                let center = Array(centers[(j * d)..<((j + 1) * d)])
                let distance = cross[i + j * 6] + BLAS.dot(point, point) + BLAS.dot(center, center)
                XCTAssertEqual(distance, try Vectors.sqdist(Vectors.dense(point), Vectors.dense(center)), accuracy: 1e-12)
            }
        }
    }

    func testRawBufferLevel1And2WithStrides() {
        // Every other element of x against the first three of y.
        let x: [Double] = [1, -1, 2, -1, 3]
        let y: [Double] = [4, 5, 6, 7]
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeBufferPointer { ys in
                XCTAssertEqual(BLAS.dot(n: 3, x: xs, incX: 2, y: ys), 32)
                XCTAssertEqual(BLAS.nrm2(n: 2, x: ys, incX: 2), (16.0 + 36).squareRoot())
            }
        }
        var z = [1.0, 1, 1]
        z.withUnsafeMutableBufferPointer { zs in
            x.withUnsafeBufferPointer { xs in BLAS.axpy(n: 3, alpha: 2, x: xs, incX: 2, y: zs) }
            BLAS.scal(n: 2, alpha: 10, x: zs, incX: 2)
        }
        XCTAssertEqual(z, [30, 5, 70])

        // A = [[1, 2], [3, 4]] column-major with lda 3 (one row of padding).
        let a: [Double] = [1, 3, .nan, 2, 4, .nan]
        var out = [0.0, 0.0]
        a.withUnsafeBufferPointer { aBuffer in
            [1.0, 1.0].withUnsafeBufferPointer { ones in
                out.withUnsafeMutableBufferPointer { result in
                    BLAS.gemv(transposeA: true, m: 2, n: 2, alpha: 1, a: aBuffer, lda: 3, x: ones, beta: 0, y: result)
                }
            }
        }
        XCTAssertEqual(out, [4, 6])
    }
}

final class BLASThreadTests: XCTestCase {
    func testThreadCountCanBeSet() {
        let before = BLAS.threadCount
        BLAS.setThreadCount(1)
        XCTAssertEqual(BLAS.threadCount, 1)
        BLAS.setThreadCount(before)
        XCTAssertEqual(BLAS.threadCount, before)
    }

    func testSyrkIsTheSumOfOuterProductsOnTheUpperTriangle() {
        let n = 4, k = 7
        var random = SeededGenerator(seed: 5)
        let rows = random.values(n * k)                      // k vectors of length n, one after another
        var c = [Double](repeating: -99, count: n * n)       // the lower triangle must stay untouched
        rows.withUnsafeBufferPointer { a in
            c.withUnsafeMutableBufferPointer { c in
                BLAS.syrk(transposeA: false, n: n, k: k, alpha: 2, a: a, lda: n, beta: 0, c: c, ldc: n)
            }
        }
        for j in 0..<n {
            for i in 0..<n {
                var sum = 0.0
                for vector in 0..<k { sum += rows[vector * n + i] * rows[vector * n + j] }
                let expected = i <= j ? 2 * sum : -99
                XCTAssertEqual(c[i + j * n], expected, accuracy: 1e-13, "entry (\(i), \(j))")
            }
        }
        // The transposed form reads the same vectors as the columns of a k × n matrix.
        let columnMajor = (0..<n).flatMap { i in (0..<k).map { rows[$0 * n + i] } }
        var d = [Double](repeating: 1, count: n * n)
        columnMajor.withUnsafeBufferPointer { a in
            d.withUnsafeMutableBufferPointer { d in
                BLAS.syrk(transposeA: true, n: n, k: k, alpha: 1, a: a, lda: k, beta: 1, c: d, ldc: n)
            }
        }
        for j in 0..<n { for i in 0...j { XCTAssertEqual(d[i + j * n], 1 + c[i + j * n] / 2, accuracy: 1e-13) } }
    }
}
