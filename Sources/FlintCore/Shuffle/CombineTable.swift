import CFlintIntrinsics

/// An open-addressing hash table of combiners, the map behind map-side combine and reduce-side
/// aggregation.
///
/// Hand-written because it is the hottest loop of every by-key aggregation and `Dictionary` costs
/// about twice as much there: `Dictionary` seeds a SipHash `Hasher` per lookup, keeps keys and
/// values in separate arrays (two cache misses per lookup in a large table) and rehashes every key
/// when it grows. This table hashes with `StableHash` (a few multiplications per 8 bytes, the same
/// hash the `HashPartitioner` uses) and keeps, SwissTable-style, one control byte per slot (0:
/// empty, else 7 bits of the hash) in a dense array that stays in cache, plus one entry per slot
/// holding the full hash, the key and the combiner side by side: a lookup usually costs one miss.
/// Probing is linear; the load factor is at most 0.7; growth moves entries without rehashing.
/// Its methods are `@inlinable`, so aggregation kernels formed in user code (see `Aggregator`) run
/// them specialised for the key and combiner types.
public final class CombineTable<K: Hashable, C>: Sequence {
    /// One slot's contents.
    @usableFromInline
    struct Entry {
        @usableFromInline var hash: UInt64
        @usableFromInline var key: K
        @usableFromInline var value: C

        @inlinable
        init(hash: UInt64, key: K, value: C) {
            self.hash = hash
            self.key = key
            self.value = value
        }
    }

    /// Byte offsets inside `Entry`. Engine code that is not specialised for `K` and `C` reads
    /// entries through them, computed once per call: accessing `Entry` fields directly there looks
    /// up the generic `Entry` type's metadata at every access.
    @usableFromInline
    struct EntryLayout {
        @usableFromInline let stride: Int
        @usableFromInline let hash: Int
        @usableFromInline let key: Int
        @usableFromInline let value: Int

        @inlinable
        init() {
            stride = MemoryLayout<Entry>.stride
            hash = MemoryLayout<Entry>.offset(of: \Entry.hash)!
            key = MemoryLayout<Entry>.offset(of: \Entry.key)!
            value = MemoryLayout<Entry>.offset(of: \Entry.value)!
        }
    }

    /// The key of an occupied slot, through `layout`.
    @inlinable
    func key(at slot: Int, _ layout: EntryLayout) -> UnsafeMutablePointer<K> {
        (UnsafeMutableRawPointer(entries) + slot * layout.stride + layout.key).assumingMemoryBound(to: K.self)
    }

    /// The combiner of an occupied slot, through `layout`.
    @inlinable
    func value(at slot: Int, _ layout: EntryLayout) -> UnsafeMutablePointer<C> {
        (UnsafeMutableRawPointer(entries) + slot * layout.stride + layout.value).assumingMemoryBound(to: C.self)
    }

