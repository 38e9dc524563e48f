import FlintCore

/// Map-side partial aggregation that splits rows by reduce partition first when keys barely
/// repeat (radix-partitioned, as DuckDB's hash aggregate).
///
/// A task starts with one table (`ColumnarAggregator`), which is best when the groups are few.
/// Once it holds more than `directGroupLimit` groups, its partials are split by partition and
/// kept, and from then on rows are buffered as their evaluated key and argument columns, split
/// by the shuffle's key hash, and each reduce partition's rows are folded into a table of their
/// own, which is that partition's partial batch. When keys barely repeat within a task (a
/// group-by over 1 M keys: about 1.4 M rows to 750 k groups per task), one table of all the
/// task's groups misses the cache on nearly every row; split first, each table holds a
/// 1/partitions share of the groups and is built in one pass while it stays in cache. The
/// buffer is handed on when the task's memory will not hold it (`estimatedBytes`) or at
/// `maximumRows`. Cost per row once split: one copy into the buffer, a hash, a counting pass,
/// a scatter into its partition's run and one cache-resident hash-table lookup.
struct PartitionedPartialAggregation {
    let keyTypes: [DataType]
    let operations: [ColumnarAggregator.Operation]
    let partitions: Int
    let partialSchema: StructType
    /// How many argument columns each aggregate has, to cut a buffered row back into calls.
    private let argumentCounts: [Int]
    /// The single table, until it outgrows `directGroupLimit`; nil once rows are split first.
    private var direct: ColumnarAggregator?
    /// The single table's partials, split by partition when it was given up.
    private var stashed: [(Int, ColumnBatch)] = []
    private var stashedBytes = 0
    /// Buffered batches: the key columns, then every aggregate's argument columns.
    private var pending: [ColumnBatch] = []
    /// The schema of the buffered batches, made from the first one.
    private var pendingSchema: StructType?
    private var pendingRows = 0
    private var pendingBytes = 0

    /// Groups the single table may hold before rows are split by partition first.
    private let directGroupLimit: Int
    /// The default `directGroupLimit`: a table of a few MB, about what stays in cache.
    static let defaultDirectGroupLimit = 1 << 16

    /// Rows buffered before they are folded and handed on, whatever the memory: bounds the
    /// tables of one fold (at 200 partitions, about 20 k rows each).
    static let maximumRows = 1 << 22

    init(keyTypes: [DataType], operations: [ColumnarAggregator.Operation], argumentCounts: [Int],
         partitions: Int, partialSchema: StructType, directGroupLimit: Int = defaultDirectGroupLimit) {
        self.keyTypes = keyTypes
        self.operations = operations
        self.argumentCounts = argumentCounts
        self.partitions = partitions
        self.partialSchema = partialSchema
        self.directGroupLimit = directGroupLimit
        direct = ColumnarAggregator(keyTypes: keyTypes, operations: operations)
    }

    /// Buffers a batch: `arguments[i]` are the argument columns of aggregate i.
    mutating func add(keys: [ColumnVector], arguments: [[ColumnVector]], rowCount: Int) {
        guard rowCount > 0 else { return }
        if var table = direct {
            direct = nil
            table.add(keys: keys, arguments: arguments, rowCount: rowCount)
            // A global aggregate (one group) or a single partition keeps its one table.
            guard table.groupCount > directGroupLimit, partitions > 1, !keyTypes.isEmpty else {
                direct = table
                return
            }
            stashed = split(table)
            stashedBytes = stashed.reduce(0) { $0 + $1.1.estimatedBytes }
            return
        }
        let columns = keys + arguments.flatMap { $0 }
        let schema = pendingSchema ?? StructType(columns.indices.map { StructField("c\($0)", columns[$0].dataType) })
        pendingSchema = schema
        let batch = ColumnBatch(schema: schema, columns: columns, rowCount: rowCount)
        pending.append(batch)
        pendingRows += rowCount
        pendingBytes += batch.estimatedBytes
    }

    /// The execution memory the buffer needs: itself and its partitioned copy, plus the tables.
    var estimatedBytes: Int { (direct?.estimatedBytes ?? 0) + stashedBytes + pendingBytes * 3 }

    /// Whether the buffer holds `maximumRows` rows.
    var isFull: Bool { pendingRows >= Self.maximumRows }

    /// The partials so far, by reduce partition: the single table's, or the stashed ones and the
    /// buffered rows folded per partition; empties the table or the buffer.
    mutating func emit() -> [(Int, ColumnBatch)] {
        if let table = direct {
            direct = ColumnarAggregator(keyTypes: keyTypes, operations: operations)
            return split(table)
        }
        var output = stashed
        stashed = []
        stashedBytes = 0
        guard let schema = pendingSchema, !pending.isEmpty else { return output }
        let rows = ColumnBatch.concatenating(pending, schema: schema)
        pending = []
        pendingRows = 0
        pendingBytes = 0
        let hashes = KeyHashing.hashes(Array(rows.columns.prefix(keyTypes.count)), rowCount: rows.rowCount)
        for (partition, part) in KeyHashing.split(rows, hashes: hashes, partitions: partitions) {
            var arguments: [[ColumnVector]] = []
            var column = keyTypes.count
            for count in argumentCounts {
                arguments.append(Array(part.columns[column..<column + count]))
                column += count
            }
            var aggregator = ColumnarAggregator(keyTypes: keyTypes, operations: operations)
            aggregator.add(keys: Array(part.columns.prefix(keyTypes.count)), arguments: arguments, rowCount: part.rowCount)
            output.append((partition, ColumnBatch(schema: partialSchema, columns: aggregator.partialColumns(),
                                                  rowCount: aggregator.groupCount)))
        }
        return output
    }

    /// The partials of one table, split by the key hash into one batch per partition.
    private func split(_ table: ColumnarAggregator) -> [(Int, ColumnBatch)] {
        let partial = ColumnBatch(schema: partialSchema, columns: table.partialColumns(), rowCount: table.groupCount)
        guard partial.rowCount > 0 else { return [] }
        // A global aggregate's one row goes to partition 0, which answers for an empty input.
        guard partitions > 1, !keyTypes.isEmpty else { return [(0, partial)] }
        let hashes = KeyHashing.hashes(Array(partial.columns.prefix(keyTypes.count)), rowCount: partial.rowCount)
        return KeyHashing.split(partial, hashes: hashes, partitions: partitions)
    }
}
