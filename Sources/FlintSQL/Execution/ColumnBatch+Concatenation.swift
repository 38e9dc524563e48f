extension ColumnBatch {
    /// The rows of `batches` (all of `schema`) in one batch: one typed append per column and
    /// batch; a single batch is returned as it is.
    static func concatenating(_ batches: [ColumnBatch], schema: StructType) -> ColumnBatch {
        if batches.count == 1 { return batches[0] }
        if batches.isEmpty { return .empty(schema) }
        return ColumnBatch(schema: schema,
                           columns: schema.fields.indices.map { index in
                               ColumnVector.concatenate(batches.map { $0.columns[index] }, dataType: schema[index].dataType)
                           },
                           rowCount: batches.reduce(0) { $0 + $1.rowCount })
    }
}
