import FlintCore

/// Assigns a dense group number to each distinct key of a hash aggregation, and keeps one copy
/// of each key. A single integral key (int, bigint, date, timestamp) is hashed and kept as an
/// `Int64`, a single string as a `String`, anything else as a tuple of `Value`s (no key at
/// all, a global aggregate, is one group); the null key is a group of its own. Cost per row:
/// one hash-table lookup of the key's native type (none without a key).
struct GroupTable {
    private enum Index {
        case integral(KeyIndex<Int64>)
        /// Integral keys frozen into a direct-address array (`freezeForLookups`): no new keys.
        case dense(DenseKeyIndex)
        case string(KeyIndex<String>)
        case tuple([RowKey: Int])
        /// No key (a global aggregate): every row is in group 0.
        case global
        /// Held only while a table is taken out to be mutated in place (no copy, no allocation).
        case taken
    }

    private let keyTypes: [DataType]
    private var index: Index
    private var nullGroup: Int?
    /// The keys of the groups: one of these, by the index's kind (a placeholder for the null group).
    private var integralKeys: [Int64] = []
    private var stringKeys: [String] = []
    private var tupleKeys: [ColumnBuilder]
    /// Number of groups so far.
    private(set) var count = 0

    init(keyTypes: [DataType]) {
        self.keyTypes = keyTypes
        tupleKeys = []
        if keyTypes.isEmpty {
            index = .global
        } else if keyTypes.count == 1, [.integer, .long, .date, .timestamp].contains(keyTypes[0]) {
            index = .integral(KeyIndex())
        } else if keyTypes == [.string] {
            index = .string(KeyIndex())
        } else {
            index = .tuple([:])
            tupleKeys = keyTypes.map { ColumnBuilder(dataType: $0) }
        }
    }

    /// How many rows ahead the hash-table slot is prefetched: enough rows of work to cover a
    /// memory access.
    private static let prefetchDistance = 16

    /// The group of each row of `keys` (new keys get new groups).
    mutating func groups(of keys: [ColumnVector], rowCount: Int) -> [Int] {
        var result = [Int](repeating: 0, count: rowCount)
        switch index {
        case var .integral(table):
            // Release the enum's reference so the table is mutated in place, not copied.
            index = .taken
            let values = keys[0].int64Values
            let hashes = values.map(\.indexHash)
            let validity = keys[0].validity
            for row in 0..<rowCount {
                if row + Self.prefetchDistance < rowCount { table.prefetch(hashes[row + Self.prefetchDistance]) }
                if let validity, !validity[row] { result[row] = nullGroupId(); continue }
                let key = values[row]
                result[row] = table.findOrInsert(key, hash: hashes[row]) {
                    integralKeys.append(key)
                    return newGroup()
                }
            }
            index = .integral(table)
        case .dense:
            preconditionFailure("GroupTable: a table frozen for lookups takes no new keys")
        case var .string(table):
            index = .taken
            guard case let .string(values) = keys[0].storage else { break }
            let hashes = values.map(\.indexHash)
            let validity = keys[0].validity
            for row in 0..<rowCount {
                if row + Self.prefetchDistance < rowCount { table.prefetch(hashes[row + Self.prefetchDistance]) }
                if let validity, !validity[row] { result[row] = nullGroupId(); continue }
                let key = values[row]
                result[row] = table.findOrInsert(key, hash: hashes[row]) {
                    stringKeys.append(key)
                    return newGroup()
                }
            }
            index = .string(table)
        case var .tuple(table):
            index = .taken
            for row in 0..<rowCount {
                let key = RowKey(keys.map { $0.value(at: row) })
                if let group = table[key] {
                    result[row] = group
                } else {
                    for (column, value) in key.values.enumerated() { tupleKeys[column].append(value) }
                    result[row] = newGroup()
                    table[key] = result[row]
                }
            }
            index = .tuple(table)
        case .global:
            if count == 0, rowCount > 0 { _ = newGroup() }
        case .taken:
            preconditionFailure("GroupTable used while its table is being updated")
        }
        return result
    }

    /// The group of each row of `keys` without adding groups: -1 for a key not in the table
    /// and for null keys (which never match in a join).
    func find(_ keys: [ColumnVector], rowCount: Int) -> [Int] {
        var result = [Int](repeating: -1, count: rowCount)
        switch index {
        case let .integral(table):
            Self.find(keys[0].int64Values, validity: keys[0].validity, in: table, into: &result)
        case let .dense(table):
            table.find(keys[0].int64Values, validity: keys[0].validity, into: &result)
        case let .string(table):
            guard case let .string(values) = keys[0].storage else { break }
            Self.find(values, validity: keys[0].validity, in: table, into: &result)
        case let .tuple(table):
            for row in 0..<rowCount where !keys.contains(where: { $0.isNull(row) }) {
                result[row] = table[RowKey(keys.map { $0.value(at: row) })] ?? -1
            }
        case .global:
            if count > 0 { result = [Int](repeating: 0, count: rowCount) }
        case .taken:
            preconditionFailure("GroupTable used while its table is being updated")
        }
        return result
    }

    /// Looks `values` up in `table` (slots prefetched a few rows ahead), leaving -1 in
    /// `result` for missing and null keys.
    private static func find<Key: IndexKey>(_ values: [Key], validity: Bitmap?, in table: KeyIndex<Key>, into result: inout [Int]) {
        let hashes = values.map(\.indexHash)
        for row in values.indices {
            if row + prefetchDistance < values.count { table.prefetch(hashes[row + prefetchDistance]) }
            if let validity, !validity[row] { continue }
            result[row] = table.find(values[row], hash: hashes[row]) ?? -1
        }
    }

    /// The keys, group by group.
    func keyColumns() -> [ColumnVector] {
        var validity: Bitmap?
        if let nullGroup {
            validity = Bitmap(count: count, value: true)
            validity?.clear(nullGroup)
        }
        switch index {
        case .integral, .dense:
            let type = keyTypes[0]
            let storage: ColumnVector.Storage = type == .integer || type == .date
                ? .int32(integralKeys.map { Int32(truncatingIfNeeded: $0) }) : .int64(integralKeys)
            return [ColumnVector(dataType: type, storage: storage, validity: validity)]
        case .string:
            return [ColumnVector(dataType: .string, storage: .string(stringKeys), validity: validity)]
        case .tuple, .global, .taken:
            return tupleKeys.map { $0.finish() }
        }
    }

    /// Prepares a table whose keys are all in for lookups only (a join's build side): dense
    /// integral keys move to a `DenseKeyIndex`, which `find` reads without hashing. After
    /// this, `groups(of:rowCount:)` must not be called.
    mutating func freezeForLookups() {
        guard case .integral = index, let dense = DenseKeyIndex(keys: integralKeys, skipping: nullGroup) else { return }
        index = .dense(dense)
    }

    /// The null key's group, for a single integral or string key (tuples hold their nulls).
    private mutating func nullGroupId() -> Int {
        if let nullGroup { return nullGroup }
        if keyTypes == [.string] { stringKeys.append("") } else { integralKeys.append(0) }
        let group = newGroup()
        nullGroup = group
        return group
    }

    private mutating func newGroup() -> Int {
        count += 1
        return count - 1
    }
}
