import CBLAS

/// Raw-buffer entry points for hot loops (FlintML's aggregators, k-means distances): CBLAS calls on
/// contiguous buffers with explicit counts, strides and leading dimensions, matrices column-major.
/// Each checks with a precondition that the buffers are long enough, then makes one CBLAS call.
extension BLAS {
    /// `x · y` over `n` elements taken every `incX` / `incY` positions. O(n).
    public static func dot(n: Int, x: UnsafeBufferPointer<Double>, incX: Int = 1,
                           y: UnsafeBufferPointer<Double>, incY: Int = 1) -> Double {
        checkVector(x.count, n: n, increment: incX, "dot: x")
        checkVector(y.count, n: n, increment: incY, "dot: y")
        return cblas_ddot(Int32(n), x.baseAddress, Int32(incX), y.baseAddress, Int32(incY))
    }

    /// `y += alpha * x` over `n` elements with strides `incX` / `incY`. O(n).
    public static func axpy(n: Int, alpha: Double, x: UnsafeBufferPointer<Double>, incX: Int = 1,
                            y: UnsafeMutableBufferPointer<Double>, incY: Int = 1) {
        checkVector(x.count, n: n, increment: incX, "axpy: x")
        checkVector(y.count, n: n, increment: incY, "axpy: y")
        cblas_daxpy(Int32(n), alpha, x.baseAddress, Int32(incX), y.baseAddress, Int32(incY))
    }

    /// `x *= alpha` over `n` elements with stride `incX`. O(n).
    public static func scal(n: Int, alpha: Double, x: UnsafeMutableBufferPointer<Double>, incX: Int = 1) {
        checkVector(x.count, n: n, increment: incX, "scal: x")
        cblas_dscal(Int32(n), alpha, x.baseAddress, Int32(incX))
    }

    /// The Euclidean norm of `n` elements with stride `incX`. O(n).
    public static func nrm2(n: Int, x: UnsafeBufferPointer<Double>, incX: Int = 1) -> Double {
        checkVector(x.count, n: n, increment: incX, "nrm2: x")
        return cblas_dnrm2(Int32(n), x.baseAddress, Int32(incX))
    }

    /// `y := alpha * op(A) * x + beta * y`, where `a` holds an `m × n` column-major matrix A with
    /// leading dimension `lda` and op(A) is A or Aᵀ (then x has m elements and y n). When `beta` is 0,
    /// y need not be initialised. O(m × n).
    public static func gemv(transposeA: Bool = false, m: Int, n: Int, alpha: Double,
                            a: UnsafeBufferPointer<Double>, lda: Int,
                            x: UnsafeBufferPointer<Double>, incX: Int = 1, beta: Double,
                            y: UnsafeMutableBufferPointer<Double>, incY: Int = 1) {
        checkMatrix(a.count, rows: m, columns: n, leadingDimension: lda, "gemv: A")
        checkVector(x.count, n: transposeA ? m : n, increment: incX, "gemv: x")
        checkVector(y.count, n: transposeA ? n : m, increment: incY, "gemv: y")
        cblas_dgemv(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, Int32(m), Int32(n), alpha,
                    a.baseAddress, Int32(lda), x.baseAddress, Int32(incX), beta, y.baseAddress, Int32(incY))
    }

