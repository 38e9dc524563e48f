/// One column of a batch: a typed buffer of `count` values plus a validity bitmap (nil when
/// the column has no nulls), as the column vectors of DuckDB, Velox or Spark's vectorised
/// reader. A null slot holds a placeholder (0, "", false) in the buffer.
///
/// Kernels switch on `storage` once per batch and then loop over a concrete array.
public struct ColumnVector: Sendable, Codable {
    /// The typed buffer.
    public enum Storage: Sendable, Codable {
        case boolean([Bool])
        /// `integer` and `date` columns.
        case int32([Int32])
        /// `long` and `timestamp` columns.
        case int64([Int64])
        case float32([Float])
        case float64([Double])
        case string([String])
        /// Arrays, structs and the `null` type.
        case values([Value])
    }

    /// The SQL type of the column.
    public let dataType: DataType
    /// The values.
    public var storage: Storage
    /// Set bits mark non-null rows; nil means no row is null.
    public var validity: Bitmap?

    /// Creates a column from a buffer and its validity.
    public init(dataType: DataType, storage: Storage, validity: Bitmap? = nil) {
        self.dataType = dataType
        self.storage = storage
        self.validity = validity.flatMap { $0.isAllSet ? nil : $0 }
    }

    /// Number of rows.
    public var count: Int {
        switch storage {
        case let .boolean(v): v.count
        case let .int32(v): v.count
        case let .int64(v): v.count
        case let .float32(v): v.count
        case let .float64(v): v.count
        case let .string(v): v.count
        case let .values(v): v.count
        }
    }

    /// Whether row `index` is null.
    @inlinable
    public func isNull(_ index: Int) -> Bool { validity.map { !$0[index] } ?? false }

    /// Whether any row is null.
    public var hasNulls: Bool { validity != nil }

    /// Row `index` as a `Value`. Costs a switch and a copy: for the edges, not for kernels.
    public func value(at index: Int) -> Value {
        if isNull(index) { return .null }
        switch (storage, dataType) {
        case let (.boolean(v), _): return .boolean(v[index])
        case let (.int32(v), .date): return .date(v[index])
        case let (.int32(v), _): return .integer(v[index])
        case let (.int64(v), .timestamp): return .timestamp(v[index])
        case let (.int64(v), _): return .long(v[index])
        case let (.float32(v), _): return .float(v[index])
        case let (.float64(v), _): return .double(v[index])
        case let (.string(v), _): return .string(v[index])
        case let (.values(v), _): return v[index]
        }
    }

    /// A column of `count` nulls of `dataType`.
    public static func nulls(_ dataType: DataType, count: Int) -> ColumnVector {
        var builder = ColumnBuilder(dataType: dataType, capacity: count)
        for _ in 0..<count { builder.appendNull() }
        return builder.finish()
    }

    /// A column repeating `value` `count` times (a literal over a batch).
    /// Costs one array fill: the value is converted once.
    public static func constant(_ value: Value, dataType: DataType, count: Int) -> ColumnVector {
        var builder = ColumnBuilder(dataType: dataType, capacity: 1)
        builder.append(value)
        let one = builder.finish()
        let validity = one.isNull(0) ? Bitmap(count: count, value: false) : nil
        func repeated<T>(_ values: [T]) -> [T] { Array(repeating: values[0], count: count) }
        switch one.storage {
        case let .boolean(v): return ColumnVector(dataType: dataType, storage: .boolean(repeated(v)), validity: validity)
        case let .int32(v): return ColumnVector(dataType: dataType, storage: .int32(repeated(v)), validity: validity)
        case let .int64(v): return ColumnVector(dataType: dataType, storage: .int64(repeated(v)), validity: validity)
        case let .float32(v): return ColumnVector(dataType: dataType, storage: .float32(repeated(v)), validity: validity)
        case let .float64(v): return ColumnVector(dataType: dataType, storage: .float64(repeated(v)), validity: validity)
        case let .string(v): return ColumnVector(dataType: dataType, storage: .string(repeated(v)), validity: validity)
        case let .values(v): return ColumnVector(dataType: dataType, storage: .values(repeated(v)), validity: validity)
        }
    }

