/// A dense matrix stored in column-major order, or row-major when `isTransposed` (Spark's
/// `DenseMatrix`): entry (i, j) is `values[i + j * numRows]`, or `values[j + i * numCols]` when
/// transposed, so that `transpose` costs O(1).
///
/// Equality compares the logical entries, whatever the storage order.
public struct DenseMatrix: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The number of rows.
    public let numRows: Int
    /// The number of columns.
    public let numCols: Int
    /// The entries, column-major (row-major when `isTransposed`), `numRows * numCols` of them.
    public internal(set) var values: [Double]
    /// Whether `values` holds the entries row-major (the matrix is the transpose of the column-major
    /// reading of `values`).
    public let isTransposed: Bool

    /// Creates a `numRows × numCols` matrix over `values` (column-major unless `isTransposed`). O(1).
    /// - Throws: `LinearAlgebraError.negativeSize`, or `.dimensionMismatch` if
    ///   `values.count != numRows * numCols`.
    public init(numRows: Int, numCols: Int, values: [Double], isTransposed: Bool = false) throws(LinearAlgebraError) {
        guard numRows >= 0 else { throw .negativeSize(numRows) }
        guard numCols >= 0 else { throw .negativeSize(numCols) }
        guard values.count == numRows * numCols else {
            throw .dimensionMismatch(operation: "DenseMatrix(\(numRows) × \(numCols)) values",
                                     expected: numRows * numCols, actual: values.count)
        }
        self.init(uncheckedRows: numRows, columns: numCols, values: values, isTransposed: isTransposed)
    }

    /// Creates a matrix whose shape the caller guarantees. O(1).
    init(uncheckedRows numRows: Int, columns numCols: Int, values: [Double], isTransposed: Bool = false) {
        self.numRows = numRows
        self.numCols = numCols
        self.values = values
        self.isTransposed = isTransposed
    }

    private enum CodingKeys: String, CodingKey {
        case numRows, numCols, values, isTransposed
    }

    /// Decodes the four fields and checks the shape as `init(numRows:numCols:values:isTransposed:)`.
    /// - Throws: `DecodingError.dataCorrupted` if the shape and the value count disagree.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        do {
            try self.init(numRows: try container.decode(Int.self, forKey: .numRows),
                          numCols: try container.decode(Int.self, forKey: .numCols),
                          values: try container.decode([Double].self, forKey: .values),
                          isTransposed: try container.decode(Bool.self, forKey: .isTransposed))
        } catch let error as LinearAlgebraError {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// The distance in `values` between two consecutive columns (rows when transposed): the
    /// leading dimension BLAS expects. O(1).
    @inlinable
    public var leadingDimension: Int { Swift.max(1, isTransposed ? numCols : numRows) }

    /// Entry (i, j); `i` in `0..<numRows`, `j` in `0..<numCols`. O(1).
    public subscript(i: Int, j: Int) -> Double {
        @inlinable get { values[storageIndex(i, j)] }
        set { values[storageIndex(i, j)] = newValue }
    }

    @inlinable
    func storageIndex(_ i: Int, _ j: Int) -> Int {
        precondition(i >= 0 && i < numRows && j >= 0 && j < numCols,
                     "entry (\(i), \(j)) out of bounds for a \(numRows) × \(numCols) matrix")
        return isTransposed ? j + i * numCols : i + j * numRows
    }

    /// The transposed matrix, sharing `values` with the storage order flipped. O(1).
    public var transpose: DenseMatrix {
        DenseMatrix(uncheckedRows: numCols, columns: numRows, values: values, isTransposed: !isTransposed)
    }

    /// The entries in column-major order. O(1) when not transposed, O(numRows × numCols) otherwise.
    public func toArray() -> [Double] {
        guard isTransposed else { return values }
        var array: [Double] = []
        array.reserveCapacity(values.count)
        for j in 0..<numCols {
            for i in 0..<numRows {
                array.append(values[j + i * numCols])
            }
        }
        return array
    }

    /// The product `A x` (gemv through CBLAS, or a loop over the active entries of a sparse `x`).
    /// O(numRows × numCols) dense, O(numRows × numActives) sparse.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if `x.size != numCols`.
    public func multiply(_ x: Vector) throws(LinearAlgebraError) -> DenseVector {
        var y = DenseVector([Double](repeating: 0, count: numRows))
        try BLAS.gemv(1, self, x, 0, &y)
        return y
    }

    /// The product `A B` (gemm through CBLAS). O(numRows × numCols × other.numCols).
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if `other.numRows != numCols`.
    public func multiply(_ other: DenseMatrix) throws(LinearAlgebraError) -> DenseMatrix {
        var product = Matrices.zeros(numRows, other.numCols)
        try BLAS.gemm(1, self, other, 0, &product)
        return product
    }

    /// Same shape and same logical entries, whatever the storage order. O(numRows × numCols).
    public static func == (lhs: DenseMatrix, rhs: DenseMatrix) -> Bool {
        guard lhs.numRows == rhs.numRows, lhs.numCols == rhs.numCols else { return false }
        if lhs.isTransposed == rhs.isTransposed { return lhs.values == rhs.values }
        return lhs.toArray() == rhs.toArray()
    }

    /// Hashes the shape and the entries in column-major order. O(numRows × numCols).
    public func hash(into hasher: inout Hasher) {
        hasher.combine(numRows)
        hasher.combine(numCols)
        for j in 0..<numCols {
            for i in 0..<numRows {
                hasher.combine(self[i, j])
            }
        }
    }

    /// One line per row, entries in Java's number format, right-aligned in columns two spaces apart
    /// (as Breeze prints Spark matrices, without truncation). O(numRows × numCols).
    public var description: String {
        let cells = (0..<numRows).map { i in (0..<numCols).map { j in self[i, j].javaDescription } }
        let widths = (0..<numCols).map { j in cells.map { $0[j].count }.max() ?? 0 }
        return cells.map { row in
            zip(row, widths).map { cell, width in
                String(repeating: " ", count: width - cell.count) + cell
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
