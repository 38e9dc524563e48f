import CLAPACKE

/// The Cholesky factorisation A = UᵀU of a symmetric positive definite matrix, given in full
/// (column-major `n × n`) or packed (the upper triangle column by column, Spark's layout for the
/// normal equations AᵀA), through LAPACKE (dpotrf / dpptrf).
///
/// After factorising, the reciprocal condition number of A in the 1-norm is estimated (dpocon /
/// dppcon, O(n²)) and the factorisation is refused when it falls below `conditionThreshold`: by
/// default machine epsilon (≈ 2.2 × 10⁻¹⁶), the test LAPACK's expert drivers use to report a matrix
/// "singular to working precision". A threshold of 0 skips the estimate.
public struct CholeskyDecomposition: Sendable {
    /// How a symmetric matrix and its factor are laid out.
    public enum Storage: Hashable, Sendable {
        /// `n × n` column-major; only the upper triangle is read.
        case full
        /// The upper triangle packed column by column: entry (i, j), i ≤ j, at `i + j (j + 1) / 2`,
        /// `n (n + 1) / 2` entries (as Spark's `BLAS.spr` and `CholeskyDecomposition` use).
        case packedUpperTriangular
    }

    /// Machine epsilon: the default smallest accepted reciprocal condition number.
    public static let defaultConditionThreshold = Double.ulpOfOne

    /// The order n of the matrix.
    public let order: Int
    /// The layout of the matrix that was factorised and of `factor`.
    public let storage: Storage
    /// The upper-triangular factor U (A = UᵀU), laid out as `storage`; in full storage the strict
    /// lower triangle holds leftovers of A.
    public let factor: [Double]
    /// The estimated reciprocal condition number of A in the 1-norm, or `nil` when the estimate was
    /// skipped (threshold 0).
    public let reciprocalConditionNumber: Double?

    /// Factorises the symmetric positive definite `matrix`, reading its upper triangle. O(n³/3).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if `matrix` is not square,
    ///   `.notPositiveDefinite(order:)` naming the first leading minor that is not positive,
    ///   `.illConditioned` if the reciprocal condition number is below `conditionThreshold`.
    public init(_ matrix: DenseMatrix, conditionThreshold: Double = defaultConditionThreshold) throws(LinearAlgebraError) {
        guard matrix.numRows == matrix.numCols else {
            throw .dimensionMismatch(operation: "CholeskyDecomposition: the matrix must be square",
                                     expected: matrix.numRows, actual: matrix.numCols)
        }
        try self.init(order: matrix.numRows, storage: .full, matrix: matrix.values,
                      conditionThreshold: conditionThreshold)
    }

    /// Factorises the symmetric positive definite matrix of order `order` whose upper triangle
    /// `packed` holds column by column (Spark's packed AᵀA). O(n³/3).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if `packed.count != order (order + 1) / 2`,
    ///   `.notPositiveDefinite(order:)`, `.illConditioned`, as `init(_:conditionThreshold:)`.
    public init(packedUpperTriangular packed: [Double], order: Int,
                conditionThreshold: Double = defaultConditionThreshold) throws(LinearAlgebraError) {
        guard order >= 0 else { throw .negativeSize(order) }
        guard packed.count == order * (order + 1) / 2 else {
            throw .dimensionMismatch(operation: "CholeskyDecomposition: packed upper triangle of order \(order)",
                                     expected: order * (order + 1) / 2, actual: packed.count)
        }
        try self.init(order: order, storage: .packedUpperTriangular, matrix: packed,
                      conditionThreshold: conditionThreshold)
    }

