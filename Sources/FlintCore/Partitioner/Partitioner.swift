/// Decides which partition a key goes to, as Spark's `Partitioner`.
///
/// Two partitioners that compare equal place every key identically, so an RDD partitioned by
/// one can be joined or reduced by key with the other without a shuffle. Subclass it for a
/// custom placement (override `keyMapper(for:)` and `isEquivalent(to:)`), as Spark users do.
open class Partitioner: @unchecked Sendable, Equatable, CustomStringConvertible {
    /// Number of partitions keys are spread over.
    public let numPartitions: Int

    /// A partitioner over `numPartitions` (> 0) partitions.
    public init(numPartitions: Int) {
        precondition(numPartitions > 0, "a partitioner needs at least one partition")
        self.numPartitions = numPartitions
    }

    /// Returns a function placing keys of type `K`. Resolve it once per task, then call it per
    /// record: it does no dynamic casts.
    open func keyMapper<K: Hashable>(for type: K.Type) -> (K) -> Int {
        preconditionFailure("subclasses implement keyMapper(for:)")
    }

    /// Places `count` records in place: the keys are at `keys`, `stride` bytes apart (the key
    /// fields of an array of records), and their partitions go to `partitions[0..<count]`.
    public typealias RecordPlacer = (_ keys: UnsafeRawPointer, _ stride: Int, _ count: Int,
                                     _ partitions: UnsafeMutablePointer<Int>) -> Void

    /// A function placing runs of records with keys of type `K`, or nil (the default) when the
    /// engine should place keys one by one with `keyMapper(for:)` (for a `HashPartitioner` the
    /// shuffle writer uses its own specialised placement, `ShuffleRecordKernels.placeByHash`).
    /// A partitioner whose `keyMapper` closure is stored by a generic class pays a reabstraction
    /// thunk per key when it is called from specialised code (a range partitioner's placement
    /// cost a sort's map stage 3%); a `RecordPlacer` names no generic type and runs its loop
    /// specialised.
    open func recordPlacer<K: Hashable>(for type: K.Type) -> RecordPlacer? { nil }

    /// The partition of one key; prefer `keyMapper(for:)` in loops.
    public func partition<K: Hashable>(forKey key: K) -> Int {
        keyMapper(for: K.self)(key)
    }

    /// Whether the two partitioners place keys identically.
    open func isEquivalent(to other: Partitioner) -> Bool { false }

    /// Whether the two partitioners place keys identically (`isEquivalent(to:)`).
    public static func == (lhs: Partitioner, rhs: Partitioner) -> Bool { lhs.isEquivalent(to: rhs) }

    open var description: String { "Partitioner(\(numPartitions))" }
}

/// Spreads keys by hash, as Spark's `HashPartitioner`: `partition = hash(key) mod n`.
///
/// Uses `StableHash`, which is the same in every process of the same binary (Swift's
/// `hashValue` is seeded per process, so it cannot place keys once work crosses processes).
public final class HashPartitioner: Partitioner, @unchecked Sendable {
    /// Creates a partitioner over `partitions` partitions.
    public init(partitions: Int) {
        super.init(numPartitions: partitions)
    }

    override public func keyMapper<K: Hashable>(for type: K.Type) -> (K) -> Int {
        let n = UInt64(numPartitions)
        if n == 1 { return { _ in 0 } }
        return { key in Int(StableHash.hash(key) % n) }
    }

    override public func isEquivalent(to other: Partitioner) -> Bool {
        (other as? HashPartitioner)?.numPartitions == numPartitions
    }

    override public var description: String { "HashPartitioner(\(numPartitions))" }
}

/// Places non-negative `Int` keys at `key mod n`: `repartition` deals elements evenly with it,
/// and a key that is already a partition id stays there (Spark's `PartitionIdPassthrough`,
/// used by DataFrame exchanges that compute the target partition themselves).
public final class RoundRobinPartitioner: Partitioner, @unchecked Sendable {
    /// Creates a partitioner over `partitions` partitions.
    public init(partitions: Int) {
        super.init(numPartitions: partitions)
    }

    /// Places `Int` keys; any other key type is a programmer error.
    override public func keyMapper<K: Hashable>(for type: K.Type) -> (K) -> Int {
        precondition(K.self == Int.self, "RoundRobinPartitioner places Int keys only")
        let n = numPartitions
        return { key in unsafeBitCast(key, to: Int.self) % n }
    }

    /// Never equivalent: the placement depends on how the keys were chosen.
    override public func isEquivalent(to other: Partitioner) -> Bool { false }
}
