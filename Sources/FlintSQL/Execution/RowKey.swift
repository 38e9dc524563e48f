import FlintCore

/// A tuple of values used as a shuffle key (group-by keys, join keys, whole rows for
/// distinct and set operations). Equal keys hash equally in every process (`StableHashable`),
/// so they meet in the same reduce partition.
struct RowKey: Hashable, Sendable, Codable, StableHashable {
    let values: [Value]

    init(_ values: [Value]) {
        self.values = values
    }

    var stableHash: UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in values {
            for byte in value.description.utf8 {
                hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            }
            hash = (hash ^ UInt64(value.isNull ? 1 : 2)) &* 0x100_0000_01b3
        }
        return hash
    }

    /// Whether any part is null (null keys never match in joins).
    var containsNull: Bool { values.contains(where: \.isNull) }
}

/// A sort key with Spark's per-key direction and null placement, comparable as a whole, so
/// that `sortByKey`'s range partitioning gives a global order.
struct SortKey: Comparable, Hashable, Sendable, Codable, StableHashable {
    let values: [Value]
    let ascending: [Bool]
    let nullsFirst: [Bool]

    static func < (lhs: SortKey, rhs: SortKey) -> Bool { lhs.order(rhs) < 0 }

    func order(_ other: SortKey) -> Int {
        for index in values.indices {
            let a = values[index], b = other.values[index]
            if a.isNull || b.isNull {
                if a.isNull && b.isNull { continue }
                return a.isNull == nullsFirst[index] ? -1 : 1
            }
            let order = Value.compare(a, b)
            if order != 0 { return ascending[index] ? order : -order }
        }
        return 0
    }

    static func == (lhs: SortKey, rhs: SortKey) -> Bool { lhs.order(rhs) == 0 }
    func hash(into hasher: inout Hasher) { hasher.combine(values) }
    var stableHash: UInt64 { RowKey(values).stableHash }
}
