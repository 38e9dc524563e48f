/// The state of a `DoubleAccumulator`: the sum and the count of the numbers added, as Spark's
/// `DoubleAccumulator`.
public struct DoubleSum: AccumulatorV2, Sendable {
    /// The sum of the numbers added.
    public var sum = 0.0
    /// How many numbers were added.
    public var count = 0

    /// An empty sum.
    public init() {}

    /// An empty sum.
    public func copyAndReset() -> DoubleSum { DoubleSum() }

    /// Whether nothing was added.
    public var isZero: Bool { sum == 0 && count == 0 }

    /// Adds `v` to the sum and one to the count. Two additions.
    @inlinable
    public mutating func add(_ v: Double) {
        sum += v
        count += 1
    }

    /// Adds another partial sum and count.
    public mutating func merge(_ other: DoubleSum) {
        sum += other.sum
        count += other.count
    }

    /// The sum.
    public var value: Double { sum }

    /// "DoubleAccumulator".
    public static var displayName: String { "DoubleAccumulator" }
}

/// An accumulator of floating-point numbers, as Spark's `DoubleAccumulator`: `value` is the
/// sum; `sum`, `count` and `avg` are also available. Create one with
/// `FlintContext.doubleAccumulator(_:)`.
public typealias DoubleAccumulator = Accumulator<DoubleSum>

extension Accumulator where State == DoubleSum {
    /// The sum of the numbers added (the task's partial sum inside a task). One lock on the driver.
    public var sum: Double { state.sum }
    /// How many numbers were added (inside a task: by this task).
    public var count: Int { state.count }
    /// The mean of the numbers added; NaN when none were, as in Spark.
    public var avg: Double {
        let current = state
        return current.sum / Double(current.count)
    }
}
