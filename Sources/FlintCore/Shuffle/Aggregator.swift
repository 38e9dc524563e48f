/// How values of one key are combined, as Spark's `Aggregator`: `createCombiner` turns the
/// first value into a combiner, `mergeValue` folds in another value, `mergeCombiners` merges two
/// partial results (from different map tasks or spills).
///
/// The merge functions work in place (`inout`), so that growing combiners such as the arrays of
/// `groupByKey` are appended to without a copy per value.
public struct Aggregator<V, C>: @unchecked Sendable {
    /// Makes a combiner from a key's first value.
    public let createCombiner: (V) -> C
    /// Adds a value to a combiner, in place.
    public let mergeValue: (inout C, V) -> Void
    /// Merges a second combiner of the same key into the first, in place.
    public let mergeCombiners: (inout C, C) -> Void

    /// Creates an aggregator from in-place merge functions.
    public init(createCombiner: @escaping (V) -> C, mergeValueInPlace: @escaping (inout C, V) -> Void,
                mergeCombinersInPlace: @escaping (inout C, C) -> Void) {
        self.createCombiner = createCombiner
        mergeValue = mergeValueInPlace
        mergeCombiners = mergeCombinersInPlace
    }

    /// Creates an aggregator from value-returning merge functions, as Spark's signature.
    public init(createCombiner: @escaping (V) -> C, mergeValue: @escaping (C, V) -> C,
                mergeCombiners: @escaping (C, C) -> C) {
        self.init(createCombiner: createCombiner,
                  mergeValueInPlace: { combiner, value in combiner = mergeValue(combiner, value) },
                  mergeCombinersInPlace: { combiner, other in combiner = mergeCombiners(combiner, other) })
    }
}
