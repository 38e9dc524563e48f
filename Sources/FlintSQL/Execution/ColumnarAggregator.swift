/// Hash aggregation on typed buffers for `count`, `sum`, `avg`, `min` and `max` (not DISTINCT)
/// over numbers, dates and timestamps: per batch, one hash lookup per row for its group, then
/// one typed loop per aggregate. Rows and partial results use the same code: a row is first
/// turned into a one-row partial state (`count` → 1 or 0, `avg` → (x, 1)), then partials merge.
///
/// Partial batches (the shuffle's records) hold the keys, then each aggregate's state columns:
/// count → count; sum, min, max → value (null: none yet); avg → sum, count.
struct ColumnarAggregator {
    enum Operation: Equatable { case count, sumLong, sumDouble, average, minimum(DataType), maximum(DataType) }

    let operations: [Operation]
    /// Estimated bytes per group: its slot in the key index, its key copy and, per state
    /// column, the integer, double and presence arrays, with room for their growth.
    private let bytesPerGroup: Int
    private var groups: GroupTable
    private var integers: [[Int64]]
    private var doubles: [[Double]]
    private var present: [[Bool]]

    /// The operations of `calls`, or nil when one of them needs the general path.
    static func operations(for calls: [ResolvedCall]) -> [Operation]? {
        var result: [Operation] = []
        for call in calls {
            guard !call.isDistinct else { return nil }
            let type = call.arguments.first?.dataType
            switch call.name {
            case "count": result.append(.count)
            case "sum": result.append(call.dataType == .long ? .sumLong : .sumDouble)
            case "avg", "mean": result.append(.average)
            case "min", "max":
                guard let type, [.integer, .long, .float, .double, .date, .timestamp].contains(type) else { return nil }
                result.append(call.name == "min" ? .minimum(type) : .maximum(type))
            default: return nil
            }
        }
        return result
    }

    init(keyTypes: [DataType], operations: [Operation]) {
        self.operations = operations
        bytesPerGroup = 48 + 16 * (keyTypes.count + Self.stateTypes(operations).count)
        groups = GroupTable(keyTypes: keyTypes)
        integers = Array(repeating: [], count: operations.count)
        doubles = Array(repeating: [], count: operations.count)
        present = Array(repeating: [], count: operations.count)
    }

    /// Adds rows: `arguments[i]` are the argument columns of aggregate i.
    mutating func add(keys: [ColumnVector], arguments: [[ColumnVector]], rowCount: Int) {
        let ids = groups.groups(of: keys, rowCount: rowCount)
        grow()
        for (index, operation) in operations.enumerated() {
            let columns = arguments[index]
            switch operation {
            case .count:
                var counts = takeIntegers(index)
                for row in 0..<rowCount where !columns.contains(where: { $0.isNull(row) }) { counts[ids[row]] += 1 }
                integers[index] = counts
            case .sumLong, .sumDouble, .average, .minimum, .maximum:
                merge(index, operation, value: columns[0], count: nil, ids: ids, rowCount: rowCount)
            }
        }
    }

    /// Merges a partial batch (see the type's description) whose first `keyCount` columns are keys.
    mutating func merge(partial batch: ColumnBatch, keyCount: Int) {
        let ids = groups.groups(of: Array(batch.columns.prefix(keyCount)), rowCount: batch.rowCount)
        grow()
        var column = keyCount
        for (index, operation) in operations.enumerated() {
            switch operation {
            case .count:
                if case let .int64(partials) = batch.columns[column].storage {
                    var counts = takeIntegers(index)
                    for row in 0..<batch.rowCount { counts[ids[row]] += partials[row] }
                    integers[index] = counts
                }
                column += 1
            case .average:
                merge(index, operation, value: batch.columns[column], count: batch.columns[column + 1], ids: ids, rowCount: batch.rowCount)
                column += 2
            default:
                merge(index, operation, value: batch.columns[column], count: nil, ids: ids, rowCount: batch.rowCount)
                column += 1
            }
        }
    }

    /// Gives the new groups zeroed states. Appends arrays, not `repeatElement`s: an array is
    /// appended with one copy in every build, a `Repeated` element by element through generic
    /// calls in debug builds.
    private mutating func grow() {
        for index in operations.indices where integers[index].count < groups.count {
            let missing = groups.count - integers[index].count
            integers[index] += [Int64](repeating: 0, count: missing)
            doubles[index] += [Double](repeating: 0, count: missing)
            present[index] += [Bool](repeating: false, count: missing)
        }
    }

    /// The state array of aggregate `index`, taken out so that a loop mutates it in place
    /// (a nested array element updated row by row pays a uniqueness check per access).
    private mutating func takeIntegers(_ index: Int) -> [Int64] {
        defer { integers[index] = [] }
        return integers[index]
    }

