import CFlintIntrinsics

/// A direct-address index from integral keys in a narrow range to group numbers, for the
/// build side of a hash join, whose keys are all known before the first probe (DuckDB's
/// "perfect hash join"). A lookup is a subtraction, one bounds check and one load from an
/// array of 4 bytes per possible key, with no hash and no probe sequence: for a dimension
/// table keyed 0..<n it is several times cheaper than `KeyIndex`, and its array (4 bytes per
/// key value) is smaller than `KeyIndex`'s slots (16 bytes, two per key).
///
/// Made only when the keys are dense: their range is at most `maximumSpread` times their count,
/// so the array costs at most 32 bytes per key.
struct DenseKeyIndex {
    /// How sparse the keys may be: range ≤ `maximumSpread` × count.
    static let maximumSpread = 8

    private let minimum: Int64
    /// Group number + 1 at `key - minimum`; 0 where no key is.
    private let groups: [Int32]

    /// The index of `keys` (group `g` holds `keys[g]`; `skipping` a group, the null key's,
    /// leaves it out), or nil when the keys are too sparse or too many for 32-bit groups.
    init?(keys: [Int64], skipping skipped: Int?) {
        let present = keys.indices.filter { $0 != skipped }
        guard let first = present.first, keys.count < Int(Int32.max) else { return nil }
        var minimum = keys[first], maximum = keys[first]
        for group in present {
            minimum = Swift.min(minimum, keys[group])
            maximum = Swift.max(maximum, keys[group])
        }
        let (spread, overflow) = maximum.subtractingReportingOverflow(minimum)
        guard !overflow, spread < Int64(Self.maximumSpread * present.count) else { return nil }
        var groups = [Int32](repeating: 0, count: Int(spread) + 1)
        for group in present { groups[Int(keys[group] - minimum)] = Int32(group + 1) }
        self.minimum = minimum
        self.groups = groups
    }

    /// Looks `values` up, leaving -1 in `result` for keys not in the index and null rows.
    func find(_ values: [Int64], validity: Bitmap?, into result: inout [Int]) {
        let minimum = minimum
        let distance = 16
        groups.withUnsafeBufferPointer { groups in
            let count = UInt64(groups.count)
            for row in values.indices {
                // The slot a few rows ahead starts loading now: an array larger than the
                // caches misses on nearly every probe otherwise.
                if row + distance < values.count {
                    let ahead = UInt64(bitPattern: values[row + distance] &- minimum)
                    if ahead < count { flint_prefetch(groups.baseAddress! + Int(ahead)) }
                }
                if let validity, !validity[row] { continue }
                // A key below the minimum wraps to a huge offset: one comparison rules both out.
                let offset = UInt64(bitPattern: values[row] &- minimum)
                if offset < count { result[row] = Int(groups[Int(offset)]) - 1 }
            }
        }
    }
}
