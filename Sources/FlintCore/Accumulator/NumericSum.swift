/// A number a `NumericSum` can add up: `Int` (wrapping on overflow, as Spark's `Long`) or
/// `Double`.
public protocol SummableNumber: Sendable {
    /// Zero.
    static var zero: Self { get }
    /// Adds `other` to `total`.
    static func accumulate(_ total: inout Self, _ other: Self)
    /// The value as a `Double`, for means.
    var doubleValue: Double { get }
    /// The name Spark gives the accumulator of this number ("LongAccumulator").
    static var accumulatorName: String { get }
}

extension Int: SummableNumber {
    /// Adds with wrap-around, as a Java `long` does, instead of trapping on overflow.
    @inlinable
    public static func accumulate(_ total: inout Int, _ other: Int) { total &+= other }
    /// The value as a `Double`.
    public var doubleValue: Double { Double(self) }
    /// "LongAccumulator".
    public static var accumulatorName: String { "LongAccumulator" }
}

extension Double: SummableNumber {
    /// Adds.
    @inlinable
    public static func accumulate(_ total: inout Double, _ other: Double) { total += other }
    /// The value itself.
    public var doubleValue: Double { self }
    /// "DoubleAccumulator".
    public static var accumulatorName: String { "DoubleAccumulator" }
}

/// An accumulator state made of a sum and a count, which gives its accumulator `sum`, `count`
/// and `avg`.
public protocol SumAndCount {
    /// The type of the numbers summed.
    associatedtype Number: SummableNumber
    /// The sum of the numbers added.
    var sum: Number { get }
    /// How many numbers were added.
    var count: Int { get }
}

/// The state of Spark's numeric accumulators: the sum and the count of the numbers added.
public struct NumericSum<Number: SummableNumber>: AccumulatorV2, SumAndCount, Sendable {
    /// The sum of the numbers added.
    public var sum = Number.zero
    /// How many numbers were added.
    public var count = 0

    /// An empty sum.
    public init() {}

    /// An empty sum.
    public func copyAndReset() -> NumericSum { NumericSum() }

    /// Whether nothing was added.
    public var isZero: Bool { count == 0 && sum.doubleValue == 0 }

    /// Adds `v` to the sum and one to the count. Two additions.
    @inlinable
    public mutating func add(_ v: Number) {
        Number.accumulate(&sum, v)
        count += 1
    }

    /// Adds another partial sum and count.
    public mutating func merge(_ other: NumericSum) {
        Number.accumulate(&sum, other.sum)
        count += other.count
    }

    /// The sum.
    public var value: Number { sum }

    /// "LongAccumulator" or "DoubleAccumulator".
    public static var displayName: String { Number.accumulatorName }
}

/// An accumulator of integers, as Spark's `LongAccumulator`: `value` is the sum (wrapping on
/// overflow); `sum`, `count` and `avg` are also available. Create one with
/// `FlintContext.longAccumulator(_:)`.
public typealias LongAccumulator = Accumulator<NumericSum<Int>>

/// An accumulator of floating-point numbers, as Spark's `DoubleAccumulator`: `value` is the
/// sum; `sum`, `count` and `avg` are also available. Create one with
/// `FlintContext.doubleAccumulator(_:)`.
public typealias DoubleAccumulator = Accumulator<NumericSum<Double>>

extension Accumulator where State: SumAndCount {
    /// The sum of the numbers added (the task's partial sum inside a task). One lock on the driver.
    public var sum: State.Number { state.sum }
    /// How many numbers were added (inside a task: by this task).
    public var count: Int { state.count }
    /// The mean of the numbers added; NaN when none were, as in Spark.
    public var avg: Double {
        let current = state
        return current.sum.doubleValue / Double(current.count)
    }
}
