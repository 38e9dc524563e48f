/// Actions that need ordered, hashable or key/value elements.
extension RDD where T: Comparable {
    /// The `n` smallest elements, ascending.
    @inlinable
    public func takeOrdered(_ n: Int, file: String = #fileID, line: Int = #line) throws -> [T] {
        try takeOrdered(n, by: { $0 < $1 }, file: file, line: line)
    }

    /// The `n` largest elements, descending.
    @inlinable
    public func top(_ n: Int, file: String = #fileID, line: Int = #line) throws -> [T] {
        try takeOrdered(n, by: { $0 > $1 }, file: file, line: line)
    }

    /// The largest element.
    /// - Throws: `FlintError.emptyCollection` if the RDD is empty.
    @inlinable
    public func max(file: String = #fileID, line: Int = #line) throws -> T {
        try reduce({ Swift.max($0, $1) }, file: file, line: line)
    }

    /// The smallest element.
    /// - Throws: `FlintError.emptyCollection` if the RDD is empty.
    @inlinable
    public func min(file: String = #fileID, line: Int = #line) throws -> T {
        try reduce({ Swift.min($0, $1) }, file: file, line: line)
    }
}

extension RDD where T: Hashable {
    /// How often each distinct element occurs (a shuffle, then a collect of the counts).
    @inlinable
    public func countByValue(file: String = #fileID, line: Int = #line) throws -> [T: Int] {
        try map({ ($0, 1) }, file: file, line: line).countByKey(file: file, line: line)
    }
}

extension RDD {
    /// How many pairs each key has (collected to the driver).
    @inlinable
    public func countByKey<K: Hashable, V>(file: String = #fileID, line: Int = #line) throws -> [K: Int]
        where T == (K, V) {
        try mapValues({ _ in 1 }, file: file, line: line).reduceByKey({ $0 + $1 }, file: file, line: line)
            .collectAsMap(file: file, line: line)
    }

    /// The pairs as a dictionary (a later pair wins for a repeated key).
    public func collectAsMap<K: Hashable, V>(file: String = #fileID, line: Int = #line) throws -> [K: V]
        where T == (K, V) {
        var result: [K: V] = [:]
        for (key, value) in try collect(file: file, line: line) { result[key] = value }
        return result
    }

    /// All values of `key`. With a known partitioner only the key's partition is scanned.
    @inlinable
    public func lookup<K: Hashable, V>(_ key: K, file: String = #fileID, line: Int = #line) throws -> [V]
        where T == (K, V) {
        let callSite = CallSite("lookup", file: file, line: line)
        let partitions = partitioner.map { [$0.partition(forKey: key)] }
        let parts = try context.runJob(self, partitions: partitions, callSite: callSite) { _, items -> [V] in
            var found: [V] = []
            try items.forEach { pair in if pair.0 == key { found.append(pair.1) } }
            return found
        }
        return Array(parts.joined())
    }

    /// The lineage as text, a step deeper at each shuffle boundary, as Spark's `toDebugString`;
    /// persisted RDDs show their level in brackets and, when cached, a line with their blocks:
    /// ```
    /// (2) ShuffledRDD[3] at reduceByKey at WordCount.swift:9 [Memory Deserialized 1x Replicated]
    ///  |       CachedPartitions: 2; MemorySize: 1.2 KiB; DiskSize: 0 B
    ///  +-(2) MapPartitionsRDD[2] at map at WordCount.swift:8 []
    ///     |  ParallelCollectionRDD[0] at parallelize at WordCount.swift:7 []
    /// ```
    public var toDebugString: String {
        var lines: [String] = []
        func visit(_ rdd: RDDBase, depth: Int, isStageRoot: Bool) {
            let pad = String(repeating: "   ", count: Swift.max(0, depth - (isStageRoot ? 1 : 0)))
            let level = rdd.getStorageLevel()
            let persistence = "[\(level.isValid ? level.shortDescription : "")]"
            if isStageRoot {
                lines.append((depth == 0 ? "" : pad + " +-") + "(\(rdd.numPartitions)) \(rdd) \(persistence)")
            } else {
                lines.append(pad + " |  \(rdd) \(persistence)")
            }
            let info = context.storageInfo(of: rdd)
            if info.isCached {
                lines.append(pad + (depth == 0 || !isStageRoot ? "" : "   ") + " |       CachedPartitions: "
                    + "\(info.numCachedPartitions); MemorySize: \(ByteSize.format(info.memorySize)); "
                    + "DiskSize: \(ByteSize.format(info.diskSize))")
            }
            for dependency in rdd.dependencies {
                let shuffle = dependency is ShuffleDependencyBase
                visit(dependency.rdd, depth: shuffle ? depth + 1 : depth, isStageRoot: shuffle)
            }
        }
        visit(self, depth: 0, isStageRoot: true)
        return lines.joined(separator: "\n")
    }
}
