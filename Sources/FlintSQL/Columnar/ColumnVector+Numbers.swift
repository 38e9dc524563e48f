extension ColumnVector {
    /// The rows as `Int64`s, for kernels over integral columns: the buffer itself for 64-bit
    /// columns, one conversion pass for 32-bit ones (null slots keep their placeholder, 0).
    public var int64Values: [Int64] {
        switch storage {
        case let .int64(values): values
        case let .int32(values): values.map(Int64.init)
        default: (0..<count).map { value(at: $0).longValue ?? 0 }
        }
    }

    /// The rows as `Double`s, for kernels over numeric columns: the buffer itself for doubles,
    /// one conversion pass otherwise (null slots keep their placeholder, 0).
    public var doubleValues: [Double] {
        switch storage {
        case let .float64(values): values
        case let .float32(values): values.map(Double.init)
        case let .int64(values): values.map(Double.init)
        case let .int32(values): values.map(Double.init)
        default: (0..<count).map { value(at: $0).doubleValue ?? .nan }
        }
    }
}
