/// A sparse vector: the size, the strictly increasing indices of the stored ("active") entries and
/// their values; every other coordinate is zero (Spark's `SparseVector`).
///
/// The invariants (`indices.count == values.count`, indices strictly increasing in `0..<size`) are
/// checked when the vector is created or decoded.
public struct SparseVector: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The number of coordinates.
    public let size: Int
    /// The indices of the stored entries, strictly increasing, in `0..<size`.
    public let indices: [Int]
    /// The stored values, `values[k]` at coordinate `indices[k]`.
    public internal(set) var values: [Double]

    /// Creates a sparse vector after checking its invariants. O(indices.count).
    /// - Throws: `LinearAlgebraError.negativeSize`, `.dimensionMismatch` (indices and values of
    ///   different lengths), `.indexOutOfBounds` or `.indicesNotIncreasing`, naming the bad index.
    public init(size: Int, indices: [Int], values: [Double]) throws(LinearAlgebraError) {
        guard size >= 0 else { throw .negativeSize(size) }
        guard indices.count == values.count else {
            throw .dimensionMismatch(operation: "SparseVector: values for \(indices.count) indices",
                                     expected: indices.count, actual: values.count)
        }
        var previous = -1
        for (position, index) in indices.enumerated() {
            guard index >= 0, index < size else {
                throw .indexOutOfBounds(index: index, position: position, size: size)
            }
            guard index > previous else {
                throw .indicesNotIncreasing(index: index, position: position, previous: previous)
            }
            previous = index
        }
        self.init(uncheckedSize: size, indices: indices, values: values)
    }

    /// Creates a sparse vector whose invariants the caller guarantees. O(1).
    init(uncheckedSize size: Int, indices: [Int], values: [Double]) {
        self.size = size
        self.indices = indices
        self.values = values
    }

    private enum CodingKeys: String, CodingKey {
        case size, indices, values
    }

    /// Decodes `size`, `indices` and `values` and checks the invariants as `init(size:indices:values:)`.
    /// - Throws: `DecodingError.dataCorrupted` describing the broken invariant.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let size = try container.decode(Int.self, forKey: .size)
        let indices = try container.decode([Int].self, forKey: .indices)
        let values = try container.decode([Double].self, forKey: .values)
        do {
            try self.init(size: size, indices: indices, values: values)
        } catch {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(codingPath: decoder.codingPath, debugDescription: error.description))
        }
    }

    /// The number of stored entries (explicit zeros included). O(1).
    @inlinable
    public var numActives: Int { indices.count }

    /// The number of stored entries different from zero. O(numActives).
    public var numNonzeros: Int {
        values.reduce(0) { $1 != 0 ? $0 + 1 : $0 }
    }

    /// The coordinate at index `i`, which must be in `0..<size`. O(log numActives), by binary search.
    @inlinable
    public subscript(i: Int) -> Double {
        precondition(i >= 0 && i < size, "index \(i) out of bounds for a vector of size \(size)")
        var low = 0
        var high = indices.count
        while low < high {
            let middle = (low + high) / 2
            if indices[middle] < i { low = middle + 1 } else { high = middle }
        }
        return low < indices.count && indices[low] == i ? values[low] : 0
    }

    /// Calls `body` with every stored `(index, value)` pair in increasing index order.
    /// O(numActives); inlinable so that the loop specialises in the caller.
    @inlinable
    public func forEachActive(_ body: (_ index: Int, _ value: Double) throws -> Void) rethrows {
        try indices.withUnsafeBufferPointer { indexBuffer in
            try values.withUnsafeBufferPointer { valueBuffer in
                for k in indexBuffer.indices {
                    try body(indexBuffer[k], valueBuffer[k])
                }
            }
        }
    }

    /// All coordinates as a dense array. O(size).
    public func toArray() -> [Double] {
        var array = [Double](repeating: 0, count: size)
        forEachActive { index, value in array[index] = value }
        return array
    }

    /// The same vector in dense form. O(size).
    public var toDense: DenseVector { DenseVector(toArray()) }

    /// The same vector without explicit zeros: `self` when it has none. O(numActives).
    public var toSparse: SparseVector {
        let nonzeros = numNonzeros
        guard nonzeros < numActives else { return self }
        var keptIndices: [Int] = []
        var keptValues: [Double] = []
        keptIndices.reserveCapacity(nonzeros)
        keptValues.reserveCapacity(nonzeros)
        for (index, value) in nonzeroEntries {
            keptIndices.append(index)
            keptValues.append(value)
        }
        return SparseVector(uncheckedSize: size, indices: keptIndices, values: keptValues)
    }

    /// The index of the first maximal coordinate, implicit zeros included, or -1 for an empty
    /// vector. O(numActives).
    public var argmax: Int {
        guard size > 0 else { return -1 }
        guard var best = values.first else { return 0 }
        var bestIndex = indices[0]
        for k in values.indices.dropFirst() where values[k] > best {
            best = values[k]
            bestIndex = indices[k]
        }
        guard best <= 0, numActives < size else { return bestIndex }
        // An implicit zero beats a negative maximum, and an earlier implicit zero beats an active zero.
        let firstInactive = indices.enumerated().first { $0.offset != $0.element }?.offset ?? numActives
        return best < 0 ? firstInactive : min(firstInactive, bestIndex)
    }

    /// The p-norm (Spark's `Vectors.norm`): p = 1, 2, ∞ or any finite p ≥ 1. O(numActives).
    public func norm(_ p: Double) -> Double {
        Vectors.norm(of: values, p)
    }

    var nonzeroEntries: NonzeroEntries { NonzeroEntries(indices: indices, values: values) }

    /// Spark's vector equality: same size, same nonzero entries. O(numActives of both).
    public static func == (lhs: SparseVector, rhs: SparseVector) -> Bool {
        NonzeroEntries.equal(size: lhs.size, lhs.nonzeroEntries, size: rhs.size, rhs.nonzeroEntries)
    }

    /// Hashes the size and the first 128 nonzero entries, as Spark does. O(numActives) at worst.
    public func hash(into hasher: inout Hasher) {
        nonzeroEntries.hash(size: size, into: &hasher)
    }

    /// Spark's text form, `(3,[0,2],[1.0,3.0])`, with Java's number format. O(numActives).
    public var description: String {
        "(\(size),[" + indices.map(String.init).joined(separator: ",") + "]," + values.javaListDescription + ")"
    }
}
