import Foundation

/// Actions: they run a job and bring a result to the driver. Each throws what the job throws
/// (`FlintError.jobFailed`, `FlintError.jobCancelled`, ...).
extension RDD {
    /// All elements, in partition order. Costs driver memory for the whole RDD.
    public func collect(file: String = #fileID, line: Int = #line) throws -> [T] {
        let parts = try context.runJob(self, callSite: CallSite("collect", file: file, line: line)) { _, items in
            try items.collectAll()
        }
        return Array(parts.joined())
    }

    /// The number of elements.
    public func count(file: String = #fileID, line: Int = #line) throws -> Int {
        try context.runJob(self, callSite: CallSite("count", file: file, line: line)) { _, items in
            try items.count()
        }.reduce(0, +)
    }

    /// The first `n` elements in partition order, scanning as few partitions as it can: one
    /// first, then more (up to 4× as many each round), as Spark's `take`.
    public func take(_ n: Int, file: String = #fileID, line: Int = #line) throws -> [T] {
        guard n > 0 else { return [] }
        let callSite = CallSite("take", file: file, line: line)
        var taken: [T] = []
        var scanned = 0
        while taken.count < n, scanned < numPartitions {
            var tryCount = 1
            if scanned > 0 {
                // Estimated in Double and clamped before converting: n may be as large as Int.max.
                let estimate = 1.5 * Double(n) * Double(scanned) / Double(Swift.max(taken.count, 1)) - Double(scanned)
                tryCount = taken.isEmpty ? scanned * 4 : Swift.min(scanned * 4, Swift.max(1, Int(Swift.min(estimate, Double(numPartitions)))))
            }
            let partitions = Array(scanned..<Swift.min(scanned + tryCount, numPartitions))
            let wanted = n - taken.count
            let parts = try context.runJob(self, partitions: partitions, callSite: callSite) { _, items -> [T] in
                var result: [T] = []
                while result.count < wanted, let batch = try items.nextBatch() {
                    result.append(contentsOf: batch.prefix(wanted - result.count))
                }
                return result
            }
            for part in parts where taken.count < n { taken.append(contentsOf: part.prefix(n - taken.count)) }
            scanned += partitions.count
        }
        return taken
    }

    /// The first element.
    /// - Throws: `FlintError.emptyCollection` if the RDD is empty.
    public func first(file: String = #fileID, line: Int = #line) throws -> T {
        guard let element = try take(1, file: file, line: line).first else { throw FlintError.emptyCollection("first") }
        return element
    }

    /// Whether the RDD has no elements (scans until it finds one).
    public func isEmpty(file: String = #fileID, line: Int = #line) throws -> Bool {
        if numPartitions == 0 { return true }
        return try take(1, file: file, line: line).isEmpty
    }

    /// The `n` smallest elements by `areInIncreasingOrder`, in order. Each task keeps its own
    /// best `n` in a sorted array: an element costs one comparison with the current n-th, and
    /// a binary search and an insertion when it beats it. The driver merges the tasks' lists.
    @inlinable
    public func takeOrdered(_ n: Int, by areInIncreasingOrder: @escaping @Sendable (T, T) -> Bool,
                            file: String = #fileID, line: Int = #line) throws -> [T] {
        guard n > 0 else { return [] }
        let parts = try context.runJob(self, callSite: CallSite("takeOrdered", file: file, line: line)) { _, items in
            var best = BoundedSortedBuffer(capacity: n, by: areInIncreasingOrder)
            while let batch = try items.nextBatch() {
                for element in batch { best.offer(element) }
            }
            return best.elements
        }
        return Array(parts.joined().sorted(by: areInIncreasingOrder).prefix(n))
    }

    /// Aggregates the elements of each partition with `seqOp` from `zeroValue`, then merges the
    /// partial results on the driver with `combOp`.
    @inlinable
    public func aggregate<U>(_ zeroValue: U, seqOp: @escaping @Sendable (U, T) throws -> U,
                             combOp: @escaping @Sendable (U, U) throws -> U,
                             file: String = #fileID, line: Int = #line) throws -> U {
        nonisolated(unsafe) let zero = zeroValue
        let parts = try context.runJob(self, callSite: CallSite("aggregate", file: file, line: line)) { _, items in
            var accumulator = zero
            try items.forEach { accumulator = try seqOp(accumulator, $0) }
            return accumulator
        }
        return try parts.reduce(zeroValue, combOp)
    }

    /// Folds the elements with `function`, starting each partition and the final merge at
    /// `zeroValue`.
    @inlinable
    public func fold(_ zeroValue: T, _ function: @escaping @Sendable (T, T) throws -> T,
                     file: String = #fileID, line: Int = #line) throws -> T {
        try aggregate(zeroValue, seqOp: function, combOp: function, file: file, line: line)
    }

    /// Reduces the elements with an associative, commutative function.
    /// - Throws: `FlintError.emptyCollection` if the RDD is empty.
    @inlinable
    public func reduce(_ function: @escaping @Sendable (T, T) throws -> T, file: String = #fileID,
                       line: Int = #line) throws -> T {
        let parts = try context.runJob(self, callSite: CallSite("reduce", file: file, line: line)) { _, items -> T? in
            var accumulator: T?
            try items.forEach { element in accumulator = try accumulator.map { try function($0, element) } ?? element }
            return accumulator
        }
        let partials = parts.compactMap { $0 }
        guard var result = partials.first else { throw FlintError.emptyCollection("reduce") }
        for partial in partials.dropFirst() { result = try function(result, partial) }
        return result
    }

