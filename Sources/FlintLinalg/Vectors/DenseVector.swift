/// A dense vector: one `Double` per coordinate, stored contiguously (Spark's `DenseVector`).
///
/// Equality and hashing follow Spark: a dense and a sparse vector with the same size and the same
/// nonzero entries are equal (compare through ``Vector``), and explicit zeros do not matter.
public struct DenseVector: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The coordinates, one per index.
    public var values: [Double]

    /// Creates a vector holding `values`. O(1): the array is shared copy-on-write.
    @inlinable
    public init(_ values: [Double]) {
        self.values = values
    }

    /// The number of coordinates. O(1).
    @inlinable
    public var size: Int { values.count }

    /// The coordinate at index `i`, which must be in `0..<size`. O(1).
    @inlinable
    public subscript(i: Int) -> Double {
        get { values[i] }
        set { values[i] = newValue }
    }

    /// The number of stored entries, which for a dense vector is `size`. O(1).
    @inlinable
    public var numActives: Int { values.count }

    /// The number of entries different from zero. O(size).
    public var numNonzeros: Int {
        values.reduce(0) { $1 != 0 ? $0 + 1 : $0 }
    }

    /// Calls `body` with every `(index, value)` pair, zeros included, in increasing index order.
    /// O(size); inlinable so that the loop specialises in the caller.
    @inlinable
    public func forEachActive(_ body: (_ index: Int, _ value: Double) throws -> Void) rethrows {
        try values.withUnsafeBufferPointer { buffer in
            for index in buffer.indices {
                try body(index, buffer[index])
            }
        }
    }

    /// The coordinates as an array. O(1) (shared copy-on-write).
    @inlinable
    public func toArray() -> [Double] { values }

    /// This vector. O(1).
    @inlinable
    public var toDense: DenseVector { self }

    /// The same vector in sparse form, without explicit zeros. O(size).
    public var toSparse: SparseVector {
        var indices: [Int] = []
        var nonzeroValues: [Double] = []
        for (index, value) in nonzeroEntries {
            indices.append(index)
            nonzeroValues.append(value)
        }
        return SparseVector(uncheckedSize: size, indices: indices, values: nonzeroValues)
    }

    /// The index of the first maximal entry, or -1 for an empty vector. O(size).
    public var argmax: Int {
        guard var best = values.first else { return -1 }
        var bestIndex = 0
        for index in values.indices.dropFirst() where values[index] > best {
            best = values[index]
            bestIndex = index
        }
        return bestIndex
    }

    /// The p-norm (Spark's `Vectors.norm`): p = 1, 2, ∞ or any finite p ≥ 1. O(size).
    public func norm(_ p: Double) -> Double {
        Vectors.norm(of: values, p)
    }

    var nonzeroEntries: NonzeroEntries { NonzeroEntries(indices: nil, values: values) }

    /// Spark's vector equality: same size, same nonzero entries. O(size).
    public static func == (lhs: DenseVector, rhs: DenseVector) -> Bool {
        NonzeroEntries.equal(size: lhs.size, lhs.nonzeroEntries, size: rhs.size, rhs.nonzeroEntries)
    }

    /// Hashes the size and the first 128 nonzero entries, as Spark does. O(size) at worst.
    public func hash(into hasher: inout Hasher) {
        nonzeroEntries.hash(size: size, into: &hasher)
    }

    /// Spark's text form, `[1.0,2.0]`, with Java's number format. O(size).
    public var description: String { values.javaListDescription }
}
