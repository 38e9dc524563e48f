/// The name of a block held by an executor's block manager, as Spark's `BlockId`.
public enum BlockId: Hashable, Sendable, CustomStringConvertible {
    /// Partition `partition` of RDD `rddId`, cached by `persist`.
    case rdd(rddId: Int, partition: Int)

    /// The RDD a block belongs to, if any.
    public var rddId: Int? {
        switch self {
        case let .rdd(rddId, _): rddId
        }
    }

    /// Spark's block name, e.g. `rdd_3_1`; also the block's file name in the disk store.
    public var description: String {
        switch self {
        case let .rdd(rddId, partition): "rdd_\(rddId)_\(partition)"
        }
    }
}
