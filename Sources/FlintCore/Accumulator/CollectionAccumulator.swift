/// The state of a `CollectionAccumulator`: the elements added, in order, as Spark's
/// `CollectionAccumulator`.
public struct CollectedElements<Element>: AccumulatorV2 {
    /// The elements added: inside a task, in the order the task added them; on the driver, the
    /// tasks' lists concatenated in the order the tasks were merged (the order they finished).
    public var elements: [Element] = []

    /// An empty list.
    public init() {}

    /// An empty list.
    public func copyAndReset() -> CollectedElements { CollectedElements() }

    /// Whether the list is empty.
    public var isZero: Bool { elements.isEmpty }

    /// Appends `v`: amortised one store.
    @inlinable
    public mutating func add(_ v: Element) { elements.append(v) }

    /// Appends another partial list.
    public mutating func merge(_ other: CollectedElements) { elements.append(contentsOf: other.elements) }

    /// The list.
    public var value: [Element] { elements }

    /// "CollectionAccumulator".
    public static var displayName: String { "CollectionAccumulator" }
}

extension CollectedElements: Sendable where Element: Sendable {}

/// An accumulator that collects elements into a list, as Spark's `CollectionAccumulator`.
/// Create one with `FlintContext.collectionAccumulator(_:of:)`. Every element is kept in
/// memory on the driver: use it for small results (samples, bad records), not whole datasets.
public typealias CollectionAccumulator<Element> = Accumulator<CollectedElements<Element>>
