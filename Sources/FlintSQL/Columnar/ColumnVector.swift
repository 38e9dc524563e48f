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
    public static func constant(_ value: Value, dataType: DataType, count: Int) -> ColumnVector {
        var builder = ColumnBuilder(dataType: dataType, capacity: count)
        for _ in 0..<count { builder.append(value) }
        return builder.finish()
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

    /// The rows `range`. O(range.count).
    public func slice(_ range: Range<Int>) -> ColumnVector { gather(Array(range)) }

    /// The columns one after the other (all of `dataType`).
    public static func concatenate(_ columns: [ColumnVector], dataType: DataType) -> ColumnVector {
        var builder = ColumnBuilder(dataType: dataType, capacity: columns.reduce(0) { $0 + $1.count })
        for column in columns { builder.append(contentsOf: column) }
        return builder.finish()
    }
}