    private init(order n: Int, storage: Storage, matrix: [Double], conditionThreshold: Double) throws(LinearAlgebraError) {
        precondition(conditionThreshold >= 0, "CholeskyDecomposition: negative condition threshold \(conditionThreshold)")
        let offset: (Int, Int) -> Int = storage == .full ? { i, j in i + j * n } : { i, j in i + j * (j + 1) / 2 }
        let norm = conditionThreshold > 0 ? Self.symmetricOneNorm(matrix, order: n, offset: offset) : 0
        var factor = matrix
        let upper = CChar(UInt8(ascii: "U"))
        let leading = Int32(max(1, n))
        let info = storage == .full
            ? LAPACKE_dpotrf(LAPACK_COL_MAJOR, upper, Int32(n), &factor, leading)
            : LAPACKE_dpptrf(LAPACK_COL_MAJOR, upper, Int32(n), &factor)
        LAPACK.checkArguments(info, "dpotrf/dpptrf")
        guard info == 0 else { throw .notPositiveDefinite(order: Int(info)) }

        var reciprocalCondition: Double?
        if conditionThreshold > 0, n > 0 {
            var estimate = 0.0
            let conditionInfo = storage == .full
                ? LAPACKE_dpocon(LAPACK_COL_MAJOR, upper, Int32(n), factor, leading, norm, &estimate)
                : LAPACKE_dppcon(LAPACK_COL_MAJOR, upper, Int32(n), factor, norm, &estimate)
            LAPACK.checkArguments(conditionInfo, "dpocon/dppcon")
            guard estimate >= conditionThreshold else {
                throw .illConditioned(reciprocalConditionNumber: estimate, threshold: conditionThreshold)
            }
            reciprocalCondition = estimate
        }
        self.order = n
        self.storage = storage
        self.factor = factor
        self.reciprocalConditionNumber = reciprocalCondition
    }

    /// Solves A x = b with the factor (dpotrs / dpptrs). O(n²).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if `b.count != order`.
    public func solve(_ b: [Double]) throws(LinearAlgebraError) -> [Double] {
        guard b.count == order else {
            throw .dimensionMismatch(operation: "CholeskyDecomposition.solve: right-hand side", expected: order,
                                     actual: b.count)
        }
        var solution = b
        let upper = CChar(UInt8(ascii: "U"))
        let leading = Int32(max(1, order))
        let info = storage == .full
            ? LAPACKE_dpotrs(LAPACK_COL_MAJOR, upper, Int32(order), 1, factor, leading, &solution, leading)
            : LAPACKE_dpptrs(LAPACK_COL_MAJOR, upper, Int32(order), 1, factor, &solution, leading)
        LAPACK.checkArguments(info, "dpotrs/dpptrs")
        return solution
    }

    /// The inverse A⁻¹ (dpotri / dpptri), laid out as `storage`: the full symmetric `n × n` matrix
    /// column-major, or its packed upper triangle (what Spark uses for coefficient standard errors:
    /// the diagonal entry (j, j) sits at `j + j (j + 1) / 2`). O(n³).
    public func inverse() -> [Double] {
        var inverse = factor
        let upper = CChar(UInt8(ascii: "U"))
        let n = order
        let info = storage == .full
            ? LAPACKE_dpotri(LAPACK_COL_MAJOR, upper, Int32(n), &inverse, Int32(max(1, n)))
            : LAPACKE_dpptri(LAPACK_COL_MAJOR, upper, Int32(n), &inverse)
        LAPACK.checkArguments(info, "dpotri/dpptri")
        precondition(info == 0, "dpotri/dpptri: zero on the diagonal of a successful Cholesky factor")
        if storage == .full {
            for j in 0..<n {
                for i in (j + 1)..<n {
                    inverse[i + j * n] = inverse[j + i * n]
                }
            }
        }
        return inverse
    }

    /// The 1-norm (largest absolute column sum) of the symmetric matrix whose upper-triangle entry
    /// (i, j), i ≤ j, is at `offset(i, j)`. O(n²).
    private static func symmetricOneNorm(_ matrix: [Double], order n: Int, offset: (Int, Int) -> Int) -> Double {
        var columnSums = [Double](repeating: 0, count: n)
        for j in 0..<n {
            for i in 0...j {
                let magnitude = abs(matrix[offset(i, j)])
                columnSums[j] += magnitude
                if i != j { columnSums[i] += magnitude }
            }
        }
        return columnSums.max() ?? 0
    }
}
