import FlintCore

/// Map-side partial aggregation by reduce partition (radix-partitioned, as DuckDB's hash
/// aggregate): a task's rows are buffered as their evaluated key and argument columns, then
/// split by the shuffle's key hash, and each reduce partition's rows are folded into a table of
/// their own, which is that partition's partial batch.
///
/// When keys barely repeat within a task (a group-by over 1 M keys: about 1.4 M rows to 750 k
/// groups per task), one table of all the task's groups misses the cache on nearly every row;
/// split by partition first, each table holds a 1/partitions share of the groups and is built in
/// one pass while it stays in cache. The partials need no split before the shuffle. The buffer
/// is handed on when the task's memory will not hold it (`estimatedBytes`) or at `maximumRows`.
/// Cost per row: one copy into the buffer, a hash, a counting sort, a gather and one
/// cache-resident hash-table lookup per row.
struct PartitionedPartialAggregation {
    let keyTypes: [DataType]
    let operations: [ColumnarAggregator.Operation]
    let partitions: Int
    let partialSchema: StructType
    /// How many argument columns each aggregate has, to cut a buffered row back into calls.
    private let argumentCounts: [Int]
    /// Buffered batches: the key columns, then every aggregate's argument columns.
    private var pending: [[ColumnVector]] = []
    private var pendingRows = 0
    private var pendingBytes = 0

    /// Rows buffered before they are folded and handed on, whatever the memory: bounds the
    /// tables of one fold (at 200 partitions, about 20 k rows each).
    static let maximumRows = 1 << 22

    init(keyTypes: [DataType], operations: [ColumnarAggregator.Operation], argumentCounts: [Int],
         partitions: Int, partialSchema: StructType) {
        precondition(partitions > 1 && !keyTypes.isEmpty, "partitioned aggregation needs keys and several partitions")
        self.keyTypes = keyTypes
        self.operations = operations
        self.argumentCounts = argumentCounts
        self.partitions = partitions
        self.partialSchema = partialSchema
    }

    /// Buffers a batch: `arguments[i]` are the argument columns of aggregate i.
    mutating func add(keys: [ColumnVector], arguments: [[ColumnVector]], rowCount: Int) {
        guard rowCount > 0 else { return }
        let columns = keys + arguments.flatMap { $0 }
        pending.append(columns)
        pendingRows += rowCount
        pendingBytes += ColumnBatch(schema: StructType(columns.indices.map { StructField("c\($0)", columns[$0].dataType) }),
                                    columns: columns, rowCount: rowCount).estimatedBytes
    }

    /// The execution memory the buffer needs: itself and its partitioned copy, plus the tables.
    var estimatedBytes: Int { pendingBytes * 3 }

    /// Whether the buffer holds `maximumRows` rows.
    var isFull: Bool { pendingRows >= Self.maximumRows }

    /// Folds the buffered rows into one partial batch per reduce partition that has rows, and
    /// empties the buffer.
    mutating func emit() -> [(Int, ColumnBatch)] {
        guard let first = pending.first else { return [] }
        let rowCount = pendingRows
        let columns = first.indices.map { index in
            ColumnVector.concatenate(pending.map { $0[index] }, dataType: first[index].dataType)
        }
        pending = []
        pendingRows = 0
        pendingBytes = 0
        let hashes = KeyHashing.hashes(Array(columns.prefix(keyTypes.count)), rowCount: rowCount)
        let (order, starts) = KeyHashing.partitionOrder(hashes, partitions: partitions)
        var output: [(Int, ColumnBatch)] = []
        for partition in 0..<partitions where starts[partition + 1] > starts[partition] {
            let rows = Array(order[starts[partition]..<starts[partition + 1]])
            let part = columns.map { $0.gather(rows) }
            var arguments: [[ColumnVector]] = []
            var column = keyTypes.count
            for count in argumentCounts {
                arguments.append(Array(part[column..<column + count]))
                column += count
            }
            var aggregator = ColumnarAggregator(keyTypes: keyTypes, operations: operations)
            aggregator.add(keys: Array(part.prefix(keyTypes.count)), arguments: arguments, rowCount: rows.count)
            output.append((partition, ColumnBatch(schema: partialSchema, columns: aggregator.partialColumns(),
                                                  rowCount: aggregator.groupCount)))
        }
        return output
    }
}
