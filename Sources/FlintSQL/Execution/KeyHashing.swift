/// Hashes of key columns, row by row, equal to `RowKey(values).stableHash` for the same values
/// (so both sides of a join, and every map task of an aggregation, agree on where a key goes).
/// Integral and string columns hash from their buffers; other types through `Value`.
enum KeyHashing {
    static func hashes(_ columns: [ColumnVector], rowCount: Int) -> [UInt64] {
        var result = [UInt64](repeating: 0x9E37_79B9_7F4A_7C15, count: rowCount)
        for column in columns {
            switch column.storage {
            case let .int64(values):
                for row in 0..<rowCount {
                    let hash = column.isNull(row) ? RowKey.hash(.null) : RowKey.mix(UInt64(bitPattern: values[row]))
                    result[row] = RowKey.mix(result[row] ^ hash)
                }
            case let .int32(values):
                for row in 0..<rowCount {
                    let hash = column.isNull(row) ? RowKey.hash(.null) : RowKey.mix(UInt64(bitPattern: Int64(values[row])))
                    result[row] = RowKey.mix(result[row] ^ hash)
                }
            default:
                for row in 0..<rowCount { result[row] = RowKey.mix(result[row] ^ RowKey.hash(column.value(at: row))) }
            }
        }
        return result
    }

    /// A second hash of the same keys for spilling at recursion `level`: `hashes` re-mixed with
    /// a seed per level, so that rows a shuffle sent to one partition (`hash % partitions`)
    /// spread evenly over the spill buckets (`split(_:hashes:partitions:)` on the result), and
    /// a bucket spilled again spreads over new ones. Cost: one mix per row.
    static func spillHashes(_ hashes: [UInt64], level: Int) -> [UInt64] {
        let seed = RowKey.mix(0x5350_494C_4C00 &+ UInt64(level))
        return hashes.map { RowKey.mix($0 ^ seed) }
    }

    /// The partition of each row (`hashes[row] % partitions`) and where each partition's rows
    /// start when laid out one partition after another (counting-sort offsets; `starts` has
    /// `partitions + 1` entries).
    private static func partitionsOfRows(_ hashes: [UInt64], partitions: Int) -> (partitionOfRow: [Int32], starts: [Int]) {
        var partitionOfRow = [Int32](repeating: 0, count: hashes.count)
        var starts = [Int](repeating: 0, count: partitions + 1)
        for row in hashes.indices {
            let partition = Int(hashes[row] % UInt64(partitions))
            partitionOfRow[row] = Int32(truncatingIfNeeded: partition)
            starts[partition + 1] += 1
        }
        for partition in 0..<partitions { starts[partition + 1] += starts[partition] }
        return (partitionOfRow, starts)
    }

    /// The rows of `batch` split by `hashes` over `partitions` partitions: (partition, rows), in
    /// partition order, each partition's rows in their order. One counting pass, then each
    /// column dealt to the partitions in one pass (`ColumnVector.dealt(to:starts:)`).
    static func split(_ batch: ColumnBatch, hashes: [UInt64], partitions: Int) -> [(Int, ColumnBatch)] {
        guard batch.rowCount > 0 else { return [] }
        guard partitions > 1 else { return [(0, batch)] }
        let (partitionOfRow, starts) = partitionsOfRows(hashes, partitions: partitions)
        let columns = batch.columns.map { $0.dealt(to: partitionOfRow, starts: starts) }
        return (0..<partitions).filter { starts[$0 + 1] > starts[$0] }.map { partition in
            (partition, ColumnBatch(schema: batch.schema, columns: columns.map { $0[partition] },
                                    rowCount: starts[partition + 1] - starts[partition]))
        }
    }
}
