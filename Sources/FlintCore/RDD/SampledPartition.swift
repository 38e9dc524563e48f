/// A sample of one partition's elements and the fraction of the partition it covers: about
/// `fraction` of the elements, drawn without reading the rest (a text file's sample is runs of
/// consecutive lines from evenly spread places, see `TextFileRDD.computeSampledPartition`).
/// Produced by `RDD.sampledPartition` for planners that only need an estimate of a partition
/// (the range partitioner's key sketch), at the cost of reading and computing the sampled
/// elements only.
public struct SampledPartition<T> {
    /// The sampled elements, in partition order.
    public let elements: BatchIterator<T>
    /// The share of the partition's elements the sample stands for, in (0, 1].
    public let fraction: Double

    /// A sample `elements` that stands for `fraction` of its partition.
    public init(elements: BatchIterator<T>, fraction: Double) {
        precondition(fraction > 0 && fraction <= 1, "a sampling fraction is in (0, 1]")
        self.elements = elements
        self.fraction = fraction
    }
}

extension RDD {
    /// A sample of about `size` of `partition`'s elements when this RDD's lineage can
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
