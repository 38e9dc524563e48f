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
        values.reduce(0x9E37_79B9_7F4A_7C15) { hash, value in Self.mix(hash ^ Self.hash(value)) }
    }

    /// A process-independent hash of one value; equal values (by `Value`'s equality) hash equally.
    static func hash(_ value: Value) -> UInt64 {
        switch value {
        case .null: return 0x5555
        case let .boolean(v): return v ? 1 : 2
        case let .integer(v): return mix(UInt64(bitPattern: Int64(v)))
        case let .long(v), let .timestamp(v): return mix(UInt64(bitPattern: v))
        case let .date(v): return mix(UInt64(bitPattern: Int64(v)))
        case let .float(v): return hash(.double(Double(v)))
        case let .double(v): return mix(v.isNaN ? 0x7FF8 : (v == 0 ? 0 : v.bitPattern))
        case let .string(v): return StableHash.hash(v)
        case let .array(values), let .structure(values): return RowKey(values).stableHash
        // Dense and sparse forms of one vector are equal, so both hash their coordinates.
        case let .vector(vector): return RowKey(vector.toArray().map(Value.double)).stableHash
        }
    }

    /// SplitMix64's finaliser.
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
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
            let order = Self.order(values[index], other.values[index], ascending: ascending[index], nullsFirst: nullsFirst[index])
            if order != 0 { return order }
        }
        return 0
    }

    /// How `a` sorts against `b` in one key column: negative before, 0 tied, positive after.
    static func order(_ a: Value, _ b: Value, ascending: Bool, nullsFirst: Bool) -> Int {
        if a.isNull || b.isNull {
            if a.isNull && b.isNull { return 0 }
            return a.isNull == nullsFirst ? -1 : 1
        }
        let order = Value.compare(a, b)
        return ascending ? order : -order
    }

    /// Whether row `row` of the key columns `columns` sorts strictly before this key, compared
    /// column by column without building its key.
    func follows(_ columns: [ColumnVector], row: Int) -> Bool {
        for index in values.indices {
            let order = Self.order(columns[index].value(at: row), values[index], ascending: ascending[index],
                                   nullsFirst: nullsFirst[index])
            if order != 0 { return order < 0 }
        }
        return false
    }

    static func == (lhs: SortKey, rhs: SortKey) -> Bool { lhs.order(rhs) == 0 }
    func hash(into hasher: inout Hasher) { hasher.combine(values) }
    var stableHash: UInt64 { RowKey(values).stableHash }
}
