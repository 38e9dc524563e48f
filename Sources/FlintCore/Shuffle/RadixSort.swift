/// A stable least-significant-digit radix sort of records by a 64-bit integer key, for sorted
/// shuffles (`sortByKey`) on `Int`, `Int64`, `Int32` and `UInt64` keys.
///
/// Hand-written because the standard library's sort is a comparison merge sort that moves whole
/// records (a key and a value, often with references) through every merge: here only 16-byte
/// (key, index) pairs move, one byte of the key per pass, passes whose byte is the same in every
/// key are skipped, and each record is moved once at the end. Cost: O(n) per pass, at most 8
/// passes, and 2 × 16 bytes of scratch per record.
@usableFromInline
enum RadixSort {
    /// Below this many records the standard library's (stable) sort of the pairs is faster than
    /// setting up the passes.
    @usableFromInline static let minimumCount = 256

    /// Sorts `records` by `key` (stably: equal keys keep their order), ascending or descending.
    /// `key` maps a record to an unsigned value with the same order as its key (for a signed key,
    /// its bit pattern with the sign bit flipped).
    @inlinable
    static func sort<Record>(_ records: UnsafeMutableBufferPointer<Record>, ascending: Bool,
                             key: (borrowing Record) -> UInt64) {
        let count = records.count
        guard count > 1, let base = records.baseAddress else { return }
        precondition(count <= Int(UInt32.max), "radix sort of more than 2^32 records")
        let pairs = UnsafeMutableBufferPointer<(key: UInt64, index: UInt32)>.allocate(capacity: count)
        defer { pairs.deallocate() }
        let flip: UInt64 = ascending ? 0 : .max
        for index in 0..<count {
            (pairs.baseAddress! + index).initialize(to: (key(base[index]) ^ flip, UInt32(truncatingIfNeeded: index)))
        }
        sortPairs(pairs)
        // Each record moves once: into scratch in sorted order, then back.
        let scratch = UnsafeMutablePointer<Record>.allocate(capacity: count)
        defer { scratch.deallocate() }
        for index in 0..<count { (scratch + index).moveInitialize(from: base + Int(pairs[index].index), count: 1) }
        base.moveInitialize(from: scratch, count: count)
    }

    /// The order-preserving unsigned form of a key of type `K`, for the integer types the sort
    /// takes (`Int`, `Int64`, `Int32`: sign bit flipped; `UInt64` as is), or nil for others.
    @inlinable
    static func orderPreservingBits<K>(of type: K.Type) -> ((K) -> UInt64)? {
        let signBit: UInt64 = 1 << 63
        if K.self == Int64.self { return { UInt64(bitPattern: unsafeBitCast($0, to: Int64.self)) ^ signBit } }
        if K.self == Int.self { return { UInt64(bitPattern: Int64(unsafeBitCast($0, to: Int.self))) ^ signBit } }
        if K.self == Int32.self { return { UInt64(bitPattern: Int64(unsafeBitCast($0, to: Int32.self))) ^ signBit } }
        if K.self == UInt64.self { return { unsafeBitCast($0, to: UInt64.self) } }
        return nil
    }

    /// Sorts (key, index) pairs by key, stably, in 8-bit passes.
    @usableFromInline
    static func sortPairs(_ pairs: UnsafeMutableBufferPointer<(key: UInt64, index: UInt32)>) {
        let count = pairs.count
        guard count >= minimumCount else {
            var small = pairs
            small.sort { $0.key < $1.key }
            return
        }
        // One counting pass for all eight digits.
        var histograms = [Int](repeating: 0, count: 8 * 256)
        histograms.withUnsafeMutableBufferPointer { counts in
            for pair in pairs {
                var key = pair.key
                for digit in 0..<8 {
                    counts[digit &* 256 &+ Int(key & 0xFF)] &+= 1
                    key >>= 8
                }
            }
        }
        let other = UnsafeMutableBufferPointer<(key: UInt64, index: UInt32)>.allocate(capacity: count)
        defer { other.deallocate() }
        var source = pairs, target = other
        var offsets = [Int](repeating: 0, count: 256)
        for digit in 0..<8 {
            let shift = UInt64(digit * 8)
            // A digit that every key shares leaves the order as it is.
            if histograms[digit * 256 + Int((source[0].key >> shift) & 0xFF)] == count { continue }
            var total = 0
            for bucket in 0..<256 {
                offsets[bucket] = total
                total += histograms[digit * 256 + bucket]
            }
            offsets.withUnsafeMutableBufferPointer { next in
                for pair in source {
                    let bucket = Int((pair.key >> shift) & 0xFF)
                    target[next[bucket]] = pair
                    next[bucket] &+= 1
                }
            }
            swap(&source, &target)
        }
        if source.baseAddress != pairs.baseAddress {
            pairs.baseAddress!.update(from: source.baseAddress!, count: count)
        }
    }
}