    /// The rows at `indices`, in that order (filters, joins, sorts). O(indices.count).
    public func gather(_ indices: [Int]) -> ColumnVector {
        let kept = validity.map { bits in Bitmap(indices.map { bits[$0] }) }
        func pick<T>(_ values: [T]) -> [T] { indices.map { values[$0] } }
        switch storage {
        case let .boolean(v): return ColumnVector(dataType: dataType, storage: .boolean(pick(v)), validity: kept)
        case let .int32(v): return ColumnVector(dataType: dataType, storage: .int32(pick(v)), validity: kept)
        case let .int64(v): return ColumnVector(dataType: dataType, storage: .int64(pick(v)), validity: kept)
        case let .float32(v): return ColumnVector(dataType: dataType, storage: .float32(pick(v)), validity: kept)
        case let .float64(v): return ColumnVector(dataType: dataType, storage: .float64(pick(v)), validity: kept)
        case let .string(v): return ColumnVector(dataType: dataType, storage: .string(pick(v)), validity: kept)
        case let .values(v): return ColumnVector(dataType: dataType, storage: .values(pick(v)), validity: kept)
        }
    }

    /// The columns one after the other (all of `dataType`): one typed append per column.
    public static func concatenate(_ columns: [ColumnVector], dataType: DataType) -> ColumnVector {
        guard columns.count != 1 else { return columns[0] }
        let total = columns.reduce(0) { $0 + $1.count }
        var validity: Bitmap?
        if columns.contains(where: \.hasNulls) {
            var bits = [Bool]()
            bits.reserveCapacity(total)
            for column in columns { for row in 0..<column.count { bits.append(!column.isNull(row)) } }
            validity = Bitmap(bits)
        }
        func joined<T>(_ extract: (ColumnVector) -> [T]?) -> [T]? {
            var result: [T] = []
            result.reserveCapacity(total)
            for column in columns {
                guard let values = extract(column) else { return nil }
                result.append(contentsOf: values)
            }
            return result
        }
        let storage: Storage?
        switch ColumnBuilder.kind(of: dataType) {
        case .boolean: storage = joined { if case let .boolean(v) = $0.storage { v } else { nil } }.map(Storage.boolean)
        case .int32: storage = joined { if case let .int32(v) = $0.storage { v } else { nil } }.map(Storage.int32)
        case .int64: storage = joined { if case let .int64(v) = $0.storage { v } else { nil } }.map(Storage.int64)
        case .float32: storage = joined { if case let .float32(v) = $0.storage { v } else { nil } }.map(Storage.float32)
        case .float64: storage = joined { if case let .float64(v) = $0.storage { v } else { nil } }.map(Storage.float64)
        case .string: storage = joined { if case let .string(v) = $0.storage { v } else { nil } }.map(Storage.string)
        case .values: storage = joined { if case let .values(v) = $0.storage { v } else { nil } }.map(Storage.values)
        }
        guard let storage else {
            var builder = ColumnBuilder(dataType: dataType, capacity: total)
            for column in columns { builder.append(contentsOf: column) }
            return builder.finish()
        }
        return ColumnVector(dataType: dataType, storage: storage, validity: validity)
    }

    /// The rows at `indices`, a negative index giving a null (the missing side of an outer join).
    public func gather(orNull indices: [Int]) -> ColumnVector {
        guard indices.contains(where: { $0 < 0 }) else { return gather(indices) }
        guard count > 0 else { return .nulls(dataType, count: indices.count) }
        var column = gather(indices.map { Swift.max($0, 0) })
        var bits = Bitmap(indices.map { $0 >= 0 })
        if let existing = column.validity { bits = bits.and(existing) }
        column.validity = bits.isAllSet ? nil : bits
        return column
    }
}
