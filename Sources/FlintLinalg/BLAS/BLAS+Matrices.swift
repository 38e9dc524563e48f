import CBLAS

/// Level-2 and level-3 BLAS on `DenseMatrix` and `Vector`, with Spark's semantics.
extension BLAS {
    /// `y := alpha * A * x + beta * y` for a dense A (possibly transposed) and a dense or sparse x.
    /// O(numRows × numCols) dense x (CBLAS dgemv), O(numRows × numActives) sparse x.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if `x.size != A.numCols` or
    ///   `y.size != A.numRows`.
    public static func gemv(_ alpha: Double, _ a: DenseMatrix, _ x: Vector, _ beta: Double,
                            _ y: inout DenseVector) throws(LinearAlgebraError) {
        guard x.size == a.numCols else {
            throw .dimensionMismatch(operation: "BLAS.gemv: x against the columns of A", expected: a.numCols, actual: x.size)
        }
        guard y.size == a.numRows else {
            throw .dimensionMismatch(operation: "BLAS.gemv: y against the rows of A", expected: a.numRows, actual: y.size)
        }
        switch x {
        case let .dense(x):
            // A transposed is, read column-major, the numCols × numRows matrix Aᵀ.
            a.values.withUnsafeBufferPointer { aValues in
                x.values.withUnsafeBufferPointer { xs in
                    y.values.withUnsafeMutableBufferPointer { ys in
                        gemv(transposeA: a.isTransposed, m: a.isTransposed ? a.numCols : a.numRows,
                             n: a.isTransposed ? a.numRows : a.numCols, alpha: alpha, a: aValues,
                             lda: a.leadingDimension, x: xs, beta: beta, y: ys)
                    }
                }
            }
        case let .sparse(x):
            if beta == 0 {
                y.values = [Double](repeating: 0, count: y.size)
            } else if beta != 1 {
                scal(beta, &y)
            }
            let rows = a.numRows
            let columns = a.numCols
            a.values.withUnsafeBufferPointer { aValues in
                y.values.withUnsafeMutableBufferPointer { ys in
                    if a.isTransposed {
                        // Row i of A is contiguous: yᵢ += alpha Σₖ A(i, indexₖ) xₖ.
                        for i in 0..<rows {
                            var sum = 0.0
                            x.forEachActive { index, value in sum += aValues[i * columns + index] * value }
                            ys[i] += alpha * sum
                        }
                    } else {
                        // Column j of A is contiguous: y += (alpha xⱼ) A(:, j) for every active j.
                        x.forEachActive { j, value in
                            let factor = alpha * value
                            for i in 0..<rows {
                                ys[i] += factor * aValues[i + j * rows]
                            }
                        }
                    }
                }
            }
        }
    }

    /// `A := alpha * x * xᵀ + A` for a symmetric `n × n` matrix A, updating both triangles. O(n²)
    /// dense x (CBLAS dsyr, then the lower triangle mirrored), O(numActives²) sparse x.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if A is not square or `x.size != n`.
    public static func syr(_ alpha: Double, _ x: Vector, _ a: inout DenseMatrix) throws(LinearAlgebraError) {
        let n = a.numRows
        guard a.numCols == n else {
            throw .dimensionMismatch(operation: "BLAS.syr: A must be square", expected: n, actual: a.numCols)
        }
        guard x.size == n else {
            throw .dimensionMismatch(operation: "BLAS.syr: x against the order of A", expected: n, actual: x.size)
        }
        a.values.withUnsafeMutableBufferPointer { aValues in
            switch x {
            case let .dense(x):
                cblas_dsyr(CblasColMajor, CblasUpper, Int32(n), alpha, x.values, 1, aValues.baseAddress,
                           Int32(max(1, n)))
                for j in 0..<n {
                    for i in (j + 1)..<n {
                        aValues[i + j * n] = aValues[j + i * n]
                    }
                }
            case let .sparse(x):
                x.forEachActive { j, xj in
                    let factor = alpha * xj
                    x.forEachActive { i, xi in aValues[i + j * n] += factor * xi }
                }
            }
        }
    }

    /// `U := alpha * x * xᵀ + U` on the upper triangle of an `n × n` symmetric matrix packed column by
    /// column (Spark's layout: entry (i, j), i ≤ j, at `i + j (j + 1) / 2`). O(n²) dense x (CBLAS
    /// dspr), O(numActives²) sparse x.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if `packed.count != n (n + 1) / 2` for
    ///   `n = x.size`.
    public static func spr(_ alpha: Double, _ x: Vector, _ packed: inout [Double]) throws(LinearAlgebraError) {
        let n = x.size
        guard packed.count == n * (n + 1) / 2 else {
            throw .dimensionMismatch(operation: "BLAS.spr: packed triangle for x of size \(n)",
                                     expected: n * (n + 1) / 2, actual: packed.count)
        }
        packed.withUnsafeMutableBufferPointer { triangle in
            switch x {
            case let .dense(x):
                x.values.withUnsafeBufferPointer { xs in
                    spr(n: n, alpha: alpha, x: xs, packed: triangle)
                }
            case let .sparse(x):
                x.indices.withUnsafeBufferPointer { indices in
                    x.values.withUnsafeBufferPointer { values in
                        for k in indices.indices {
                            let j = indices[k]
                            let columnStart = j * (j + 1) / 2
                            let factor = alpha * values[k]
                            for l in 0...k {
                                triangle[columnStart + indices[l]] += factor * values[l]
                            }
                        }
                    }
                }
            }
        }
    }

    /// `C := alpha * A * B + beta * C` for dense A and B (either possibly transposed) and a C that is
    /// not transposed (a programmer error otherwise, as in Spark). O(m × n × k), CBLAS dgemm.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if the shapes do not chain.
    public static func gemm(_ alpha: Double, _ a: DenseMatrix, _ b: DenseMatrix, _ beta: Double,
                            _ c: inout DenseMatrix) throws(LinearAlgebraError) {
        precondition(!c.isTransposed, "BLAS.gemm: C must not be transposed")
        guard a.numCols == b.numRows else {
            throw .dimensionMismatch(operation: "BLAS.gemm: rows of B against the columns of A",
                                     expected: a.numCols, actual: b.numRows)
        }
        guard c.numRows == a.numRows else {
            throw .dimensionMismatch(operation: "BLAS.gemm: rows of C against the rows of A",
                                     expected: a.numRows, actual: c.numRows)
        }
        guard c.numCols == b.numCols else {
            throw .dimensionMismatch(operation: "BLAS.gemm: columns of C against the columns of B",
                                     expected: b.numCols, actual: c.numCols)
        }
        let ldc = c.leadingDimension
        a.values.withUnsafeBufferPointer { aValues in
            b.values.withUnsafeBufferPointer { bValues in
                c.values.withUnsafeMutableBufferPointer { cValues in
                    gemm(transposeA: a.isTransposed, transposeB: b.isTransposed, m: a.numRows, n: b.numCols,
                         k: a.numCols, alpha: alpha, a: aValues, lda: a.leadingDimension, b: bValues,
                         ldb: b.leadingDimension, beta: beta, c: cValues, ldc: ldc)
                }
            }
        }
    }
}