    /// Folds `value` (and, for a partial average, its `count` column) into the states of
    /// aggregate `index`, row `i` into group `ids[i]`: one typed loop per batch.
    private mutating func merge(_ index: Int, _ operation: Operation, value: ColumnVector, count: ColumnVector?,
                                ids: [Int], rowCount: Int) {
        var sums = takeIntegers(index)
        var totals = doubles[index], seen = present[index]
        doubles[index] = []
        present[index] = []
        defer {
            integers[index] = sums
            doubles[index] = totals
            present[index] = seen
        }
        let validity = value.validity
        /// Calls `body` with every row whose value is not null.
        func forEachValid(_ body: (Int) -> Void) {
            if let validity {
                for row in 0..<rowCount where validity[row] { body(row) }
            } else {
                for row in 0..<rowCount { body(row) }
            }
        }
        switch operation {
        case .sumLong:
            let xs = value.int64Values
            forEachValid { row in sums[ids[row]] &+= xs[row]; seen[ids[row]] = true }
        case .sumDouble:
            let xs = value.doubleValues
            forEachValid { row in totals[ids[row]] += xs[row]; seen[ids[row]] = true }
        case .average:
            let xs = value.doubleValues
            let counts: [Int64]? = if case let .int64(values)? = count?.storage { values } else { nil }
            forEachValid { row in
                totals[ids[row]] += xs[row]
                sums[ids[row]] += counts?[row] ?? 1
                seen[ids[row]] = true
            }
        case let .minimum(type), let .maximum(type):
            let sign = if case .minimum = operation { -1 } else { 1 }
            if type == .float || type == .double {
                let xs = value.doubleValues
                forEachValid { row in
                    let group = ids[row]
                    if !seen[group] || Value.compareDoubles(xs[row], totals[group]) == sign { totals[group] = xs[row] }
                    seen[group] = true
                }
            } else {
                let xs = value.int64Values
                forEachValid { row in
                    let group = ids[row]
                    if !seen[group] || (sign < 0 ? xs[row] < sums[group] : xs[row] > sums[group]) { sums[group] = xs[row] }
                    seen[group] = true
                }
            }
        case .count:
            break
        }
    }

    /// The keys and partial states, in the partial batch layout.
    func partialColumns() -> [ColumnVector] {
        var columns = groups.keyColumns()
        for (index, operation) in operations.enumerated() {
            let validity = Bitmap(present[index])
            switch operation {
            case .count: columns.append(ColumnVector(dataType: .long, storage: .int64(integers[index])))
            case .sumLong: columns.append(ColumnVector(dataType: .long, storage: .int64(integers[index]), validity: validity))
            case .sumDouble: columns.append(ColumnVector(dataType: .double, storage: .float64(doubles[index]), validity: validity))
            case .average:
                columns.append(ColumnVector(dataType: .double, storage: .float64(doubles[index])))
                columns.append(ColumnVector(dataType: .long, storage: .int64(integers[index])))
            case let .minimum(type), let .maximum(type):
                columns.append(type == .float || type == .double
                               ? ColumnVector(dataType: .double, storage: .float64(doubles[index]), validity: validity)
                               : ColumnVector(dataType: .long, storage: .int64(integers[index]), validity: validity))
            }
        }
        return columns
    }

    /// The types of `partialColumns()` after the keys.
    static func stateTypes(_ operations: [Operation]) -> [DataType] {
        operations.flatMap { operation -> [DataType] in
            switch operation {
            case .count, .sumLong: [.long]
            case .sumDouble: [.double]
            case .average: [.double, .long]
            case let .minimum(type), let .maximum(type): [type == .float || type == .double ? .double : .long]
            }
        }
    }

    /// The keys and each aggregate's final value, as `calls` type them.
    func finalColumns(_ calls: [ResolvedCall]) -> [ColumnVector] {
        var columns = groups.keyColumns()
        for (index, operation) in operations.enumerated() {
            let type = calls[index].dataType
            if let column = typedFinalColumn(index, operation, type) {
                columns.append(column)
                continue
            }
            let values: [Value] = (0..<groups.count).map { group in
                switch operation {
                case .count: return .long(integers[index][group])
                case .average:
                    return integers[index][group] == 0 ? .null : .double(doubles[index][group] / Double(integers[index][group]))
                default:
                    guard present[index][group] else { return .null }
                    switch type {
                    case .date: return .date(Int32(truncatingIfNeeded: integers[index][group]))
                    case .timestamp: return .timestamp(integers[index][group])
                    case .double, .float: return Cast.cast(.double(doubles[index][group]), to: type)
                    default: return Cast.cast(.long(integers[index][group]), to: type)
                    }
                }
            }
            var builder = ColumnBuilder(dataType: type, capacity: values.count)
            for value in values { builder.append(value) }
            columns.append(builder.finish())
        }
        return columns
    }

    /// Aggregate `index`'s final column straight from its state arrays when its result type is
    /// the state's own (count, bigint and double sums, averages, bigint and double min/max);
    /// nil for the rest, which go through `Value`. O(groups), no per-group boxing.
    private func typedFinalColumn(_ index: Int, _ operation: Operation, _ type: DataType) -> ColumnVector? {
        func validity(_ present: [Bool]) -> Bitmap? {
            let bits = Bitmap(present)
            return bits.isAllSet ? nil : bits
        }
        switch (operation, type) {
        case (.count, .long):
            return ColumnVector(dataType: .long, storage: .int64(integers[index]))
        case (.sumLong, .long), (.minimum(.long), .long), (.maximum(.long), .long):
            return ColumnVector(dataType: .long, storage: .int64(integers[index]), validity: validity(present[index]))
        case (.sumDouble, .double), (.minimum(.double), .double), (.maximum(.double), .double):
            return ColumnVector(dataType: .double, storage: .float64(doubles[index]), validity: validity(present[index]))
        case (.average, .double):
            let counts = integers[index], sums = doubles[index]
            var means = [Double](repeating: 0, count: counts.count)
            for group in counts.indices where counts[group] != 0 { means[group] = sums[group] / Double(counts[group]) }
            return ColumnVector(dataType: .double, storage: .float64(means), validity: validity(counts.map { $0 != 0 }))
        default:
            return nil
        }
    }

    /// Number of groups.
    var groupCount: Int { groups.count }

    /// The estimated bytes the groups hold, for execution-memory accounting. O(1).
    var estimatedBytes: Int { groups.count * bytesPerGroup }
}