    /// `C := alpha * op(A) * op(B) + beta * C` on column-major buffers: op(A) is `m × k`, op(B) is
    /// `k × n`, C is `m × n`; `a` stores A (`m × k`, or `k × m` when `transposeA`) with leading
    /// dimension `lda`, likewise `b` and `c`. When `beta` is 0, C need not be initialised.
    /// O(m × n × k), multithreaded by OpenBLAS.
    ///
    /// For k-means, with points as the columns of X (`d × p`) and centers as the columns of Y
    /// (`d × c`), `gemm(transposeA: true, m: p, n: c, k: d, alpha: -2, a: X, lda: d, b: Y, ldb: d,
    /// beta: 0, c: D, ldc: p)` gives −2 xᵢ·cⱼ, to which adding ‖xᵢ‖² and ‖cⱼ‖² gives the squared distances.
    public static func gemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                            alpha: Double, a: UnsafeBufferPointer<Double>, lda: Int,
                            b: UnsafeBufferPointer<Double>, ldb: Int, beta: Double,
                            c: UnsafeMutableBufferPointer<Double>, ldc: Int) {
        checkGEMM(a.count, b.count, c.count, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                  lda: lda, ldb: ldb, ldc: ldc, "gemm")
        cblas_dgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a.baseAddress, Int32(lda), b.baseAddress, Int32(ldb),
                    beta, c.baseAddress, Int32(ldc))
    }

    /// `U += alpha * x * xᵀ` on the upper triangle of an `n × n` symmetric matrix packed column by
    /// column (Spark's layout: entry (i, j), i ≤ j, at `i + j (j + 1) / 2`; `n (n + 1) / 2` entries).
    /// O(n²).
    public static func spr(n: Int, alpha: Double, x: UnsafeBufferPointer<Double>, incX: Int = 1,
                           packed: UnsafeMutableBufferPointer<Double>) {
        checkVector(x.count, n: n, increment: incX, "spr: x")
        precondition(packed.count >= n * (n + 1) / 2,
                     "spr: the packed triangle needs \(n * (n + 1) / 2) entries, has \(packed.count)")
        cblas_dspr(CblasColMajor, CblasUpper, Int32(n), alpha, x.baseAddress, Int32(incX), packed.baseAddress)
    }

    /// `C = alpha * A Aᵀ + beta * C` (or `alpha * Aᵀ A + beta * C` when `transposeA`) on the upper
    /// triangle of the `n × n` column-major C; A is `n × k` (`k × n` when `transposeA`) column-major
    /// with leading dimension `lda`. For k vectors of length n stored one after another (lda = n),
    /// `transposeA: false` gives C = alpha · Σ xᵢ xᵢᵀ. The strict lower triangle of C is not touched.
    /// O(n² k): the Gram matrix of k vectors in one level-3 call, the blocked form of k `spr` updates.
    public static func syrk(transposeA: Bool, n: Int, k: Int, alpha: Double, a: UnsafeBufferPointer<Double>, lda: Int,
                            beta: Double, c: UnsafeMutableBufferPointer<Double>, ldc: Int) {
        checkMatrix(a.count, rows: transposeA ? k : n, columns: transposeA ? n : k, leadingDimension: lda, "syrk: A")
        checkMatrix(c.count, rows: n, columns: n, leadingDimension: ldc, "syrk: C")
        cblas_dsyrk(CblasColMajor, CblasUpper, transposeA ? CblasTrans : CblasNoTrans, Int32(n), Int32(k), alpha,
                    a.baseAddress, Int32(lda), beta, c.baseAddress, Int32(ldc))
    }

    static func checkVector(_ count: Int, n: Int, increment: Int, _ name: StaticString) {
        precondition(n >= 0 && increment != 0, "\(name): invalid count \(n) or stride \(increment)")
        precondition(n == 0 || (n - 1) * abs(increment) < count,
                     "\(name): \(n) elements with stride \(increment) overrun a buffer of \(count)")
    }

    /// Checks the shapes of a GEMM's A, B and C against their buffers (`name` in the message).
    static func checkGEMM(_ aCount: Int, _ bCount: Int, _ cCount: Int, transposeA: Bool, transposeB: Bool,
                          m: Int, n: Int, k: Int, lda: Int, ldb: Int, ldc: Int, _ name: String) {
        checkMatrix(aCount, rows: transposeA ? k : m, columns: transposeA ? m : k, leadingDimension: lda, "\(name): A")
        checkMatrix(bCount, rows: transposeB ? n : k, columns: transposeB ? k : n, leadingDimension: ldb, "\(name): B")
        checkMatrix(cCount, rows: m, columns: n, leadingDimension: ldc, "\(name): C")
    }

    static func checkMatrix(_ count: Int, rows: Int, columns: Int, leadingDimension: Int,
                                    _ name: String) {
        precondition(rows >= 0 && columns >= 0 && leadingDimension >= max(1, rows),
                     "\(name): invalid shape \(rows) × \(columns) with leading dimension \(leadingDimension)")
        precondition(rows == 0 || columns == 0 || (columns - 1) * leadingDimension + rows <= count,
                     "\(name): a \(rows) × \(columns) matrix with leading dimension \(leadingDimension) "
                         + "overruns a buffer of \(count)")
    }
}
