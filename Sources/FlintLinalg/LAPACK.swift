import CLAPACKE

/// Errors of dense solvers.
public enum LinearAlgebraError: Error, CustomStringConvertible, Equatable {
    /// The matrix is not symmetric positive definite (Cholesky failed at `pivot`).
    case notPositiveDefinite(pivot: Int)
    /// Dimensions do not fit.
    case dimensionMismatch(String)

    public var description: String {
        switch self {
        case let .notPositiveDefinite(pivot):
            return "matrix is not positive definite: the leading minor of order \(pivot) is not positive"
        case let .dimensionMismatch(message):
            return message
        }
    }
}

/// Dense factorisations and solves through LAPACKE.
public enum LAPACK {
    /// Solves `A x = b` for a symmetric positive definite `n × n` matrix `A` (column-major) by
    /// Cholesky factorisation (dposv). Cost: n³/3 flops.
    /// - Throws: `LinearAlgebraError.notPositiveDefinite` or `.dimensionMismatch`.
    public static func solvePositiveDefinite(_ a: [Double], _ b: [Double]) throws -> [Double] {
        let n = b.count
        guard a.count == n * n else {
            throw LinearAlgebraError.dimensionMismatch("matrix has \(a.count) entries, expected \(n)×\(n)")
        }
        var matrix = a
        var solution = b
        let info = LAPACKE_dposv(LAPACK_COL_MAJOR, CChar(UInt8(ascii: "U")), Int32(n), 1, &matrix, Int32(n),
                                 &solution, Int32(n))
        if info > 0 { throw LinearAlgebraError.notPositiveDefinite(pivot: Int(info)) }
        precondition(info == 0, "dposv: invalid argument \(-info)")
        return solution
    }
}
