/// A numeric vector, dense or sparse (Spark's `org.apache.spark.ml.linalg.Vector`).
///
/// An enum rather than a protocol, so that code over vectors switches on two concrete cases and
/// never goes through an existential. Equality and hashing follow Spark: `.dense([1, 0, 3])` equals
/// `.sparse((3,[0,2],[1.0,3.0]))`, and equal vectors hash alike.
///
/// `Codable` as Spark's JSON form (`Vectors.toJson`): `{"type":1,"values":[…]}` for a dense vector,
/// `{"type":0,"size":…,"indices":[…],"values":[…]}` for a sparse one.
public enum Vector: Hashable, Sendable, Codable, CustomStringConvertible {
    /// A dense vector.
    case dense(DenseVector)
    /// A sparse vector.
    case sparse(SparseVector)

    /// The number of coordinates. O(1).
    @inlinable
    public var size: Int {
        switch self {
        case let .dense(vector): return vector.size
        case let .sparse(vector): return vector.size
        }
    }

    /// The coordinate at index `i`, which must be in `0..<size`. O(1) dense, O(log numActives) sparse.
    @inlinable
    public subscript(i: Int) -> Double {
        switch self {
        case let .dense(vector): return vector[i]
        case let .sparse(vector): return vector[i]
        }
    }

    /// The number of stored entries: `size` for a dense vector, the index count for a sparse one. O(1).
    @inlinable
    public var numActives: Int {
        switch self {
        case let .dense(vector): return vector.numActives
        case let .sparse(vector): return vector.numActives
        }
    }

    /// The number of entries different from zero. O(numActives).
    public var numNonzeros: Int {
        switch self {
        case let .dense(vector): return vector.numNonzeros
        case let .sparse(vector): return vector.numNonzeros
        }
    }

    /// Calls `body` with every stored `(index, value)` pair in increasing index order. O(numActives);
    /// inlinable so that the loop specialises in the caller.
    @inlinable
    public func forEachActive(_ body: (_ index: Int, _ value: Double) throws -> Void) rethrows {
        switch self {
        case let .dense(vector): try vector.forEachActive(body)
        case let .sparse(vector): try vector.forEachActive(body)
        }
    }

    /// All coordinates as a dense array. O(1) dense (shared), O(size) sparse.
    public func toArray() -> [Double] {
        switch self {
        case let .dense(vector): return vector.toArray()
        case let .sparse(vector): return vector.toArray()
        }
    }

    /// The vector in dense form. O(1) dense, O(size) sparse.
    public var toDense: DenseVector {
        switch self {
        case let .dense(vector): return vector
        case let .sparse(vector): return vector.toDense
        }
    }

    /// The vector in sparse form without explicit zeros. O(numActives).
    public var toSparse: SparseVector {
        switch self {
        case let .dense(vector): return vector.toSparse
        case let .sparse(vector): return vector.toSparse
        }
    }

    /// The vector in whichever form takes less memory, by Spark's rule: sparse when
    /// `1.5 × (numNonzeros + 1) < size`, dense otherwise. O(size) at worst.
    public var compressed: Vector {
        1.5 * (Double(numNonzeros) + 1) < Double(size) ? .sparse(toSparse) : .dense(toDense)
    }

    /// The index of the first maximal coordinate, or -1 for an empty vector. O(numActives).
    public var argmax: Int {
        switch self {
        case let .dense(vector): return vector.argmax
        case let .sparse(vector): return vector.argmax
        }
    }

    /// The dot product with `other` (Spark's `BLAS.dot`). O(numActives) for sparse operands.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if the sizes differ.
    public func dot(_ other: Vector) throws(LinearAlgebraError) -> Double {
        try BLAS.dot(self, other)
    }

    /// The p-norm (Spark's `Vectors.norm`): p = 1, 2, ∞ or any finite p ≥ 1. O(numActives).
    public func norm(_ p: Double) -> Double {
        switch self {
        case let .dense(vector): return vector.norm(p)
        case let .sparse(vector): return vector.norm(p)
        }
    }

    /// The squared Euclidean distance to `other` (Spark's `Vectors.sqdist`). O(size) at worst.
    /// - Throws: `LinearAlgebraError.dimensionMismatch` if the sizes differ.
    public func squaredDistance(to other: Vector) throws(LinearAlgebraError) -> Double {
        try Vectors.sqdist(self, other)
    }

    var nonzeroEntries: NonzeroEntries {
        switch self {
        case let .dense(vector): return vector.nonzeroEntries
        case let .sparse(vector): return vector.nonzeroEntries
        }
    }

    /// Spark's vector equality: same size, same nonzero entries, whatever the forms. O(numActives).
    public static func == (lhs: Vector, rhs: Vector) -> Bool {
        NonzeroEntries.equal(size: lhs.size, lhs.nonzeroEntries, size: rhs.size, rhs.nonzeroEntries)
    }

    /// Hashes the size and the first 128 nonzero entries, as Spark does. O(numActives) at worst.
    public func hash(into hasher: inout Hasher) {
        nonzeroEntries.hash(size: size, into: &hasher)
    }

    /// Spark's text form: `[1.0,2.0]` or `(3,[0,2],[1.0,3.0])`. O(numActives).
    public var description: String {
        switch self {
        case let .dense(vector): return vector.description
        case let .sparse(vector): return vector.description
        }
    }

    private enum TypeCodingKey: String, CodingKey {
        case type
    }

    /// Spark's JSON type tags.
    private static let sparseType = 0
    private static let denseType = 1

    /// Decodes Spark's JSON form. O(numActives).
    /// - Throws: `DecodingError` for an unknown type tag or a sparse vector that breaks its invariants.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TypeCodingKey.self)
        switch try container.decode(Int.self, forKey: .type) {
        case Self.sparseType: self = .sparse(try SparseVector(from: decoder))
        case Self.denseType: self = .dense(try DenseVector(from: decoder))
        case let other:
            throw DecodingError.dataCorruptedError(forKey: .type, in: container,
                                                   debugDescription: "unknown vector type \(other)")
        }
    }

    /// Encodes Spark's JSON form. O(numActives).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TypeCodingKey.self)
        switch self {
        case let .dense(vector):
            try container.encode(Self.denseType, forKey: .type)
            try vector.encode(to: encoder)
        case let .sparse(vector):
            try container.encode(Self.sparseType, forKey: .type)
            try vector.encode(to: encoder)
        }
    }
}
