import CBLAS

/// Level-1 BLAS on contiguous `Double` arrays through OpenBLAS (CBLAS). Each call costs one C
/// call plus O(n) work; lengths are checked (a mismatch is a programmer error).
public enum BLAS {
    /// The dot product `x · y`.
    public static func dot(_ x: [Double], _ y: [Double]) -> Double {
        precondition(x.count == y.count, "dot: lengths \(x.count) and \(y.count) differ")
        return cblas_ddot(Int32(x.count), x, 1, y, 1)
    }

    /// `y += alpha * x`.
    public static func axpy(_ alpha: Double, _ x: [Double], _ y: inout [Double]) {
        precondition(x.count == y.count, "axpy: lengths \(x.count) and \(y.count) differ")
        cblas_daxpy(Int32(x.count), alpha, x, 1, &y, 1)
    }
}
