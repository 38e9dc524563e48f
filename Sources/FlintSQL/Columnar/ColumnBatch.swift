/// A horizontal slice of a DataFrame: a few thousand rows stored column by column, the unit
/// that flows through the physical operators (as Spark's `ColumnarBatch`).
public struct ColumnBatch: Sendable, Codable {
    /// The columns' names and types.
    public let schema: StructType
    /// One vector per schema field, each of `rowCount` rows.
    public var columns: [ColumnVector]
    /// Number of rows.
    public let rowCount: Int

    /// Creates a batch; every column must have `rowCount` rows.
    public init(schema: StructType, columns: [ColumnVector], rowCount: Int) {
        precondition(columns.count == schema.count, "a batch needs one column per field")
        precondition(columns.allSatisfy { $0.count == rowCount }, "columns of a batch must have rowCount rows")
        self.schema = schema
        self.columns = columns
        self.rowCount = rowCount
    }

    /// A batch of `rows` (each with one value per field), converting values to the column types.
    public init(schema: StructType, rows: [[Value]]) {
        let columns = schema.fields.enumerated().map { index, field in
            var builder = ColumnBuilder(dataType: field.dataType, capacity: rows.count)
            for row in rows { builder.append(row[index]) }
            return builder.finish()
        }
        self.init(schema: schema, columns: columns, rowCount: rows.count)
    }

    /// An empty batch of `schema`.
    public static func empty(_ schema: StructType) -> ColumnBatch { ColumnBatch(schema: schema, rows: []) }

    /// Row `index` as values.
    public func row(at index: Int) -> [Value] { columns.map { $0.value(at: index) } }

    /// Every row as `Row`s. O(rows × columns) value conversions.
    public var rows: [Row] { (0..<rowCount).map { Row(row(at: $0), schema: schema) } }

    /// The rows at `indices`, in that order.
    public func gather(_ indices: [Int]) -> ColumnBatch {
        ColumnBatch(schema: schema, columns: columns.map { $0.gather(indices) }, rowCount: indices.count)
    }
}

extension ColumnBatch {
    /// The batch of the columns at `indices`, in that order. Costs nothing per row: the
    /// vectors are shared.
    public func selecting(_ indices: [Int]) -> ColumnBatch {
        ColumnBatch(schema: StructType(indices.map { schema.fields[$0] }), columns: indices.map { columns[$0] }, rowCount: rowCount)
    }
}
