/// Builds window specifications for `Column.over(_:)`, as Spark's `Window` /
/// `WindowSpec`: `Window.partitionBy("dept").orderBy(col("salary").desc())`.
public struct Window: Sendable {
    /// The specification built so far.
    public let spec: WindowSpec

    /// A window partitioned by the columns named.
    public static func partitionBy(_ names: String...) -> Window { Window(spec: WindowSpec(partitionBy: names.map { Column($0).expression })) }
    /// A window partitioned by the columns.
    public static func partitionBy(_ columns: Column...) -> Window { Window(spec: WindowSpec(partitionBy: columns.map(\.expression))) }
    /// A window over everything, ordered by the keys.
    public static func orderBy(_ keys: SortColumn...) -> Window { Window(spec: WindowSpec(orderBy: keys.map(\.order))) }
    /// A window over everything, ordered by the columns named.
    public static func orderBy(_ names: String...) -> Window { Window(spec: WindowSpec(orderBy: names.map { SortOrder(Column($0).expression) })) }

    /// The same window ordered by the keys.
    public func orderBy(_ keys: SortColumn...) -> Window {
        Window(spec: WindowSpec(partitionBy: spec.partitionBy, orderBy: keys.map(\.order), frame: spec.frame))
    }
    /// The same window ordered by the columns named, ascending.
    public func orderBy(_ names: String...) -> Window {
        Window(spec: WindowSpec(partitionBy: spec.partitionBy, orderBy: names.map { SortOrder(Column($0).expression) }, frame: spec.frame))
    }
    /// A `ROWS BETWEEN start AND end` frame; offsets relative to the current row (0), negative
    /// preceding; `Window.unboundedPreceding` / `Window.unboundedFollowing` for the ends.
    public func rowsBetween(_ start: Int, _ end: Int) -> Window {
        Window(spec: WindowSpec(partitionBy: spec.partitionBy, orderBy: spec.orderBy,
                                frame: WindowFrame(isRows: true, start: start == Self.unboundedPreceding ? nil : start,
                                                   end: end == Self.unboundedFollowing ? nil : end)))
    }

    /// The start of a partition, for `rowsBetween`.
    public static let unboundedPreceding = Int.min
    /// The end of a partition, for `rowsBetween`.
    public static let unboundedFollowing = Int.max
    /// The current row, for `rowsBetween`.
    public static let currentRow = 0
}

extension Column {
    /// This ranking, offset or aggregate function computed over `window`.
    public func over(_ window: Window) -> Column { Column(.window(expression, window.spec)) }
}

/// The 1-based position of the row in its window partition.
public func row_number() -> Column { Column(.function(name: "row_number", arguments: [], isDistinct: false)) }
/// The rank with gaps after ties.
public func rank() -> Column { Column(.function(name: "rank", arguments: [], isDistinct: false)) }
/// The rank without gaps.
public func dense_rank() -> Column { Column(.function(name: "dense_rank", arguments: [], isDistinct: false)) }
/// The value `offset` rows before (or `defaultValue`).
public func lag(_ column: Column, _ offset: Int = 1, _ defaultValue: Any? = nil) -> Column {
    Column(.function(name: "lag", arguments: [column.expression, lit(offset).expression]
                     + (defaultValue.map { [lit($0).expression] } ?? []), isDistinct: false))
}
/// The value `offset` rows after (or `defaultValue`).
public func lead(_ column: Column, _ offset: Int = 1, _ defaultValue: Any? = nil) -> Column {
    Column(.function(name: "lead", arguments: [column.expression, lit(offset).expression]
                     + (defaultValue.map { [lit($0).expression] } ?? []), isDistinct: false))
}