    // Unchecked exclusivity: the table is used by one task's thread only, and dynamic access
    // checks on these fields cost as much as the probe itself.
    @exclusivity(unchecked) @usableFromInline var control: UnsafeMutablePointer<UInt8>
    @exclusivity(unchecked) @usableFromInline var entries: UnsafeMutablePointer<Entry>
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
        (control, entries) = Self.allocate(capacity: capacity)
    }

    /// Zeroed control bytes and uninitialised entries for `capacity` slots, on huge pages when
    /// large (see `flint_allocate_table`).
    @inlinable
    static func allocate(capacity: Int) -> (UnsafeMutablePointer<UInt8>, UnsafeMutablePointer<Entry>) {
        guard let control = flint_allocate_table(capacity),
              let entries = flint_allocate_table(capacity * MemoryLayout<Entry>.stride) else {
            fatalError("CombineTable: out of memory for \(capacity) slots")
        }
        let bytes = control.bindMemory(to: UInt8.self, capacity: capacity)
        bytes.initialize(repeating: 0, count: capacity)
        return (bytes, entries.bindMemory(to: Entry.self, capacity: capacity))
    }

    deinit {
        let layout = EntryLayout()
        for slot in 0...mask where control[slot] != 0 {
            key(at: slot, layout).deinitialize(count: 1)
            value(at: slot, layout).deinitialize(count: 1)
        }
        flint_free_table(control)
        flint_free_table(entries)
    }

    /// Number of slots.
    @inlinable
    var capacity: Int { mask + 1 }

    /// The table's hash of `key` (`StableHash`). Spill runs are sorted by it, and their merge
    /// compares it.
    @inlinable
    public static func hash(_ key: K) -> UInt64 { StableHash.hash(key) }

    /// The control byte of a hash: its top 7 bits with the high bit set (never 0).
    @inlinable
    static func tag(_ hash: UInt64) -> UInt8 { UInt8(truncatingIfNeeded: hash >> 57) | 0x80 }

    /// Folds into the combiner of `key` with `merge`, or inserts `create()` for a new key.
    /// Amortised O(1): one hash, usually one probe.
    @inlinable
    public func upsert(_ key: K, create: () -> C, merge: (inout C) -> Void) {
        withUnsafePointer(to: key) { upsert(keyAt: $0, hash: Self.hash(key), create: create, merge: merge) }
    }

    /// How many records ahead `upsertAll` prefetches a slot: enough work to cover a miss to
    /// memory (~100 ns against ~10 ns for a record whose slot is in cache; 8 was 1-4% slower on
    /// the word count and reduceByKey benchmarks).
    @usableFromInline static var prefetchDistance: Int { 24 }

    /// Folds a batch of records in (`create` for a key's first, `merge` for the rest), hashing
    /// the batch first and prefetching each record's slot a few records ahead, so that the
    /// cache misses of a table larger than the caches overlap. Amortised O(1) per record.
    /// The records are read in place (a key is copied only into a new entry): the aggregation
    /// loops of word counts spent a tenth of their time retaining and releasing keys.
    @inlinable
    public func upsertAll<V>(_ batch: [(K, V)], create: (V) -> C, merge: (inout C, V) -> Void) {
        // The fields of a record are read through pointers: reading `record.1` copies the whole
        // pair (retaining its key) first.
        let valueOffset = MemoryLayout<(K, V)>.offset(of: \(K, V).1)!
        batch.withUnsafeBufferPointer { records in
            let count = records.count
            let hashes = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
            defer { hashes.deallocate() }
            for index in 0..<count { hashes[index] = Self.hash(records[index].0) }
            let distance = Self.prefetchDistance
            for index in 0..<count {
                if index + distance < count {
                    let slot = Int(truncatingIfNeeded: hashes[index + distance]) & mask
                    flint_prefetch(control + slot)
                    flint_prefetch(entries + slot)
                }
                let record = UnsafeRawPointer(records.baseAddress! + index)
                let value = (record + valueOffset).assumingMemoryBound(to: V.self)
                upsert(keyAt: record.assumingMemoryBound(to: K.self), hash: hashes[index],
                       create: { create(value.pointee) }, merge: { merge(&$0, value.pointee) })
            }
        }
    }

    /// `upsert(_:create:merge:)` for the key at `key`, whose hash is known. The key is read in
    /// place, and copied only into a new entry: a key passed by value is copied (a retain and
    /// a release) around the calls that follow. Grows the table first when one more key would
    /// pass the load factor.
    @inlinable
    func upsert(keyAt key: UnsafePointer<K>, hash: UInt64, create: () -> C, merge: (inout C) -> Void) {
        if (storedCount + 1) * 10 > capacity * 7 { grow() }
        let (slot, found) = findSlot(keyAt: key, hash: hash)
        if found {
            merge(&entries[slot].value)
        } else {
            control[slot] = Self.tag(hash)
            (entries + slot).initialize(to: Entry(hash: hash, key: key.pointee, value: create()))
            storedCount += 1
        }
    }

    /// The slot of the key at `key` if present (`found`), else the empty slot where it goes.
    @inlinable
    func findSlot(keyAt key: UnsafePointer<K>, hash: UInt64) -> (slot: Int, found: Bool) {
        let tag = Self.tag(hash)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let byte = control[slot]
            if byte == 0 { return (slot, false) }
            if byte == tag, entries[slot].hash == hash, entries[slot].key == key.pointee { return (slot, true) }
            slot = (slot + 1) & mask
        }
    }

    /// The combiner of `key`, if present.
    @inlinable
    public subscript(key: K) -> C? {
        let (slot, found) = withUnsafePointer(to: key) { findSlot(keyAt: $0, hash: Self.hash(key)) }
        return found ? entries[slot].value : nil
    }

    /// Doubles the slots, moving entries by their stored hashes.
    @inlinable
    func grow() {
        let (oldControl, oldEntries, oldCapacity) = (control, entries, capacity)
        let newCapacity = oldCapacity * 2
        mask = newCapacity - 1
        (control, entries) = Self.allocate(capacity: newCapacity)
        for old in 0..<oldCapacity where oldControl[old] != 0 {
            var slot = Int(truncatingIfNeeded: oldEntries[old].hash) & mask
            while control[slot] != 0 { slot = (slot + 1) & mask }
            control[slot] = oldControl[old]
            (entries + slot).moveInitialize(from: oldEntries + old, count: 1)
        }
        flint_free_table(oldControl)
        flint_free_table(oldEntries)
    }

    /// The entries ordered by `hash(_:)`, for a spill run. Cost: a sort of `count` hashes.
    public func sortedByHash() -> [(K, C)] {
        var slots: [(UInt64, Int)] = []
        slots.reserveCapacity(count)
        let layout = EntryLayout()
        for slot in 0...mask where control[slot] != 0 {
            let hash = UnsafeRawPointer(entries).load(fromByteOffset: slot * layout.stride + layout.hash, as: UInt64.self)
            slots.append((hash, slot))
        }
        slots.sort { $0.0 < $1.0 }
        return slots.map { (key(at: $0.1, layout).pointee, value(at: $0.1, layout).pointee) }
    }

    /// Appends the entries of slots `slot...` to `batch` until it holds `limit` entries or the
    /// slots run out; returns the slot to continue from (past the end when done).
    ///
    /// Engine code that is not specialised for `K` and `C` reads the table this way, a batch per
    /// call: iterating entry by entry there would look up the entry type's metadata per entry.
    @inlinable
    public func collectEntries(from slot: Int, limit: Int, into batch: inout [(K, C)]) -> Int {
        let layout = EntryLayout()
        var slot = slot
        while slot <= mask, batch.count < limit {
            if control[slot] != 0 { batch.append((key(at: slot, layout).pointee, value(at: slot, layout).pointee)) }
            slot += 1
        }
        return slot
    }

    /// The entries in batches of up to `batchSize`, in slot order. The table must outlive the
    /// iterator and not change while it is read.
    /// `collect` is the loop that copies entries out (`collectEntries` by default; an
    /// `Aggregator` passes its specialised kernel).
    public func batches(of batchSize: Int = BatchIterator<(K, C)>.defaultBatchSize,
                        collect: ((CombineTable<K, C>, Int, Int, inout [(K, C)]) -> Int)? = nil) -> BatchIterator<(K, C)> {
        var slot = 0
        return BatchIterator { [self] in
            var batch: [(K, C)] = []
            batch.reserveCapacity(batchSize)
            slot = collect?(self, slot, batchSize, &batch) ?? collectEntries(from: slot, limit: batchSize, into: &batch)
            return batch.isEmpty ? nil : batch
        }
    }

    /// Iterates the entries in slot order.
    public struct Iterator: IteratorProtocol {
        @usableFromInline let table: CombineTable
        @usableFromInline var slot = 0

        @inlinable
        init(table: CombineTable) {
            self.table = table
        }

        /// The next occupied slot's entry, or nil after the last.
        @inlinable
        public mutating func next() -> (K, C)? {
            while slot <= table.mask {
                defer { slot += 1 }
                if table.control[slot] != 0 { return (table.entries[slot].key, table.entries[slot].value) }
            }
            return nil
        }
    }

    /// An iterator over the entries in slot order.
    @inlinable
    public func makeIterator() -> Iterator { Iterator(table: self) }

    /// The number of entries.
    @inlinable
    public var underestimatedCount: Int { count }
}
