extension ColumnBatch {
    /// An estimate of the bytes the batch's buffers hold, for execution-memory accounting:
    /// fixed-width values at their width, strings at their inline 16 bytes plus the mean
    /// out-of-line length of the first few, nested values at 32 bytes, validity at a bit a row.
    /// Costs O(columns), not O(rows), so operators can afford it for every batch.
    var estimatedBytes: Int {
        columns.reduce(0) { total, column in
            let values: Int
            switch column.storage {
            case .boolean: values = rowCount
            case .int32, .float32: values = 4 * rowCount
            case .int64, .float64: values = 8 * rowCount
            case let .string(strings):
                // Strings of up to 15 UTF-8 bytes are stored inline (no heap allocation).
                let sample = strings.prefix(16)
                let heap = sample.reduce(0) { $0 + ($1.utf8.count > 15 ? $1.utf8.count + 32 : 0) }
                values = rowCount * (16 + (sample.isEmpty ? 0 : heap / sample.count))
            case .values: values = 32 * rowCount
            }
            return total + values + (column.hasNulls ? rowCount / 8 : 0)
        }
    }
}
