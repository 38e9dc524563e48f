/// The per-record work of a cogroup: the aggregator that merges one-sided groups, the maps that
/// turn each side's records into them, and the loops that write and decode each side's shuffle.
/// Formed in the `@inlinable` `cogroup`, where the key and value types are known, so that it runs
/// specialised (from the engine's generic code, every record went through value witnesses and
/// generic metadata lookups).
@usableFromInline
struct CoGroupKernels<K: Hashable, V, W> {
    @usableFromInline let aggregator: Aggregator<K, ([V], [W]), ([V], [W])>
    @usableFromInline let tagLeft: ([(K, V)]) -> [(K, ([V], [W]))]
    @usableFromInline let tagRight: ([(K, W)]) -> [(K, ([V], [W]))]
    /// Each side's shuffle, when it is shuffled.
    @usableFromInline let left: ShuffleRecordKernels<K, V>
    @usableFromInline let right: ShuffleRecordKernels<K, W>

    @inlinable
    init() {
        let merge: (inout ([V], [W]), ([V], [W])) -> Void = { group, other in
            group.0 += other.0
            group.1 += other.1
        }
        aggregator = Aggregator(createCombiner: { $0 }, mergeValueInPlace: merge, mergeCombinersInPlace: merge)
        tagLeft = { batch in batch.map { ($0.0, ([$0.1], [])) } }
        tagRight = { batch in batch.map { ($0.0, ([], [$0.1])) } }
        left = ShuffleRecordKernels()
        right = ShuffleRecordKernels()
    }
}
