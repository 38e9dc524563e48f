import CBLAS

/// Single-precision raw-buffer entry points, for data kept as `Float` (ALS factors, as Spark's):
/// one CBLAS call each, on column-major buffers, with the same checks as the double ones.
extension BLAS {
    /// `C := alpha * op(A) * op(B) + beta * C` in single precision (`sgemm`): op(A) is `m × k`,
    /// op(B) is `k × n`, C is `m × n`, all column-major; `a` stores A (`m × k`, or `k × m` when
    /// `transposeA`) with leading dimension `lda`, likewise `b` and `c`. When `beta` is 0, C need
    /// not be initialised. O(m × n × k), twice the throughput and half the memory of `dgemm`.
    ///
    /// For ALS scores, with the factors of n items stored id after id (the column-major
    /// `rank × n` matrix Y, lda = rank) and those of m users likewise (X, `rank × m`),
    /// `gemm(transposeA: true, m: n, n: m, k: rank, alpha: 1, a: Y, lda: rank, b: X, ldb: rank,
    /// beta: 0, c: S, ldc: n)` puts user j's scores of all n items in column j of S.
    public static func gemm(transposeA: Bool = false, transposeB: Bool = false, m: Int, n: Int, k: Int,
                            alpha: Float, a: UnsafeBufferPointer<Float>, lda: Int,
                            b: UnsafeBufferPointer<Float>, ldb: Int, beta: Float,
                            c: UnsafeMutableBufferPointer<Float>, ldc: Int) {
        checkGEMM(a.count, b.count, c.count, transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                  lda: lda, ldb: ldb, ldc: ldc, "sgemm")
        cblas_sgemm(CblasColMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a.baseAddress, Int32(lda), b.baseAddress, Int32(ldb),
                    beta, c.baseAddress, Int32(ldc))
    }
}
