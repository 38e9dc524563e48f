/// How a sorted shuffle (`sortByKey`) orders the records of a reduce partition.
///
/// Like `Aggregator`, its initialisers are `@inlinable` and build the sorting kernel where the
/// ordering is created, in code specialised for the concrete key and value types: sorting an
/// array of `(K, C)` through the engine's generic code would copy every record through value
/// witnesses and cost several times more.
public struct KeyOrdering<K, C>: @unchecked Sendable {
    /// Whether the first key sorts before the second.
    public let areInIncreasingOrder: (K, K) -> Bool
    /// Sorts a buffer of records by key, in place.
    @usableFromInline let sortRecords: (UnsafeMutableBufferPointer<(K, C)>) -> Void
    /// Sorts (key, record number) pairs by key, stably, in place (records sorted while serialized).
    @usableFromInline let sortKeyed: (UnsafeMutableBufferPointer<(K, Int)>) -> Void
    /// The loops of a sort of serialized records (`SerializedRecordSorter`).
    @usableFromInline let serializedKernels: SerializedSortKernels<K, C>
    /// Writes and decodes the shuffled records (a sorted shuffle has no aggregator: values are `C`).
    @usableFromInline let records: ShuffleRecordKernels<K, C>

    /// An ordering by `areInIncreasingOrder`.
    @inlinable
    public init(_ areInIncreasingOrder: @escaping (K, K) -> Bool) {
        self.areInIncreasingOrder = areInIncreasingOrder
        sortRecords = Self.stableSort(areInIncreasingOrder)
        sortKeyed = Self.stableSort(areInIncreasingOrder)
        serializedKernels = SerializedSortKernels()
        records = ShuffleRecordKernels()
    }

    /// Sorts a buffer of (key, anything) pairs by key with the standard library's stable sort.
    @inlinable
    static func stableSort<R>(_ areInIncreasingOrder: @escaping (K, K) -> Bool) -> (UnsafeMutableBufferPointer<(K, R)>) -> Void {
        { buffer in
            var pairs = buffer
            pairs.sort { areInIncreasingOrder($0.0, $1.0) }
        }
    }
}

extension KeyOrdering where K: Comparable {
    /// The natural order of the keys, ascending or descending. Integer keys (`Int`, `Int64`,
    /// `Int32`, `UInt64`) are sorted by `RadixSort`, others by the standard library's sort.
    @inlinable
    public init(ascending: Bool) {
        let less: (K, K) -> Bool = ascending ? { $0 < $1 } : { $0 > $1 }
        areInIncreasingOrder = less
        serializedKernels = SerializedSortKernels()
        records = ShuffleRecordKernels()
        if let bits = RadixSort.orderPreservingBits(of: K.self) {
            sortRecords = Self.radixSort(bits, ascending: ascending)
            sortKeyed = Self.radixSort(bits, ascending: ascending)
        } else {
            sortRecords = Self.stableSort(less)
            sortKeyed = Self.stableSort(less)
        }
    }

    /// Sorts a buffer of (key, anything) pairs by the keys' order-preserving bits.
    @inlinable
    static func radixSort<R>(_ bits: @escaping (K) -> UInt64, ascending: Bool) -> (UnsafeMutableBufferPointer<(K, R)>) -> Void {
        { buffer in RadixSort.sort(buffer, ascending: ascending) { bits($0.0) } }
    }
}
