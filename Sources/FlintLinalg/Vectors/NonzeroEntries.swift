/// The nonzero `(index, value)` entries of a dense or sparse vector, in increasing index order: the
/// view on which Spark defines vector equality and hashing, so that a dense and a sparse vector
/// holding the same values are equal and hash alike.
struct NonzeroEntries: Sequence, IteratorProtocol {
    /// Spark hashes the size and at most this many nonzero entries (`Vectors.MAX_HASH_NNZ`).
    static let hashedEntryLimit = 128

    /// The stored indices, or `nil` for a dense vector (the index is the position).
    private let indices: [Int]?
    private let values: [Double]
    private var position = 0

    init(indices: [Int]?, values: [Double]) {
        self.indices = indices
        self.values = values
    }

    mutating func next() -> (index: Int, value: Double)? {
        while position < values.count {
            let current = position
            position += 1
            if values[current] != 0 {
                return (indices?[current] ?? current, values[current])
            }
        }
        return nil
    }

    /// Spark's equality of two vectors: same size and same nonzero entries (explicit zeros and
    /// `-0.0` are ignored). O(numActives of both).
    static func equal(size lhsSize: Int, _ lhs: NonzeroEntries, size rhsSize: Int, _ rhs: NonzeroEntries) -> Bool {
        lhsSize == rhsSize && lhs.elementsEqual(rhs) { $0.index == $1.index && $0.value == $1.value }
    }

    /// Feeds the size and the first `hashedEntryLimit` nonzero entries to `hasher`, consistently with
    /// `equal`. O(min(numActives, position of the 128th nonzero)).
    func hash(size: Int, into hasher: inout Hasher) {
        hasher.combine(size)
        for (index, value) in prefix(Self.hashedEntryLimit) {
            hasher.combine(index)
            hasher.combine(value)
        }
    }
}
