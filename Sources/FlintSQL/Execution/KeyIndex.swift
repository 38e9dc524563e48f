import CFlintIntrinsics
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
/// aggregation and hash joins: open addressing with linear probing over one flat array of
/// (key, group) entries, so a probe costs one cache miss, doubling at half full. Written by
/// hand because `Dictionary` hashes with SipHash and pays a generic lookup per row, which
/// dominated the aggregation profile.
struct KeyIndex<Key: IndexKey> {
    private struct Entry {
        var key: Key
        /// Group number + 1; 0 marks an empty slot.
        var group: Int32
    }

    private var entries: [Entry]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        entries = Array(repeating: Entry(key: .placeholder, group: 0), count: size)
        mask = size - 1
    }

    /// The group of `key`, if present.
    @inline(__always)
    func find(_ key: Key) -> Int? { find(key, hash: key.indexHash) }

    /// The group of `key` (whose `indexHash` is `hash`), if present.
    @inline(__always)
    func find(_ key: Key, hash: UInt64) -> Int? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        return entries.withUnsafeBufferPointer { entries in
            while true {
                let entry = entries[slot]
                if entry.group == 0 { return nil }
                if entry.key == key { return Int(entry.group) - 1 }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Starts loading the slot where a key of hash `hash` is looked up: called a few keys
    /// ahead of `findOrInsert(_:hash:_:)` or `find(_:hash:)`, it hides the cache miss of a large table.
    @inline(__always)
    func prefetch(_ hash: UInt64) {
        entries.withUnsafeBufferPointer { flint_prefetch($0.baseAddress! + (Int(truncatingIfNeeded: hash) & mask)) }
    }

    /// The group of `key`, or `newGroup()`'s number after storing it.
    @inline(__always)
    mutating func findOrInsert(_ key: Key, _ newGroup: () -> Int) -> Int {
        findOrInsert(key, hash: key.indexHash, newGroup)
    }

    /// `findOrInsert(_:_:)` with the key's `indexHash` computed by the caller.
    @inline(__always)
    mutating func findOrInsert(_ key: Key, hash: UInt64, _ newGroup: () -> Int) -> Int {
        var slot = Int(truncatingIfNeeded: hash) & mask
        let found: Int? = entries.withUnsafeBufferPointer { entries in
            while true {
                let entry = entries[slot]
                if entry.group == 0 { return nil }
                if entry.key == key { return Int(entry.group) - 1 }
                slot = (slot + 1) & mask
            }
        }
        if let found { return found }
        let group = newGroup()
        entries[slot] = Entry(key: key, group: Int32(group + 1))
        count += 1
        if count * 2 > entries.count { grow() }
        return group
    }

    private mutating func grow() {
        let old = entries
        entries = Array(repeating: Entry(key: .placeholder, group: 0), count: old.count * 2)
        mask = entries.count - 1
        entries.withUnsafeMutableBufferPointer { entries in
            for entry in old where entry.group != 0 {
                var slot = Int(truncatingIfNeeded: entry.key.indexHash) & mask
                while entries[slot].group != 0 { slot = (slot + 1) & mask }
                entries[slot] = entry
            }
        }
    }
}
