/// An open-addressing hash table of combiners, the map behind map-side combine and reduce-side
/// aggregation.
///
/// Hand-written because it is the hottest loop of every by-key aggregation and `Dictionary` costs
/// about twice as much there: `Dictionary` seeds a SipHash `Hasher` per lookup and rehashes every
/// key when it grows, while this table hashes with `StableHash` (a few multiplications per 8
/// bytes, the same hash the `HashPartitioner` uses), stores each key's hash beside it (probes
/// compare hashes before keys; growth moves entries without rehashing) and probes linearly over
/// flat buffers. Load factor at most 0.7. Its methods are `@inlinable`, so aggregation kernels
/// formed in user code (see `Aggregator`) run them specialised for the key and combiner types.
public final class CombineTable<K: Hashable, C>: Sequence {
    // Unchecked exclusivity: the table is used by one task's thread only, and dynamic access
    // checks on these fields cost as much as the probe itself.
    @exclusivity(unchecked) @usableFromInline var hashes: UnsafeMutablePointer<UInt64>
    @exclusivity(unchecked) @usableFromInline var keys: UnsafeMutablePointer<K>
    @exclusivity(unchecked) @usableFromInline var values: UnsafeMutablePointer<C>
    @exclusivity(unchecked) @usableFromInline var mask: Int
    @exclusivity(unchecked) @usableFromInline var storedCount = 0

    /// Number of keys held.
    @inlinable
    public var count: Int { storedCount }

    /// Creates an empty table with room for about `minimumCapacity` keys before it grows.
    @inlinable
    public init(minimumCapacity: Int = 256) {
        var capacity = 16
        while capacity * 7 < minimumCapacity * 10 { capacity *= 2 }
        mask = capacity - 1
        hashes = .allocate(capacity: capacity)
        hashes.initialize(repeating: 0, count: capacity)
        keys = .allocate(capacity: capacity)
        values = .allocate(capacity: capacity)
    }

    deinit {
        clearSlots()
        hashes.deallocate()
        keys.deallocate()
        values.deallocate()
    }

    /// Number of slots.
    @inlinable
    var capacity: Int { mask + 1 }

    /// The table's hash of `key`: `StableHash` with the lowest bit set (0 marks an empty slot).
    /// Spill runs are sorted by it, and their merge compares it.
    @inlinable
    public static func hash(_ key: K) -> UInt64 { StableHash.hash(key) | 1 }

    /// Folds into the combiner of `key` with `merge`, or inserts `create()` for a new key.
    /// Amortised O(1): one hash, usually one probe.
    @inlinable
    public func upsert(_ key: K, create: () -> C, merge: (inout C) -> Void) {
        if (storedCount + 1) * 10 > capacity * 7 { grow() }
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = hashes[slot]
            if stored == 0 {
                hashes[slot] = hash
                (keys + slot).initialize(to: key)
                (values + slot).initialize(to: create())
                storedCount += 1
                return
            }
            if stored == hash, keys[slot] == key {
                merge(&values[slot])
                return
            }
            slot = (slot + 1) & mask
        }
    }

    /// The combiner of `key`, if present.
    @inlinable
    public subscript(key: K) -> C? {
        let hash = Self.hash(key)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while hashes[slot] != 0 {
            if hashes[slot] == hash, keys[slot] == key { return values[slot] }
            slot = (slot + 1) & mask
        }
        return nil
    }

    /// Doubles the slots, moving entries by their stored hashes.
    @usableFromInline
    func grow() {
        let oldCapacity = capacity
        let (oldHashes, oldKeys, oldValues) = (hashes, keys, values)
        let newCapacity = oldCapacity * 2
        mask = newCapacity - 1
        hashes = .allocate(capacity: newCapacity)
        hashes.initialize(repeating: 0, count: newCapacity)
        keys = .allocate(capacity: newCapacity)
        values = .allocate(capacity: newCapacity)
        for old in 0..<oldCapacity where oldHashes[old] != 0 {
            var slot = Int(truncatingIfNeeded: oldHashes[old]) & mask
            while hashes[slot] != 0 { slot = (slot + 1) & mask }
            hashes[slot] = oldHashes[old]
            (keys + slot).moveInitialize(from: oldKeys + old, count: 1)
            (values + slot).moveInitialize(from: oldValues + old, count: 1)
        }
        oldHashes.deallocate()
        oldKeys.deallocate()
        oldValues.deallocate()
    }

    private func clearSlots() {
        for slot in 0..<capacity where hashes[slot] != 0 {
            (keys + slot).deinitialize(count: 1)
            (values + slot).deinitialize(count: 1)
            hashes[slot] = 0
        }
        storedCount = 0
    }

    /// The entries ordered by `hash(_:)`, for a spill run. Cost: a sort of `count` hashes.
    public func sortedByHash() -> [(K, C)] {
        var slots: [(UInt64, Int)] = []
        slots.reserveCapacity(count)
        for slot in 0..<capacity where hashes[slot] != 0 { slots.append((hashes[slot], slot)) }
        slots.sort { $0.0 < $1.0 }
        return slots.map { (keys[$0.1], values[$0.1]) }
    }

    /// Iterates the entries in slot order.
    public struct Iterator: IteratorProtocol {
        @usableFromInline let table: CombineTable
        @usableFromInline var slot = 0

        @inlinable
        init(table: CombineTable) {
            self.table = table
        }

        @inlinable
        public mutating func next() -> (K, C)? {
            while slot <= table.mask {
                defer { slot += 1 }
                if table.hashes[slot] != 0 { return (table.keys[slot], table.values[slot]) }
            }
            return nil
        }
    }

    @inlinable
    public func makeIterator() -> Iterator { Iterator(table: self) }

    @inlinable
    public var underestimatedCount: Int { count }
}
