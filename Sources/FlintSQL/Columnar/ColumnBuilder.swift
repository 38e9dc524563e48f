/// Builds a `ColumnVector` of one type row by row (sources, the driver) or by whole columns.
/// Appending a value of the column's storage type costs an array append and, for nulls, a bit.
public struct ColumnBuilder {
    /// The type of the column being built.
    public let dataType: DataType
    private var booleans: [Bool] = []
    private var int32s: [Int32] = []
    private var int64s: [Int64] = []
    private var float32s: [Float] = []
    private var float64s: [Double] = []
    private var strings: [String] = []
    private var values: [Value] = []
    private var validity: [Bool] = []
    private var nullCount = 0

    /// Creates a builder for `dataType`, reserving `capacity` rows.
    public init(dataType: DataType, capacity: Int = 0) {
        self.dataType = dataType
        validity.reserveCapacity(capacity)
        switch ColumnBuilder.kind(of: dataType) {
        case .boolean: booleans.reserveCapacity(capacity)
        case .int32: int32s.reserveCapacity(capacity)
        case .int64: int64s.reserveCapacity(capacity)
        case .float32: float32s.reserveCapacity(capacity)
        case .float64: float64s.reserveCapacity(capacity)
        case .string: strings.reserveCapacity(capacity)
        case .values: values.reserveCapacity(capacity)
        }
    }

    /// Rows appended so far.
    public var count: Int { validity.count }

    /// Appends a null.
    public mutating func appendNull() {
        nullCount += 1
        validity.append(false)
        switch ColumnBuilder.kind(of: dataType) {
        case .boolean: booleans.append(false)
        case .int32: int32s.append(0)
        case .int64: int64s.append(0)
        case .float32: float32s.append(0)
        case .float64: float64s.append(0)
        case .string: strings.append("")
        case .values: values.append(.null)
        }
    }

    /// Appends `value`, converting numbers to the column type (an `.integer` into a `long`
    /// column, ...). A value of another kind is appended as null.
    public mutating func append(_ value: Value) {
        if value.isNull { return appendNull() }
        switch (ColumnBuilder.kind(of: dataType), value) {
        case let (.boolean, .boolean(v)): booleans.append(v)
        case let (.int32, .integer(v)), let (.int32, .date(v)): int32s.append(v)
        case let (.int64, .timestamp(v)): int64s.append(v)
        case (.int64, _) where value.longValue != nil: int64s.append(value.longValue!)
        case (.float32, _) where value.doubleValue != nil: float32s.append(Float(value.doubleValue!))
        case (.float64, _) where value.doubleValue != nil: float64s.append(value.doubleValue!)
        case let (.string, .string(v)): strings.append(v)
        case (.values, _): values.append(value)
        default: return appendNull()
        }
        validity.append(true)
    }

    /// Appends every row of `column` (of the same storage kind).
    public mutating func append(contentsOf column: ColumnVector) {
        for index in 0..<column.count { append(column.value(at: index)) }
    }

    /// The column built.
    public func finish() -> ColumnVector {
        let bitmap = nullCount == 0 ? nil : Bitmap(validity)
        let storage: ColumnVector.Storage = switch ColumnBuilder.kind(of: dataType) {
        case .boolean: .boolean(booleans)
        case .int32: .int32(int32s)
        case .int64: .int64(int64s)
        case .float32: .float32(float32s)
        case .float64: .float64(float64s)
        case .string: .string(strings)
        case .values: .values(values)
        }
        return ColumnVector(dataType: dataType, storage: storage, validity: bitmap)
    }

    /// The storage kind of a type.
    enum Kind { case boolean, int32, int64, float32, float64, string, values }

    static func kind(of dataType: DataType) -> Kind {
        switch dataType {
        case .boolean: .boolean
        case .integer, .date: .int32
        case .long, .timestamp: .int64
        case .float: .float32
        case .double: .float64
        case .string: .string
        case .null, .array, .structure, .vector: .values
        }
    }
}
