/// The `capacity` smallest elements offered so far under an order, kept sorted; an element tied
/// with kept ones goes after them, so ties keep their arrival order (as a stable sort). Spark's
/// `BoundedPriorityQueue` for `takeOrdered` and `ORDER BY ... LIMIT`.
///
/// Cost per offer: one comparison with the largest kept element when full; for an element that
/// enters, a binary search and an insertion (O(capacity) moves).
public struct BoundedSortedBuffer<Element> {
    /// The kept elements, smallest first.
    @inlinable
    public var elements: [Element] { kept }
    @usableFromInline var kept: [Element] = []
    /// How many elements are kept at most.
    public let capacity: Int
    @usableFromInline let areInIncreasingOrder: (Element, Element) -> Bool

    /// An empty buffer keeping `capacity` elements ordered by `areInIncreasingOrder`.
    @inlinable
    public init(capacity: Int, by areInIncreasingOrder: @escaping (Element, Element) -> Bool) {
        self.capacity = max(0, capacity)
        self.areInIncreasingOrder = areInIncreasingOrder
    }

    /// The largest kept element once the buffer is full (an offer must sort before it to enter).
    @inlinable
    public var worst: Element? { kept.count == capacity ? kept.last : nil }

    /// Keeps `element` if it is among the `capacity` smallest so far. Inlinable, so that the
    /// loop offering a partition's elements (`takeOrdered`) is specialised for their type.
    @inlinable
    public mutating func offer(_ element: Element) {
        guard capacity > 0 else { return }
        if kept.count == capacity, !areInIncreasingOrder(element, kept[capacity - 1]) { return }
        var low = 0, high = kept.count
        while low < high {
            let middle = (low + high) / 2
            if areInIncreasingOrder(element, kept[middle]) { high = middle } else { low = middle + 1 }
        }
        kept.insert(element, at: low)
        if kept.count > capacity { kept.removeLast() }
    }
}
