import FlintCore

/// Places ALS blocks: an `Int` key (a block id, or an id to find its block) goes to
/// `key mod n` (non-negative), as Spark's `ALSPartitioner` (a hash partitioner, and an Int's hash
/// is itself). Block b of n blocks is partition b, so every partition of a blocked RDD holds
/// exactly one block, and RDDs partitioned alike are joined without a shuffle.
final class ALSPartitioner: Partitioner, @unchecked Sendable {
    init(blocks: Int) {
        super.init(numPartitions: blocks)
    }

    /// The block of `id`.
    func block(of id: Int32) -> Int { ALSPartitioner.nonNegativeMod(Int(id), numPartitions) }

    static func nonNegativeMod(_ value: Int, _ modulus: Int) -> Int {
        let remainder = value % modulus
        return remainder < 0 ? remainder + modulus : remainder
    }

    override func keyMapper<K: Hashable>(for type: K.Type) -> (K) -> Int {
        precondition(K.self == Int.self, "ALSPartitioner places Int keys only")
        let n = numPartitions
        return { key in ALSPartitioner.nonNegativeMod(unsafeBitCast(key, to: Int.self), n) }
    }

    override func isEquivalent(to other: Partitioner) -> Bool {
        (other as? ALSPartitioner)?.numPartitions == numPartitions
    }

    override var description: String { "ALSPartitioner(\(numPartitions))" }
}
