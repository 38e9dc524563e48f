/// The rows of one column of a batch being decoded, in a typed buffer of the column's storage
/// kind, plus the rows that are null. Appending costs an array append (amortised O(1), no
/// boxing); `finish` hands the buffer to a `ColumnVector` without copying.
struct CSVColumnAccumulator {
    enum Kind { case boolean, int32, int64, float32, float64, string, null }

    let dataType: DataType
    let kind: Kind
    private(set) var booleans: [Bool] = []
    fileprivate(set) var int32s: [Int32] = []
    fileprivate(set) var int64s: [Int64] = []
    private(set) var float32s: [Float] = []
    fileprivate(set) var float64s: [Double] = []
    private(set) var strings: [String] = []
    /// Rows appended so far.
    private(set) var count = 0
    /// The null rows, ascending.
    private var nullRows: [Int] = []

    /// An empty column of `dataType`, reserving `capacity` rows.
    /// - Throws: `DataSourceError.unsupported` for arrays and structs, which CSV cannot hold.
    init(dataType: DataType, capacity: Int) throws {
        self.dataType = dataType
        switch dataType {
        case .boolean: kind = .boolean; booleans.reserveCapacity(capacity)
        case .integer, .date: kind = .int32; int32s.reserveCapacity(capacity)
        case .long, .timestamp: kind = .int64; int64s.reserveCapacity(capacity)
        case .float: kind = .float32; float32s.reserveCapacity(capacity)
        case .double: kind = .float64; float64s.reserveCapacity(capacity)
        case .string: kind = .string; strings.reserveCapacity(capacity)
        case .null: kind = .null
        case .array, .structure, .vector:
            throw DataSourceError.unsupported("CSV data source does not support \(dataType.simpleString) data type.")
        }
    }

    @inline(__always) mutating func append(_ value: Bool) { booleans.append(value); count += 1 }
    @inline(__always) mutating func append(_ value: Int32) { int32s.append(value); count += 1 }
    @inline(__always) mutating func append(_ value: Int64) { int64s.append(value); count += 1 }
    @inline(__always) mutating func append(_ value: Float) { float32s.append(value); count += 1 }
    @inline(__always) mutating func append(_ value: Double) { float64s.append(value); count += 1 }
    @inline(__always) mutating func append(_ value: String) { strings.append(value); count += 1 }

    /// Appends `values` as rows; those at `nullOffsets` (ascending offsets into `values`,
    /// which hold placeholders there) are null. One copy for a block of rows.
    mutating func append<Number: CSVBlockAppendable>(contentsOf values: UnsafeBufferPointer<Number>, nullOffsets: [Int]) {
        markNulls(nullOffsets)
        self[keyPath: Number.storage].append(contentsOf: values)
        count += values.count
    }

    private mutating func markNulls(_ offsets: [Int]) {
        for offset in offsets { nullRows.append(count + offset) }
    }

    /// Appends a null (a placeholder in the buffer and a null mark).
    mutating func appendNull() {
        nullRows.append(count)
        switch kind {
        case .boolean: booleans.append(false)
        case .int32: int32s.append(0)
        case .int64: int64s.append(0)
        case .float32: float32s.append(0)
        case .float64: float64s.append(0)
        case .string: strings.append("")
        case .null: break
        }
        count += 1
    }

    /// Drops the rows from `rows` on (a record dropped after some of its fields were appended).
    mutating func truncate(to rows: Int) {
        guard rows < count else { return }
        while let last = nullRows.last, last >= rows { nullRows.removeLast() }
        switch kind {
        case .boolean: booleans.removeLast(count - rows)
        case .int32: int32s.removeLast(count - rows)
        case .int64: int64s.removeLast(count - rows)
        case .float32: float32s.removeLast(count - rows)
        case .float64: float64s.removeLast(count - rows)
        case .string: strings.removeLast(count - rows)
        case .null: break
        }
        count = rows
    }

    /// The column built so far, and an empty accumulator (reserving `capacity`) in its place.
    mutating func finish(capacity: Int) -> ColumnVector {
        var validity: Bitmap?
        if !nullRows.isEmpty {
            var bits = Bitmap(count: count, value: true)
            for row in nullRows { bits.clear(row) }
            validity = bits
        }
        let storage: ColumnVector.Storage
        switch kind {
        case .boolean: storage = .boolean(booleans); booleans = []; booleans.reserveCapacity(capacity)
        case .int32: storage = .int32(int32s); int32s = []; int32s.reserveCapacity(capacity)
        case .int64: storage = .int64(int64s); int64s = []; int64s.reserveCapacity(capacity)
        case .float32: storage = .float32(float32s); float32s = []; float32s.reserveCapacity(capacity)
        case .float64: storage = .float64(float64s); float64s = []; float64s.reserveCapacity(capacity)
        case .string: storage = .string(strings); strings = []; strings.reserveCapacity(capacity)
        case .null: storage = .values(Array(repeating: .null, count: count))
        }
        count = 0
        nullRows.removeAll(keepingCapacity: true)
        return ColumnVector(dataType: dataType, storage: storage, validity: validity)
    }
}

/// The number types a `CSVColumnAccumulator` takes a block of at once, by the buffer that
/// holds them.
protocol CSVBlockAppendable {
    static var storage: WritableKeyPath<CSVColumnAccumulator, [Self]> { get }
}

extension Int64: CSVBlockAppendable {
    static var storage: WritableKeyPath<CSVColumnAccumulator, [Int64]> { \.int64s }
}

extension Int32: CSVBlockAppendable {
    static var storage: WritableKeyPath<CSVColumnAccumulator, [Int32]> { \.int32s }
}

extension Double: CSVBlockAppendable {
    static var storage: WritableKeyPath<CSVColumnAccumulator, [Double]> { \.float64s }
}
