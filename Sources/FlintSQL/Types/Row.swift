/// A row read back from a DataFrame (`collect`, `take`, `first`), as Spark's `Row`: values by
/// position or by column name.
public struct Row: Hashable, Sendable, CustomStringConvertible {
    /// The values, in column order.
    public let values: [Value]
    /// The schema, when the row came from a DataFrame.
    public let schema: StructType?

    /// Creates a row of `values` (with the schema that names them, if known).
    public init(_ values: [Value], schema: StructType? = nil) {
        self.values = values
        self.schema = schema
    }

    /// Number of values.
    public var count: Int { values.count }

    /// The value at `index`.
    public subscript(index: Int) -> Value { values[index] }

    /// The value of column `name`, or nil when the row has no such column.
    public subscript(name: String) -> Value? {
        schema?.fieldIndex(name).map { values[$0] }
    }

    /// Whether the value at `index` is null.
    public func isNullAt(_ index: Int) -> Bool { values[index].isNull }

    /// As Spark prints a row: `[Alice,30,null]`.
    public var description: String { "[" + values.map(\.description).joined(separator: ",") + "]" }

    public static func == (lhs: Row, rhs: Row) -> Bool { lhs.values == rhs.values }
    public func hash(into hasher: inout Hasher) { hasher.combine(values) }
}
