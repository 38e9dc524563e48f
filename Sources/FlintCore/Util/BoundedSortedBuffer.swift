/// The `capacity` smallest elements offered so far under an order, kept sorted; an element tied
/// with kept ones goes after them, so ties keep their arrival order (as a stable sort). Spark's
/// `BoundedPriorityQueue` for `takeOrdered` and `ORDER BY ... LIMIT`.
///
/// Cost per offer: one comparison with the largest kept element when full; for an element that
/// enters, a binary search and an insertion (O(capacity) moves).
public struct BoundedSortedBuffer<Element> {
    /// The kept elements, smallest first.
    public private(set) var elements: [Element] = []
    /// How many elements are kept at most.
    public let capacity: Int
    private let areInIncreasingOrder: (Element, Element) -> Bool

    /// An empty buffer keeping `capacity` elements ordered by `areInIncreasingOrder`.
    public init(capacity: Int, by areInIncreasingOrder: @escaping (Element, Element) -> Bool) {
        self.capacity = max(0, capacity)
        self.areInIncreasingOrder = areInIncreasingOrder
    }

    /// The largest kept element once the buffer is full (an offer must sort before it to enter).
    public var worst: Element? { elements.count == capacity ? elements.last : nil }

    /// Keeps `element` if it is among the `capacity` smallest so far.
    public mutating func offer(_ element: Element) {
        if let worst, !areInIncreasingOrder(element, worst) { return }
        guard capacity > 0 else { return }
        var low = 0, high = elements.count
        while low < high {
            let middle = (low + high) / 2
            if areInIncreasingOrder(element, elements[middle]) { high = middle } else { low = middle + 1 }
        }
        elements.insert(element, at: low)
        if elements.count > capacity { elements.removeLast() }
    }
}
