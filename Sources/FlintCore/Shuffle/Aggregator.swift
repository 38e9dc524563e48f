/// How values of one key are combined, as Spark's `Aggregator`: `createCombiner` turns the
/// first value into a combiner, `mergeValue` folds in another value, `mergeCombiners` merges two
/// partial results (from different map tasks or spills).
///
/// The merge functions work in place (`inout`), so that growing combiners such as the arrays of
/// `groupByKey` are appended to without a copy per value. The initialisers are `@inlinable` and
/// also build batch kernels (`insertValues`, `insertCombiners`, `collectCombiners`, and the
/// shuffle's `combiners` and `values` record kernels): the loops that fold a batch of records into a
/// `CombineTable`, copy it out, and write and decode shuffled frames. They are formed where the aggregator is created, in code the compiler
/// specialises for the concrete key and value types, which keeps the per-record work free of
/// generic value-witness calls (the engine's own generic code is not specialised for user types).
public struct Aggregator<K: Hashable, V, C>: @unchecked Sendable {
    /// Makes a combiner from a key's first value.
    public let createCombiner: (V) -> C
    /// Adds a value to a combiner, in place.
    public let mergeValue: (inout C, V) -> Void
    /// Merges a second combiner of the same key into the first, in place.
    public let mergeCombiners: (inout C, C) -> Void
    /// Folds a batch of values into a table of combiners.
    @usableFromInline let insertValues: (CombineTable<K, C>, [(K, V)]) -> Void
    /// Merges a batch of partial combiners into a table of combiners.
    @usableFromInline let insertCombiners: (CombineTable<K, C>, [(K, C)]) -> Void
    /// Copies a table's entries from a slot into a batch, up to a limit; returns the next slot.
    @usableFromInline let collectCombiners: (CombineTable<K, C>, Int, Int, inout [(K, C)]) -> Int
    /// Writes and decodes shuffled (key, combiner) records.
    @usableFromInline let combiners: ShuffleRecordKernels<K, C>
    /// Writes and decodes shuffled (key, value) records (no map-side combine).
    @usableFromInline let values: ShuffleRecordKernels<K, V>

    /// Creates an aggregator from in-place merge functions.
    @inlinable
    public init(createCombiner: @escaping (V) -> C, mergeValueInPlace: @escaping (inout C, V) -> Void,
                mergeCombinersInPlace: @escaping (inout C, C) -> Void) {
        self.createCombiner = createCombiner
        mergeValue = mergeValueInPlace
        mergeCombiners = mergeCombinersInPlace
        insertValues = { table, batch in table.upsertAll(batch, create: createCombiner, merge: mergeValueInPlace) }
        insertCombiners = { table, batch in table.upsertAll(batch, create: { $0 }, merge: mergeCombinersInPlace) }
        collectCombiners = { table, slot, limit, batch in table.collectEntries(from: slot, limit: limit, into: &batch) }
        combiners = ShuffleRecordKernels()
        values = ShuffleRecordKernels()
    }

    /// Creates an aggregator from value-returning merge functions, as Spark's signature.
    @inlinable
    public init(createCombiner: @escaping (V) -> C, mergeValue: @escaping (C, V) -> C,
                mergeCombiners: @escaping (C, C) -> C) {
        self.init(createCombiner: createCombiner,
                  mergeValueInPlace: { combiner, value in combiner = mergeValue(combiner, value) },
                  mergeCombinersInPlace: { combiner, other in combiner = mergeCombiners(combiner, other) })
    }
}
