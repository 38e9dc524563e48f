/// Collects the rows a map task sends to each reduce partition into batches of about 4096 rows,
/// so that an exchange writes a few large batches per partition instead of a sliver of every
/// input batch for each of them.
struct PartitionedBatches {
    private var pending: [[ColumnBatch]]
    private var pendingRows: [Int]
    private let schema: StructType
    private static var targetRows: Int { 4096 }

    init(partitions: Int, schema: StructType) {
        pending = Array(repeating: [], count: partitions)
        pendingRows = Array(repeating: 0, count: partitions)
        self.schema = schema
    }

    /// Adds the pieces of one split batch; returns the batches that are now full.
    mutating func add(_ pieces: [(Int, ColumnBatch)]) -> [(Int, ColumnBatch)] {
        var full: [(Int, ColumnBatch)] = []
        for (partition, piece) in pieces {
            pending[partition].append(piece)
            pendingRows[partition] += piece.rowCount
            if pendingRows[partition] >= Self.targetRows { full.append((partition, take(partition))) }
        }
        return full
    }

    /// Every partition's remaining rows.
    mutating func flush() -> [(Int, ColumnBatch)] {
        pending.indices.filter { pendingRows[$0] > 0 }.map { ($0, take($0)) }
    }

    private mutating func take(_ partition: Int) -> ColumnBatch {
        let pieces = pending[partition]
        pending[partition] = []
        pendingRows[partition] = 0
        return ColumnBatch.concatenating(pieces, schema: schema)
    }
}
