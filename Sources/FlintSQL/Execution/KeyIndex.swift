import FlintCore

/// A key of a `KeyIndex`: how it hashes (equal keys hash equally, in every process).
protocol IndexKey: Equatable {
    /// A well-mixed 64-bit hash.
    var indexHash: UInt64 { get }
    /// A placeholder for empty slots.
    static var placeholder: Self { get }
}

extension Int64: IndexKey {
    var indexHash: UInt64 { RowKey.mix(UInt64(bitPattern: self)) }
    static var placeholder: Int64 { 0 }
}

extension String: IndexKey {
    var indexHash: UInt64 { StableHash.hash(self) }
    static var placeholder: String { "" }
}

/// A hash index from integral or string keys to dense group numbers, for the hot path of hash
/// aggregation and hash joins: open addressing with linear probing over flat arrays, doubling at
/// half full. Written by hand because `Dictionary` hashes with SipHash and pays a generic
/// lookup per row, which dominated the aggregation profile.
struct KeyIndex<Key: IndexKey> {
    private var keys: [Key]
    /// Group number + 1 per slot; 0 marks an empty slot.
    private var slots: [Int32]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: .placeholder, count: size)
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    /// The group of `key`, if present.
    @inline(__always)
    func find(_ key: Key) -> Int? {
        var slot = Int(truncatingIfNeeded: key.indexHash) & mask
        while true {
            let stored = slots[slot]
            if stored == 0 { return nil }
            if keys[slot] == key { return Int(stored) - 1 }
            slot = (slot + 1) & mask
        }
    }

    /// The group of `key`, or `newGroup()`'s number after storing it.
    @inline(__always)
    mutating func findOrInsert(_ key: Key, _ newGroup: () -> Int) -> Int {
        var slot = Int(truncatingIfNeeded: key.indexHash) & mask
        while true {
            let stored = slots[slot]
            if stored == 0 { break }
            if keys[slot] == key { return Int(stored) - 1 }
            slot = (slot + 1) & mask
        }
        let group = newGroup()
        keys[slot] = key
        slots[slot] = Int32(group + 1)
        count += 1
        if count * 2 > slots.count { grow() }
        return group
    }

    private mutating func grow() {
        let oldKeys = keys, oldSlots = slots
        keys = Array(repeating: .placeholder, count: oldSlots.count * 2)
        slots = Array(repeating: 0, count: oldSlots.count * 2)
        mask = slots.count - 1
        for index in oldSlots.indices where oldSlots[index] != 0 {
            var slot = Int(truncatingIfNeeded: oldKeys[index].indexHash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            keys[slot] = oldKeys[index]
            slots[slot] = oldSlots[index]
        }
    }
}