    /// Runs `body` on every element, on the executors.
    @inlinable
    public func foreach(_ body: @escaping @Sendable (T) throws -> Void, file: String = #fileID,
                        line: Int = #line) throws {
        _ = try context.runJob(self, callSite: CallSite("foreach", file: file, line: line)) { _, items in
            try items.forEach(body)
        }
    }

    /// Runs `body` on every partition's stream, on the executors.
    public func foreachPartition(_ body: @escaping @Sendable (BatchIterator<T>) throws -> Void,
                                 file: String = #fileID, line: Int = #line) throws {
        _ = try context.runJob(self, callSite: CallSite("foreachPartition", file: file, line: line)) { _, items in
            try body(items)
        }
    }

    /// Writes the elements as text lines (`String(describing:)`), one `part-NNNNN` file per
    /// partition, plus an empty `_SUCCESS` file, as Spark's `saveAsTextFile`.
    /// - Throws: `FlintError.outputExists` if `path` exists (nothing is overwritten),
    ///   `FlintError.io` if it cannot be written.
    public func saveAsTextFile(_ path: String, file: String = #fileID, line: Int = #line) throws {
        let directory = URL(fileURLWithPath: path)
        guard !FileManager.default.fileExists(atPath: directory.path) else { throw FlintError.outputExists(path: path) }
        let temporary = directory.appendingPathComponent("_temporary")
        do {
            try FileManager.default.createDirectory(at: temporary, withIntermediateDirectories: true)
        } catch {
            throw FlintError.io(path: path, reason: "cannot create the output directory: \(error)")
        }
        _ = try context.runJob(self, callSite: CallSite("saveAsTextFile", file: file, line: line)) { context, items in
            let name = String(format: "part-%05d", context.partitionId)
            let attemptFile = temporary.appendingPathComponent("\(name)-attempt-\(context.taskAttemptId)")
            let output = try FileOutput(url: attemptFile)
            var text: [UInt8] = []
            while let batch = try items.nextBatch() {
                text.removeAll(keepingCapacity: true)
                for element in batch {
                    text.append(contentsOf: String(describing: element).utf8)
                    text.append(0x0A)
                }
                try output.write(text)
                context.metrics.outputRecords += batch.count
            }
            try output.close()
            context.metrics.outputBytes += output.written
            try FileOutput.replace(directory.appendingPathComponent(name), with: attemptFile)
        }
        try? FileManager.default.removeItem(at: temporary)
        try FileOutput.writeAll([], to: directory.appendingPathComponent("_SUCCESS"))
    }

    /// Aggregates in a multi-level tree, as Spark's `treeAggregate`: partial results of the
    /// partitions are combined in `depth - 1` shuffle rounds on the executors before the driver
    /// merges the rest, so the driver receives few partial results. Falls back to `aggregate`
    /// when `U` cannot be serialised for the shuffle.
    /// - Precondition: `depth >= 1`.
    @inlinable
    public func treeAggregate<U>(_ zeroValue: U, seqOp: @escaping @Sendable (U, T) -> U,
                                 combOp: @escaping @Sendable (U, U) -> U, depth: Int = 2,
                                 file: String = #fileID, line: Int = #line) throws -> U {
        precondition(depth >= 1, "treeAggregate depth must be >= 1, got \(depth)")
        guard numPartitions > 0 else { return zeroValue }
        guard (try? Serializer<U>.make()) != nil else {
            return try aggregate(zeroValue, seqOp: seqOp, combOp: combOp, file: file, line: line)
        }
        let callSite = CallSite("treeAggregate", file: file, line: line)
        nonisolated(unsafe) let zero = zeroValue
        var partial: RDD<U> = MapPartitionsRDD(parent: self, callSite: callSite) { _, _, items in
            var accumulator = zero
            try items.forEach { accumulator = seqOp(accumulator, $0) }
            return BatchIterator([accumulator])
        }
        var partitions = partial.numPartitions
        let scale = Swift.max(Int(pow(Double(partitions), 1.0 / Double(depth)).rounded(.up)), 2)
        while partitions > scale + Int((Double(partitions) / Double(scale)).rounded(.up)) {
            partitions /= scale
            let target = partitions
            partial = MapPartitionsRDD(parent: partial, callSite: callSite) { _, index, items in
                items.map { (index % target, $0) }
            }.foldByKey(zeroValue, numPartitions: target, combOp, file: file, line: line).values(file: file, line: line)
        }
        return try partial.aggregate(zeroValue, seqOp: combOp, combOp: combOp, file: file, line: line)
    }

    /// Reduces in a multi-level tree (see `treeAggregate`).
    /// - Throws: `FlintError.emptyCollection` if the RDD is empty.
    @inlinable
    public func treeReduce(_ function: @escaping @Sendable (T, T) -> T, depth: Int = 2,
                           file: String = #fileID, line: Int = #line) throws -> T {
        let combine: @Sendable (T?, T?) -> T? = { a, b in
            guard let a else { return b }
            guard let b else { return a }
            return function(a, b)
        }
        guard let result = try treeAggregate(nil as T?, seqOp: { combine($0, $1) }, combOp: combine, depth: depth,
                                             file: file, line: line) else {
            throw FlintError.emptyCollection("treeReduce")
        }
        return result
    }
}
