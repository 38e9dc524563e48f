/// Places keys into partitions of roughly equal size by key range, as Spark's `RangePartitioner`:
/// the bounds are chosen from a sample of the keys (a job over the parent), so that partition i
/// holds keys between bound i-1 and bound i. Used by `sortByKey`.
public final class RangePartitioner<K: Comparable & Hashable>: Partitioner, @unchecked Sendable {
    /// The upper bounds of all partitions but the last, ascending.
    public let bounds: [K]
    /// Whether partition 0 holds the smallest keys.
    public let ascending: Bool

    /// Builds bounds for `partitions` partitions from a sample of `rdd`'s keys: about 20 keys per
    /// partition (at most 1M in all) are sampled per input partition in one job, then weighted by
    /// the size of the partition they came from.
    /// The sampling job is named after the caller's `file` and `line`, as Spark names it after
    /// the `sortByKey` call.
    /// - Throws: what the sampling job throws.
    public init<V>(partitions: Int, rdd: RDD<(K, V)>, ascending: Bool = true, file: String = #fileID,
                   line: Int = #line) throws {
        self.ascending = ascending
        bounds = try Self.sampleBounds(partitions: partitions, rdd: rdd, callSite: CallSite("sortByKey", file: file, line: line))
        super.init(numPartitions: bounds.count + 1)
    }

    /// Creates a partitioner with explicit bounds.
    public init(bounds: [K], ascending: Bool = true) {
        self.bounds = bounds
        self.ascending = ascending
        super.init(numPartitions: bounds.count + 1)
    }

    private static func sampleBounds<V>(partitions: Int, rdd: RDD<(K, V)>, callSite: CallSite) throws -> [K] {
        guard partitions > 1, rdd.numPartitions > 0 else { return [] }
        let sampleSize = Swift.min(20 * partitions, 1_000_000)
        let perPartition = Int((3.0 * Double(sampleSize) / Double(rdd.numPartitions)).rounded(.up))
        let sketches = try rdd.context.runJob(rdd, callSite: callSite) { context, items -> (Int, [K]) in
            // Reservoir sampling of up to perPartition keys, seeded by the partition.
            var random = SeededRandom(seed: UInt64(context.partitionId) &+ 0x5EED)
            var reservoir: [K] = []
            var seen = 0
            try items.forEach { key, _ in
                seen += 1
                if reservoir.count < perPartition {
                    reservoir.append(key)
                } else {
                    let slot = Int(random.next() % UInt64(seen))
                    if slot < perPartition { reservoir[slot] = key }
                }
            }
            return (seen, reservoir)
        }
        var weighted: [(K, Double)] = []
        for (count, sample) in sketches where !sample.isEmpty {
            let weight = Double(count) / Double(sample.count)
            weighted += sample.map { ($0, weight) }
        }
        guard !weighted.isEmpty else { return [] }
        weighted.sort { $0.0 < $1.0 }
        let totalWeight = weighted.reduce(0) { $0 + $1.1 }
        let step = totalWeight / Double(partitions)
        var bounds: [K] = []
        var cumulative = 0.0
        var target = step
        for (key, weight) in weighted {
            cumulative += weight
            if cumulative >= target {
                if bounds.last.map({ key > $0 }) ?? true { bounds.append(key) }
                target += step
                if bounds.count == partitions - 1 { break }
            }
        }
        return bounds
    }

    override public func keyMapper<Key: Hashable>(for type: Key.Type) -> (Key) -> Int {
        guard let typedBounds = bounds as? [Key], Key.self == K.self else {
            preconditionFailure("RangePartitioner<\(K.self)> cannot place keys of type \(Key.self)")
        }
        let bounds = unsafeBitCast(typedBounds, to: [K].self)
        let ascending = self.ascending
        let last = bounds.count
        return { key in
            let k = unsafeBitCast(key, to: K.self)
            var low = 0, high = bounds.count
            while low < high {
                let mid = (low + high) / 2
                if bounds[mid] < k { low = mid + 1 } else { high = mid }
            }
            return ascending ? low : last - low
        }
    }

    override public func isEquivalent(to other: Partitioner) -> Bool {
        guard let other = other as? RangePartitioner<K> else { return false }
        return other.bounds == bounds && other.ascending == ascending
    }

    override public var description: String { "RangePartitioner(\(numPartitions))" }
}
