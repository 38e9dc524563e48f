/// A fixed-length bitmap, one bit per row: the validity of a column (set = not null) or a
/// selection (set = row kept). Word-level operations make `and`/`or` over a batch cost a few
/// nanoseconds per 64 rows.
public struct Bitmap: Hashable, Sendable, Codable {
    /// The 64-bit words, least significant bit first (read with `subscript`).
    @usableFromInline var words: [UInt64]
    /// Number of bits.
    public let count: Int

    /// A bitmap of `count` bits, all set to `value`.
    public init(count: Int, value: Bool) {
        self.count = count
        words = Array(repeating: value ? ~0 : 0, count: (count + 63) / 64)
        if value { clearTail() }
    }

    /// A bitmap whose bit i is `bits[i]`.
    public init(_ bits: [Bool]) {
        self.init(count: bits.count, value: false)
        for (index, bit) in bits.enumerated() where bit { set(index) }
    }

    /// Whether bit `index` is set.
    @inlinable
    public subscript(index: Int) -> Bool {
        words[index >> 6] & (1 << UInt64(index & 63)) != 0
    }

    /// Sets bit `index`.
    @inlinable
    public mutating func set(_ index: Int) { words[index >> 6] |= 1 << UInt64(index & 63) }

    /// Clears bit `index`.
    @inlinable
    public mutating func clear(_ index: Int) { words[index >> 6] &= ~(1 << UInt64(index & 63)) }

    /// Number of set bits.
    public var cardinality: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Whether every bit is set.
    public var isAllSet: Bool { cardinality == count }

    /// Bitwise and with `other` (same count).
    public func and(_ other: Bitmap) -> Bitmap {
        precondition(count == other.count, "bitmaps of different lengths")
        var result = self
        for index in result.words.indices { result.words[index] &= other.words[index] }
        return result
    }

    /// Bitwise or with `other` (same count).
    public func or(_ other: Bitmap) -> Bitmap {
        precondition(count == other.count, "bitmaps of different lengths")
        var result = self
        for index in result.words.indices { result.words[index] |= other.words[index] }
        return result
    }

    /// The indices of the set bits, in order.
    public var setIndices: [Int] {
        var indices: [Int] = []
        indices.reserveCapacity(cardinality)
        for (wordIndex, word) in words.enumerated() {
            var remaining = word
            while remaining != 0 {
                indices.append(wordIndex << 6 + remaining.trailingZeroBitCount)
                remaining &= remaining - 1
            }
        }
        return indices
    }

    private mutating func clearTail() {
        let used = count & 63
        if used != 0, !words.isEmpty { words[words.count - 1] &= (1 << UInt64(used)) - 1 }
    }
}
