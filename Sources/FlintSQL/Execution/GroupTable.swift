import FlintCore

/// Assigns a dense group number to each distinct key of a hash aggregation, and keeps one copy
/// of each key. A single integral key (int, bigint, date, timestamp) is hashed as an `Int64`,
/// a single string as a `String`, anything else as a tuple of `Value`s; the null key is a group
/// of its own. Cost per row: one hash-table lookup of the key's native type.
struct GroupTable {
    private enum Index {
        case integral(KeyIndex<Int64>)
        case string(KeyIndex<String>)
        case tuple([RowKey: Int])
        /// Held only while a table is taken out to be mutated in place (no copy, no allocation).
        case taken
    }

    private var index: Index
    private var nullGroup: Int?
    private var keyBuilders: [ColumnBuilder]
    /// Number of groups so far.
    private(set) var count = 0

    init(keyTypes: [DataType]) {
        keyBuilders = keyTypes.map { ColumnBuilder(dataType: $0) }
        if keyTypes.count == 1, [.integer, .long, .date, .timestamp].contains(keyTypes[0]) {
            index = .integral(KeyIndex())
        } else if keyTypes == [.string] {
            index = .string(KeyIndex())
        } else {
            index = .tuple([:])
        }
    }

    /// The group of each row of `keys` (new keys get new groups).
    mutating func groups(of keys: [ColumnVector], rowCount: Int) -> [Int] {
        var result = [Int](repeating: 0, count: rowCount)
        switch index {
        case var .integral(table):
            // Release the enum's reference so the table is mutated in place, not copied.
            index = .taken
            let column = keys[0]
            for row in 0..<rowCount {
                if column.isNull(row) { result[row] = nullGroupId(); continue }
                let key: Int64
                switch column.storage {
                case let .int32(values): key = Int64(values[row])
                case let .int64(values): key = values[row]
                default: key = column.value(at: row).longValue ?? 0
                }
                result[row] = table.findOrInsert(key) { newGroup(keys, row) }
            }
            index = .integral(table)
        case var .string(table):
            index = .taken
            let column = keys[0]
            guard case let .string(values) = column.storage else { break }
            for row in 0..<rowCount {
                if column.isNull(row) { result[row] = nullGroupId(); continue }
                result[row] = table.findOrInsert(values[row]) { newGroup(keys, row) }
            }
            index = .string(table)
        case var .tuple(table):
            index = .taken
            for row in 0..<rowCount {
                let key = RowKey(keys.map { $0.value(at: row) })
                if let group = table[key] { result[row] = group } else { result[row] = newGroup(keys, row); table[key] = result[row] }
            }
            index = .tuple(table)
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
            let column = keys[0]
            for row in 0..<rowCount where !column.isNull(row) {
                let key: Int64
                switch column.storage {
                case let .int32(values): key = Int64(values[row])
                case let .int64(values): key = values[row]
                default: key = column.value(at: row).longValue ?? 0
                }
                result[row] = table.find(key) ?? -1
            }
        case let .string(table):
            guard case let .string(values) = keys[0].storage else { break }
            for row in 0..<rowCount where !keys[0].isNull(row) { result[row] = table.find(values[row]) ?? -1 }
        case let .tuple(table):
            for row in 0..<rowCount where !keys.contains(where: { $0.isNull(row) }) {
                result[row] = table[RowKey(keys.map { $0.value(at: row) })] ?? -1
            }
        case .taken:
            preconditionFailure("GroupTable used while its table is being updated")
        }
        return result
    }

    /// The keys, group by group.
    func keyColumns() -> [ColumnVector] { keyBuilders.map { $0.finish() } }

    private mutating func nullGroupId() -> Int {
        if let nullGroup { return nullGroup }
        let group = count
        count += 1
        for index in keyBuilders.indices { keyBuilders[index].appendNull() }
        nullGroup = group
        return group
    }

    private mutating func newGroup(_ keys: [ColumnVector], _ row: Int) -> Int {
        for index in keyBuilders.indices { keyBuilders[index].append(keys[index].value(at: row)) }
        count += 1
        return count - 1
    }
}
