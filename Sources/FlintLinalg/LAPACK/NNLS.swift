/// Non-negative least squares on the normal equations: minimises ½ xᵀ A x − bᵀ x subject to x ≥ 0
/// for a symmetric positive definite A (the Gram matrix AᵀA of a least-squares problem) and b (Aᵀb),
/// as Spark's `mllib.optimization.NNLS` does for ALS with `nonnegative = true`.
///
/// Spark runs a projected conjugate gradient to a tolerance; this uses the Lawson–Hanson active-set
/// method, which reaches the exact KKT point (up to rounding) in finitely many steps: each step adds
/// the coordinate with the largest positive negative-gradient to the free set, solves the
/// unconstrained problem there by Cholesky, and backs off along the segment when a coordinate would
/// turn negative.
public enum NNLS {
    /// The minimiser of ½ xᵀ `ata` x − `atb`ᵀ x over x ≥ 0, where `ata` is the full symmetric
    /// positive definite n × n matrix (column-major) and n = `atb.count`. O(n³) per active-set change,
    /// at most 3n changes (small n, as ALS ranks).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if `ata.count != n²`,
    ///   `.notPositiveDefinite(order:)` if `ata` is not positive definite.
    public static func solve(ata: [Double], atb: [Double]) throws(LinearAlgebraError) -> [Double] {
        let n = atb.count
        guard ata.count == n * n else {
            throw .dimensionMismatch(operation: "NNLS.solve: ata for atb of size \(n)", expected: n * n,
                                     actual: ata.count)
        }
        // Positive definiteness of the whole matrix makes every sub-problem solvable.
        _ = try CholeskyDecomposition(DenseMatrix(uncheckedRows: n, columns: n, values: ata), conditionThreshold: 0)

        var x = [Double](repeating: 0, count: n)
        var free = [Bool](repeating: false, count: n)
        for _ in 0..<(3 * n) {
            guard let entering = mostViolatedConstraint(ata: ata, atb: atb, x: x, free: free) else { break }
            free[entering] = true
            while true {
                let z = try solveOnFreeSet(ata: ata, atb: atb, free: free)
                // Back off to the last feasible point on the segment from x to z, if z leaves x ≥ 0.
                var step = 1.0
                var leaving: Int?
                for i in 0..<n where free[i] && z[i] <= 0 {
                    let ratio = x[i] / (x[i] - z[i])
                    if ratio < step {
                        step = ratio
                        leaving = i
                    }
                }
                guard let leaving else {
                    x = z
                    break
                }
                for i in 0..<n where free[i] {
                    x[i] += step * (z[i] - x[i])
                    if i == leaving || x[i] <= 0 {
                        x[i] = 0
                        free[i] = false
                    }
                }
            }
        }
        return x
    }

    /// The bound coordinate whose negative gradient (b − A x)ᵢ is the largest positive one, beyond
    /// its rounding error, or `nil` at a KKT point.
    private static func mostViolatedConstraint(ata: [Double], atb: [Double], x: [Double], free: [Bool]) -> Int? {
        let n = atb.count
        var best: Int?
        var bestValue = 0.0
        for i in 0..<n where !free[i] {
            var negativeGradient = atb[i]
            var magnitude = abs(atb[i])
            for j in 0..<n where x[j] != 0 {
                let term = ata[i + j * n] * x[j]
                negativeGradient -= term
                magnitude += abs(term)
            }
            let roundingError = 16 * Double(n) * .ulpOfOne * magnitude
            if negativeGradient > roundingError, negativeGradient > bestValue {
                best = i
                bestValue = negativeGradient
            }
        }
        return best
    }

    /// The minimiser over the free coordinates with the bound ones held at zero (zeros there).
    private static func solveOnFreeSet(ata: [Double], atb: [Double], free: [Bool]) throws(LinearAlgebraError) -> [Double] {
        let n = atb.count
        let freeIndices = (0..<n).filter { free[$0] }
        var subMatrix: [Double] = []
        subMatrix.reserveCapacity(freeIndices.count * freeIndices.count)
        for j in freeIndices {
            for i in freeIndices {
                subMatrix.append(ata[i + j * n])
            }
        }
        let subSolution = try CholeskyDecomposition(
            DenseMatrix(uncheckedRows: freeIndices.count, columns: freeIndices.count, values: subMatrix),
            conditionThreshold: 0
        ).solve(freeIndices.map { atb[$0] })
        var solution = [Double](repeating: 0, count: n)
        for (k, i) in freeIndices.enumerated() {
            solution[i] = subSolution[k]
        }
        return solution
    }
}
