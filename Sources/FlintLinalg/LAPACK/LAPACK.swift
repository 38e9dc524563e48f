import CLAPACKE

/// Dense solves through LAPACKE. Factorisations that are reused live in their own types
/// (`CholeskyDecomposition`); these are the one-shot entry points.
public enum LAPACK {
    /// Solves A x = b for a symmetric positive definite A (its upper triangle is read) by Cholesky
    /// factorisation. O(n³/3).
    /// - Throws: as `CholeskyDecomposition.init(_:conditionThreshold:)` and `solve(_:)`.
    public static func solvePositiveDefinite(_ a: DenseMatrix, _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        try CholeskyDecomposition(a).solve(b)
    }

    /// Solves A x = b for a symmetric positive definite A given as its packed upper triangle (Spark's
    /// `CholeskyDecomposition.solve` on the normal equations, LAPACK dppsv); the order is `b.count`.
    /// O(n³/3).
    /// - Throws: as `CholeskyDecomposition.init(packedUpperTriangular:order:conditionThreshold:)`.
    public static func solvePositiveDefinite(packedUpperTriangular packed: [Double], _ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        try CholeskyDecomposition(packedUpperTriangular: packed, order: b.count).solve(b)
    }

    /// Solves A x = b in place for a symmetric positive definite `n × n` A (column-major, its upper
    /// triangle read, overwritten by the Cholesky factor) and b (overwritten by x), without
    /// allocating: for many small systems, such as ALS's one per user or item (LAPACK dposv, no
    /// NaN scan of the input). O(n³/3).
    /// - Throws: `LinearAlgebraError.notPositiveDefinite(order:)` naming the first leading minor
    ///   that is not positive; `.dimensionMismatch` if the buffers do not hold n² and n values.
    public static func solvePositiveDefinite(order n: Int, matrix: UnsafeMutableBufferPointer<Double>,
                                             rhs: UnsafeMutableBufferPointer<Double>) throws(LinearAlgebraError) {
        guard matrix.count >= n * n, rhs.count >= n else {
            throw .dimensionMismatch(operation: "LAPACK.solvePositiveDefinite: buffers of order \(n)", expected: n * n,
                                     actual: matrix.count)
        }
        guard n > 0 else { return }
        let leading = Int32(n)
        let info = LAPACKE_dposv_work(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), leading, 1, matrix.baseAddress, leading,
                                      rhs.baseAddress, leading)
        checkArguments(info, "dposv")
        guard info == 0 else { throw .notPositiveDefinite(order: Int(info)) }
    }

    /// The least-squares solution of A x ≈ b, minimising ‖A x − b‖₂, for an `m × n` matrix A of full
    /// column rank with m ≥ n, by QR factorisation (dgels). The reciprocal condition number of the
    /// triangular factor R (which equals A's in the 2-norm, here estimated in the 1-norm by dtrcon) must
    /// be at least `conditionThreshold` (machine epsilon by default). O(m n²).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if `b.count != m` or m < n,
    ///   `.singular(column:)` if A is exactly rank deficient, `.illConditioned` if nearly so.
    public static func solveLeastSquares(_ a: DenseMatrix, _ b: [Double],
                                         conditionThreshold: Double = CholeskyDecomposition.defaultConditionThreshold)
        throws(LinearAlgebraError) -> [Double] {
        let m = a.numRows
        let n = a.numCols
        guard b.count == m else {
            throw .dimensionMismatch(operation: "LAPACK.solveLeastSquares: b against the rows of A", expected: m,
                                     actual: b.count)
        }
        guard m >= n else {
            throw .dimensionMismatch(operation: "LAPACK.solveLeastSquares: A needs at least as many rows as columns",
                                     expected: n, actual: m)
        }
        guard n > 0 else { return [] }
        var matrix = a.toArray()
        var rhs = b
        let leading = Int32(max(1, m))
        let info = LAPACKE_dgels(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "N")), Int32(m), Int32(n), 1, &matrix, leading,
                                 &rhs, leading)
        checkArguments(info, "dgels")
        guard info == 0 else { throw .singular(column: Int(info) - 1) }

        var estimate = 0.0
        let conditionInfo = LAPACKE_dtrcon(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "1")), CChar(UInt8(ascii: "U")),
                                           CChar(UInt8(ascii: "N")), Int32(n), matrix, leading, &estimate)
        checkArguments(conditionInfo, "dtrcon")
        guard estimate >= conditionThreshold else {
            throw .illConditioned(reciprocalConditionNumber: estimate, threshold: conditionThreshold)
        }
        return Array(rhs.prefix(n))
    }

    /// Traps when LAPACK reports an invalid argument (a negative `info`): a bug in this module.
    static func checkArguments(_ info: Int32, _ routine: StaticString) {
        precondition(info >= 0, "\(routine): invalid argument \(-info)")
    }
}
