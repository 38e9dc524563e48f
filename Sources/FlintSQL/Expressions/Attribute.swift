import Synchronization

/// A resolved column: a name, a type and a unique id, as Spark's `AttributeReference`.
///
/// Plans refer to columns by id, so two columns with the same name (after a self-join) stay
/// apart; the physical planner turns ids into positions in the child's output.
public struct Attribute: Hashable, Sendable, Codable, CustomStringConvertible {
    /// The column name.
    public var name: String
    /// The column type.
    public var dataType: DataType
    /// Whether the column may be null.
    public var nullable: Bool
    /// A unique id in the process (`name#id` in plans).
    public var id: Int
    /// The table or alias the column came from, for `t.a` references.
    public var qualifier: String?

    /// Creates an attribute with a fresh id.
    public init(name: String, dataType: DataType, nullable: Bool = true, qualifier: String? = nil) {
        self.init(name: name, dataType: dataType, nullable: nullable, id: Attribute.newId(), qualifier: qualifier)
    }

    /// Creates an attribute with a given id.
    public init(name: String, dataType: DataType, nullable: Bool, id: Int, qualifier: String?) {
        self.name = name
        self.dataType = dataType
        self.nullable = nullable
        self.id = id
        self.qualifier = qualifier
    }

    /// The field this column is in a schema.
    public var field: StructField { StructField(name, dataType, nullable: nullable) }

    /// `name#id`, as Spark shows attributes in plans.
    public var description: String { "\(name)#\(id)" }

    /// A fresh id (also used for aliases).
    public static func newId() -> Int { nextId.add(1, ordering: .relaxed).oldValue }

    private static let nextId = Atomic<Int>(0)
}

/// A sort key, as Spark's `SortOrder`: ascending puts nulls first by default, descending last.
public struct SortOrder: Hashable, Sendable, Codable, CustomStringConvertible {
    /// What is sorted by.
    public var expression: Expression
    /// Ascending (true) or descending.
    public var ascending: Bool
    /// Whether nulls come before all values.
    public var nullsFirst: Bool

    /// A sort key; `nullsFirst` defaults to Spark's (first when ascending, last when descending).
    public init(_ expression: Expression, ascending: Bool = true, nullsFirst: Bool? = nil) {
        self.expression = expression
        self.ascending = ascending
        self.nullsFirst = nullsFirst ?? ascending
    }

    /// `a#1 ASC NULLS FIRST`, as Spark shows sort keys.
    public var description: String {
        "\(expression) \(ascending ? "ASC" : "DESC") NULLS \(nullsFirst ? "FIRST" : "LAST")"
    }
}
