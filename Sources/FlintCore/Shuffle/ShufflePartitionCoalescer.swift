/// Chooses how to read a shuffle whose map side has run, as Spark's adaptive execution
/// (`ShufflePartitionsUtil.coalescePartitions`): contiguous reduce partitions are grouped so that
/// each group holds about a target number of stored bytes, summed over the shuffles that are
/// read side by side (both sides of a join), so that they keep the same groups.
public enum ShufflePartitionCoalescer {
    /// The groups of reduce partitions for shuffles of `bytesByPartition[s][r]` stored bytes.
    ///
    /// The target is the advisory size, lowered to keep `minPartitions` groups (Spark's
    /// "parallelism first": the default parallelism), but never below `minPartitionSize`; a
    /// partition is added to the current group unless that would pass the target; a last group
    /// smaller than `minPartitionSize` joins the one before. O(shuffles × partitions).
    public static func specs(bytesByPartition: [[Int]], advisorySize: Int, minPartitionSize: Int,
                             minPartitions: Int) -> [Range<Int>] {
        let count = bytesByPartition.first?.count ?? 0
        precondition(bytesByPartition.allSatisfy { $0.count == count }, "shuffles read together have as many reduce partitions")
        guard count > 0 else { return [] }
        let sizes = (0..<count).map { partition in bytesByPartition.reduce(0) { $0 + $1[partition] } }
        let total = sizes.reduce(0, +)
        let perCore = (total + max(1, minPartitions) - 1) / max(1, minPartitions)
        let target = max(1, minPartitionSize, min(advisorySize, perCore))
        var specs: [Range<Int>] = []
        var start = 0, size = 0
        for partition in 0..<count {
            if partition > start, size + sizes[partition] > target {
                specs.append(start..<partition)
                (start, size) = (partition, 0)
            }
            size += sizes[partition]
        }
        if let last = specs.last, size < minPartitionSize {
            specs[specs.count - 1] = last.lowerBound..<count
        } else {
            specs.append(start..<count)
        }
        return specs
    }
}
