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
    public convenience init<V>(partitions: Int, rdd: RDD<(K, V)>, ascending: Bool = true, file: String = #fileID,
                               line: Int = #line) throws {
        let sketches = try Self.sketch(rdd, partitions: partitions, callSite: CallSite("sortByKey", file: file, line: line))
        self.init(partitions: partitions, sketches: sketches, ascending: ascending)
    }

    /// Places one key (see `placer`).
    private let place: (K) -> Int
    /// Places runs of records (see `recordPlacer(for:)`), with `place` inlined.
    private let placeRecords: RecordPlacer

    /// Creates a partitioner with explicit bounds.
    public convenience init(bounds: [K], ascending: Bool = true) {
        let place = Self.placer(bounds: bounds, ascending: ascending)
        self.init(bounds: bounds, ascending: ascending, place: place, placeRecords: Self.recordPlacer(place))
    }

    @usableFromInline
    init(bounds: [K], ascending: Bool, place: @escaping (K) -> Int, placeRecords: @escaping RecordPlacer) {
        self.bounds = bounds
        self.ascending = ascending
        self.place = place
        self.placeRecords = placeRecords
        super.init(numPartitions: bounds.count + 1)
    }

    /// A partitioner with bounds chosen from `sketches` (see `sketch`). Inlinable so that its
    /// placing function is specialised for the key type where the sort is created (through
    /// the generic `Comparable` witness, placing a key cost several times more).
    @inlinable
    convenience init(partitions: Int, sketches: [KeySketch<K>], ascending: Bool) {
        let bounds = Self.bounds(partitions: partitions, sketches: sketches)
        let place = Self.placer(bounds: bounds, ascending: ascending)
        self.init(bounds: bounds, ascending: ascending, place: place, placeRecords: Self.recordPlacer(place))
    }

    /// `place` over runs of records, reading each key in place.
    @inlinable
    static func recordPlacer(_ place: @escaping (K) -> Int) -> RecordPlacer {
        { keys, stride, count, partitions in
            for index in 0..<count {
                partitions[index] = place((keys + index * stride).assumingMemoryBound(to: K.self).pointee)
            }
        }
    }

    /// The largest number of bounds `placer` compares one by one.
    @usableFromInline static var linearBounds: Int { 32 }

    /// The partition of a key: the number of bounds below it, reversed for a descending order.
    /// Up to `linearBounds` bounds are all compared (no branch to mispredict: a binary search
    /// over random keys mispredicts half its branches, as Spark also scans up to 128 bounds);
    /// more are binary-searched. O(min(partitions, 32) + log partitions).
    @inlinable
    static func placer(bounds: [K], ascending: Bool) -> (K) -> Int {
        let last = bounds.count
        if last <= linearBounds {
            return { key in
                var below = 0
                // The comparison's bit is added: `bound < key ? 1 : 0` compiled to a branch.
                for bound in bounds { below &+= Int(unsafeBitCast(bound < key, to: UInt8.self)) }
                return ascending ? below : last - below
            }
        }
        return { key in
            var low = 0, high = last
            while low < high {
                let mid = (low + high) / 2
                if bounds[mid] < key { low = mid + 1 } else { high = mid }
            }
            return ascending ? low : last - low
        }
    }

    /// One job over `rdd` that counts each partition's records and samples up to 3 × 20 ×
    /// `partitions` / (its partition count) of their keys (reservoir sampling, seeded by the
    /// partition), as Spark's `RangePartitioner.sketch`. Where the lineage can draw a sample of
    /// a partition without computing every record (`RDD.sampledPartition`: a text
    /// file under map/filter/flatMap), the sketch reads a sample of about 20 × capacity
    /// records and scales its count by the sampled fraction, instead of computing the whole
    /// partition twice (here and in the shuffle). Inlinable so that the loop over the records
    /// is specialised for the key and value types (generic code would copy every record through
    /// value witnesses). Cost: one pass over `rdd`, or over the sampled records only.
    @inlinable
    static func sketch<V>(_ rdd: RDD<(K, V)>, partitions: Int, callSite: CallSite) throws -> [KeySketch<K>] {
        guard partitions > 1, rdd.numPartitions > 0 else { return [] }
        let capacity = Int((3.0 * Double(Swift.min(20 * partitions, 1_000_000)) / Double(rdd.numPartitions)).rounded(.up))
        return try rdd.context.runJob(rdd, callSite: callSite) { context, items -> KeySketch<K> in
            let seed = UInt64(context.partitionId) &+ 0x5EED
            var sketch = KeySketch<K>(capacity: capacity, seed: seed)
            let sample = try rdd.sampledPartition(partition: context.partitionId, context: context,
                                                  size: Swift.max(20 * capacity, 10_000), seed: seed)
            try (sample?.elements ?? items).forEachBatch { batch in
                for index in batch.indices { sketch.add(batch[index].0) }
            }
            if let sample { sketch.seen = Int((Double(sketch.seen) / sample.fraction).rounded()) }
            return sketch
        }
    }

    /// Bounds that split the weighted samples into `partitions` ranges of about equal weight, a
    /// sample weighing its partition's records per sampled key.
    @usableFromInline
    static func bounds(partitions: Int, sketches: [KeySketch<K>]) -> [K] {
        var weighted: [(K, Double)] = []
        for sketch in sketches where !sketch.keys.isEmpty {
            let weight = Double(sketch.seen) / Double(sketch.keys.count)
            weighted += sketch.keys.map { ($0, weight) }
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
        guard let place = place as? (Key) -> Int else {
            preconditionFailure("RangePartitioner<\(K.self)> cannot place keys of type \(Key.self)")
        }
        return place
    }

    /// Places runs of records whose keys are of this partitioner's key type.
    override public func recordPlacer<Key: Hashable>(for type: Key.Type) -> RecordPlacer? {
        Key.self == K.self ? placeRecords : nil
    }

    override public func isEquivalent(to other: Partitioner) -> Bool {
        guard let other = other as? RangePartitioner<K> else { return false }
        return other.bounds == bounds && other.ascending == ascending
    }

    override public var description: String { "RangePartitioner(\(numPartitions))" }
}

/// A partition's record count and a uniform sample of its keys (reservoir sampling).
@usableFromInline
struct KeySketch<K> {
    /// Records seen.
    @usableFromInline var seen = 0
    /// The sampled keys, at most `capacity`.
    @usableFromInline var keys: [K] = []
    @usableFromInline let capacity: Int
    @usableFromInline var random: SeededRandom

    @inlinable
    init(capacity: Int, seed: UInt64) {
        self.capacity = capacity
        random = SeededRandom(seed: seed)
    }

    /// Counts a record and keeps its key with probability capacity / seen.
    @inlinable
    mutating func add(_ key: K) {
        seen += 1
        if keys.count < capacity {
            keys.append(key)
        } else {
            let slot = Int(random.next() % UInt64(seen))
            if slot < capacity { keys[slot] = key }
        }
    }
}
