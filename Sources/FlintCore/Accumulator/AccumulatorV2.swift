/// What an accumulator adds up, as Spark's `AccumulatorV2`, shaped as a Swift value type: the
/// state of one partial sum, which tasks build from an empty copy and the driver merges.
///
/// `add` and `merge` must be commutative and associative, so that the merged value does not
/// depend on the order in which tasks finish (lists, as `CollectedElements`, are the usual
/// exception: their order is the merge order). Register a state with
/// `FlintContext.register(_:name:)` to get the `Accumulator` handle tasks add to.
///
/// ```swift
/// struct MaxInt: AccumulatorV2 {
///     var max = Int.min
///     func copyAndReset() -> MaxInt { MaxInt() }
///     var isZero: Bool { max == .min }
///     mutating func add(_ v: Int) { max = Swift.max(max, v) }
///     mutating func merge(_ other: MaxInt) { add(other.max) }
///     var value: Int { max }
/// }
/// ```
public protocol AccumulatorV2 {
    /// What tasks add, e.g. `Int` for a sum of integers.
    associatedtype Input
    /// What the accumulator reports, e.g. the sum.
    associatedtype Output

    /// An empty state of the same configuration: the start of each task's partial value and
    /// what `Accumulator.reset()` restores. Called once at registration.
    func copyAndReset() -> Self
    /// Whether this state is the empty one (nothing added or merged since the reset).
    var isZero: Bool { get }
    /// Adds one input. Called per record: keep it cheap.
    mutating func add(_ v: Input)
    /// Merges another partial state of the same accumulator into this one.
    mutating func merge(_ other: Self)
    /// The current value.
    var value: Output { get }
    /// The name `Accumulator.description` shows, e.g. "LongAccumulator"; by default the state's
    /// type name.
    static var displayName: String { get }
}

extension AccumulatorV2 {
    /// The state's type name, e.g. "MaxInt".
    public static var displayName: String { "\(Self.self)" }
}
