/// Factory methods for matrices, named as in Spark's `Matrices` object.
public enum Matrices {
    /// A `numRows × numCols` matrix over `values` in column-major order. O(1).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if `values.count != numRows * numCols`,
    ///   `.negativeSize`.
    public static func dense(_ numRows: Int, _ numCols: Int, _ values: [Double]) throws(LinearAlgebraError) -> DenseMatrix {
        try DenseMatrix(numRows: numRows, numCols: numCols, values: values)
    }

    /// A `numRows × numCols` matrix of zeros. O(numRows × numCols).
    public static func zeros(_ numRows: Int, _ numCols: Int) -> DenseMatrix {
        precondition(numRows >= 0 && numCols >= 0, "Matrices.zeros: negative size \(numRows) × \(numCols)")
        return DenseMatrix(uncheckedRows: numRows, columns: numCols,
                           values: [Double](repeating: 0, count: numRows * numCols))
    }

    /// The `n × n` identity matrix. O(n²).
    public static func eye(_ n: Int) -> DenseMatrix {
        var identity = zeros(n, n)
        for i in 0..<n {
            identity[i, i] = 1
        }
        return identity
    }
}
