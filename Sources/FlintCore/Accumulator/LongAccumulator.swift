/// The state of a `LongAccumulator`: the sum and the count of the integers added, as Spark's
/// `LongAccumulator`. The sum wraps around on overflow, as Spark's `Long` does, instead of
/// trapping.
public struct LongSum: AccumulatorV2, Sendable {
    /// The sum of the integers added.
    public var sum = 0
    /// How many integers were added.
    public var count = 0

    /// An empty sum.
    public init() {}

    /// An empty sum.
    public func copyAndReset() -> LongSum { LongSum() }

    /// Whether nothing was added.
    public var isZero: Bool { sum == 0 && count == 0 }

    /// Adds `v` to the sum and one to the count. Two additions.
    @inlinable
    public mutating func add(_ v: Int) {
        sum &+= v
        count += 1
    }

    /// Adds another partial sum and count.
    public mutating func merge(_ other: LongSum) {
        sum &+= other.sum
        count += other.count
    }

    /// The sum.
    public var value: Int { sum }

    /// "LongAccumulator".
    public static var displayName: String { "LongAccumulator" }
}

/// An accumulator of integers, as Spark's `LongAccumulator`: `value` is the sum; `sum`, `count`
/// and `avg` are also available. Create one with `FlintContext.longAccumulator(_:)`.
public typealias LongAccumulator = Accumulator<LongSum>

extension Accumulator where State == LongSum {
    /// The sum of the integers added (the task's partial sum inside a task). One lock on the driver.
    public var sum: Int { state.sum }
    /// How many integers were added (inside a task: by this task).
    public var count: Int { state.count }
    /// The mean of the integers added; NaN when none were, as in Spark.
    public var avg: Double {
        let current = state
        return Double(current.sum) / Double(current.count)
    }
}
