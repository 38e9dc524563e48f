/// A Bernoulli sample of one partition's elements and the fraction it was drawn with: each
/// element of the partition is in `elements` with probability `fraction`, independently.
/// Produced by `RDD.sampledPartition` for planners that only need an estimate of a partition
/// (the range partitioner's key sketch), at the cost of reading the input but computing only
/// the sampled elements.
public struct SampledPartition<T> {
    /// The sampled elements, in partition order.
    public let elements: BatchIterator<T>
    /// The probability with which each element was kept, in (0, 1].
    public let fraction: Double

    /// A sample of `elements` kept with probability `fraction`.
    public init(elements: BatchIterator<T>, fraction: Double) {
        precondition(fraction > 0 && fraction <= 1, "a sampling fraction is in (0, 1]")
        self.elements = elements
        self.fraction = fraction
    }
}

extension RDD {
    /// A Bernoulli sample of about `size` of `partition`'s elements when this RDD's lineage can
    /// draw one without computing every element (a text file under element-wise map, flatMap,
    /// filter, mapValues ...), else nil: the caller then reads the whole partition. A persisted
    /// or checkpointed RDD returns nil, since its stored data is cheaper to read than a
    /// recomputation. Equal seeds give equal samples.
    /// - Throws: what opening the input throws.
    public func sampledPartition(partition: Int, context: TaskContext, size: Int,
                                 seed: UInt64) throws -> SampledPartition<T>? {
        guard !getStorageLevel().isValid, !isCheckpointed else { return nil }
        return try computeSampledPartition(partition: partition, context: context, size: size, seed: seed)
    }
}
