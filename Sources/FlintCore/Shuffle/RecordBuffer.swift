/// A growable buffer of records that hands its contents out by moving them into batches.
///
/// Hand-written because an `Array` can only give its elements away by copying them: returning a
/// sorted partition batch by batch from an array costs a retain per record for the copy and a
/// release when the array goes, on top of the batches' own lifetime. Records moved out are no
/// longer owned here; the rest are destroyed with the buffer.
final class RecordBuffer<Element> {
    private var base: UnsafeMutablePointer<Element>
    private var capacity: Int
    /// Records held (including any already moved out: see `start`).
    private(set) var count = 0
    /// Records before this index were moved out.
    private var start = 0

    init(capacity: Int = 4096) {
        self.capacity = Swift.max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit {
        (base + start).deinitialize(count: count - start)
        base.deallocate()
    }

    /// Copies `records` in, growing the storage geometrically.
    func append(contentsOf records: [Element]) {
        precondition(start == 0, "cannot append after moving records out")
        if count + records.count > capacity {
            var newCapacity = capacity * 2
            while newCapacity < count + records.count { newCapacity *= 2 }
            let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
            newBase.moveInitialize(from: base, count: count)
            base.deallocate()
            base = newBase
            capacity = newCapacity
        }
        records.withUnsafeBufferPointer { (base + count).initialize(from: $0.baseAddress!, count: $0.count) }
        count += records.count
    }

    /// The records, for sorting in place or reading.
    var records: UnsafeMutableBufferPointer<Element> {
        UnsafeMutableBufferPointer(start: base + start, count: count - start)
    }

    /// Destroys every record and empties the buffer (after a spill).
    func removeAll() {
        (base + start).deinitialize(count: count - start)
        count = 0
        start = 0
    }

    /// Moves the next `limit` records (or fewer, at the end) out into an array.
    func moveOut(limit: Int) -> [Element]? {
        let n = Swift.min(limit, count - start)
        guard n > 0 else { return nil }
        let from = base + start
        start += n
        return [Element](unsafeUninitializedCapacity: n) { output, initialized in
            output.baseAddress!.moveInitialize(from: from, count: n)
            initialized = n
        }
    }
}
