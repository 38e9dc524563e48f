import CBLAS

/// BLAS routines for Flint's vectors and matrices, through OpenBLAS (CBLAS), with Spark's names and
/// semantics (`org.apache.spark.ml.linalg.BLAS`). Sparse operands are handled by loops over the
/// active entries.
///
/// Three layers: `Vector` / `DenseMatrix` entry points throw `LinearAlgebraError.dimensionMismatch`
/// when user data does not fit; `[Double]` entry points treat a length mismatch as a programmer error
/// (precondition); raw-buffer entry points (`BLAS+Buffers.swift`) take explicit counts, strides and
/// leading dimensions for hot loops.
public enum BLAS {
    // MARK: Level 1 on arrays

    /// The dot product `x · y` of two arrays of the same length. O(n), one CBLAS call.
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "BLAS.dot: lengths \(x.count) and \(y.count) differ")
        return cblas_ddot(Int32(x.count), x, 1, y, 1)
    }

    /// `y += alpha * x` on two arrays of the same length. O(n), one CBLAS call.
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count, "BLAS.axpy: lengths \(x.count) and \(y.count) differ")
        cblas_daxpy(Int32(x.count), alpha, x, 1, &y, 1)
    }

    /// `x *= alpha`. O(n), one CBLAS call.
    public static func scal(_ alpha: Double, _ x: inout [Double]) {
        cblas_dscal(Int32(x.count), alpha, &x, 1)
    }

    /// The Euclidean norm `‖x‖₂`, computed without overflow. O(n), one CBLAS call.
    public static func nrm2(_ x: [Double]) -> Double {
        cblas_dnrm2(Int32(x.count), x, 1)
    }

    // MARK: Level 1 on vectors

    /// The dot product `x · y` for any mix of dense and sparse vectors. O(n) dense·dense (CBLAS),
    /// O(numActives) sparse·dense, O(numActives of both) sparse·sparse.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if the sizes differ.
    public static func dot(_ x: Vector, _ y: Vector) throws(LinearAlgebraError) -> Double {
        guard x.size == y.size else {
            throw .dimensionMismatch(operation: "BLAS.dot", expected: x.size, actual: y.size)
        }
        switch (x, y) {
        case let (.dense(x), .dense(y)):
            return dot(x.values, y.values)
        case let (.sparse(x), .dense(y)), let (.dense(y), .sparse(x)):
            return y.values.withUnsafeBufferPointer { ys in
                var sum = 0.0
                x.forEachActive { index, value in sum += value * ys[index] }
                return sum
            }
        case let (.sparse(x), .sparse(y)):
            var sum = 0.0
            var kx = 0
            var ky = 0
            while kx < x.indices.count, ky < y.indices.count {
                if x.indices[kx] < y.indices[ky] {
                    kx += 1
                } else if y.indices[ky] < x.indices[kx] {
                    ky += 1
                } else {
                    sum += x.values[kx] * y.values[ky]
                    kx += 1
                    ky += 1
                }
            }
            return sum
        }
    }

    /// `y += alpha * x` for a dense or sparse `x` and a dense `y`. O(n) dense (CBLAS),
    /// O(numActives) sparse.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if the sizes differ.
    public static func axpy(_ alpha: Double, _ x: Vector, _ y: inout DenseVector) throws(LinearAlgebraError) {
        guard x.size == y.size else {
            throw .dimensionMismatch(operation: "BLAS.axpy", expected: x.size, actual: y.size)
        }
        switch x {
        case let .dense(x):
            axpy(alpha, x.values, &y.values)
        case let .sparse(x):
            y.values.withUnsafeMutableBufferPointer { ys in
                x.forEachActive { index, value in ys[index] += alpha * value }
            }
        }
    }

    /// `x *= alpha`. O(n), one CBLAS call.
    public static func scal(_ alpha: Double, _ x: inout DenseVector) {
        scal(alpha, &x.values)
    }

    /// `x *= alpha` (the stored values only). O(numActives), one CBLAS call.
    public static func scal(_ alpha: Double, _ x: inout SparseVector) {
        scal(alpha, &x.values)
    }

    /// `y = x`, densifying a sparse `x`. O(n).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if the sizes differ.
    public static func copy(_ x: Vector, _ y: inout DenseVector) throws(LinearAlgebraError) {
        guard x.size == y.size else {
            throw .dimensionMismatch(operation: "BLAS.copy", expected: x.size, actual: y.size)
        }
        y.values = x.toArray()
    }

    /// The Euclidean norm of the stored values (implicit zeros add nothing). O(numActives), CBLAS.
    public static func nrm2(_ x: Vector) -> Double {
        switch x {
        case let .dense(x): return nrm2(x.values)
        case let .sparse(x): return nrm2(x.values)
        }
    }

    /// The sum of absolute values of the stored values. O(numActives), one CBLAS call.
    public static func asum(_ x: Vector) -> Double {
        switch x {
        case let .dense(x): return cblas_dasum(Int32(x.size), x.values, 1)
        case let .sparse(x): return cblas_dasum(Int32(x.numActives), x.values, 1)
        }
    }
}
