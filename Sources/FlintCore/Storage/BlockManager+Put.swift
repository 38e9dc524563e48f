extension BlockManager {
    /// Reservations grow by at least this much, so that unrolling a partition takes few locks.
    private static let reservationChunk = 1 << 20

    /// Unrolls `source` into memory as objects, reserving storage memory as the estimate grows.
    /// Returns the stored batches, or, when memory runs out, writes the partition to disk
    /// (levels with disk) or hands it on uncached.
    func putValues<T>(_ id: BlockId, source: BatchIterator<T>, level: StorageLevel, serializer: Serializer<T>?,
                      context: TaskContext) throws -> BatchIterator<T> {
        var batches: [[T]] = []
        var estimator = ValueSizeEstimator<T>()
        var reserved = 0
        while let batch = try source.nextBatch() {
            batches.append(batch)
            let estimate = estimator.add(batch)
            if estimate > reserved, !reserve(estimate, growing: &reserved, for: id) {
                let rest = BatchIterator.chaining(batches, then: source)
                batches = []
                if level.useDisk {
                    memoryManager.releaseStorageMemory(reserved)
                    var encoder = BlockEncoder(serializer: serializer!, codec: codec)
                    return try putOnDisk(id, encoder: &encoder, rest: rest)
                }
                return handOnUncached(id, rest, reserved: reserved, context: context)
            }
        }
        let size = estimator.total
        memoryManager.releaseStorageMemory(reserved - size)
        let stored = batches
        let encode: (() throws -> [UInt8])? = serializer.map { serializer in
            { [codec] in
                var encoder = BlockEncoder(serializer: serializer, codec: codec)
                for batch in stored { try encoder.append(batch) }
                encoder.finish()
                return encoder.output
            }
        }
        if !memoryStore.put(id, payload: .values(stored), size: size, level: level, encode: encode) {
            memoryManager.releaseStorageMemory(size)
        }
        var remaining = stored[...]
        return BatchIterator { remaining.popFirst() }
    }

    /// Encodes `source` into frames in memory, reserving storage memory for the exact bytes.
    /// Falls back as `putValues` does when memory runs out.
    func putBytes<T>(_ id: BlockId, source: BatchIterator<T>, level: StorageLevel, serializer: Serializer<T>,
                     context: TaskContext) throws -> BatchIterator<T> {
        var encoder = BlockEncoder(serializer: serializer, codec: codec)
        var reserved = 0
        var finished = false
        while !finished {
            if let batch = try source.nextBatch() {
                try encoder.append(batch)
            } else {
                encoder.finish()
                finished = true
            }
            let size = encoder.output.count
            if size > reserved, !reserve(size, growing: &reserved, for: id) {
                if level.useDisk {
                    memoryManager.releaseStorageMemory(reserved)
                    return try putOnDisk(id, encoder: &encoder, rest: source)
                }
                encoder.finish()
                let encoded = BatchIterator.decoding(frames: encoder.takeOutput(), source: "unrolled block \(id)",
                                                     serializer: serializer)
                return handOnUncached(id, .concatenating(encoded, source), reserved: reserved, context: context)
            }
        }
        let frames = encoder.takeOutput()
        memoryManager.releaseStorageMemory(reserved - frames.count)
        if !memoryStore.put(id, payload: .bytes(frames), size: frames.count, level: level, encode: nil) {
            memoryManager.releaseStorageMemory(frames.count)
        }
        return .decoding(frames: frames, source: "memory block \(id)", serializer: serializer)
    }

    /// Finishes encoding `rest` after what `encoder` holds, straight into the block's file, and
    /// returns a stream over the file.
    func putOnDisk<T>(_ id: BlockId, encoder: inout BlockEncoder<T>, rest: BatchIterator<T>) throws -> BatchIterator<T> {
        try diskStore.put(id) { output in
            try output.write(encoder.takeOutput())
            while let batch = try rest.nextBatch() {
                try encoder.append(batch)
                if encoder.output.count >= 1 << 20 { try output.write(encoder.takeOutput()) }
            }
            encoder.finish()
            try output.write(encoder.takeOutput())
        }
        return try .decoding(file: diskStore.file(for: id), serializer: encoder.serializer)
    }

    /// Grows the reservation for block `id` to cover `bytes`: by a chunk (at least 1 MiB and
    /// half of what is held, so that reservations double) when that much is free, else by
    /// exactly what is missing, evicting other blocks if needed; false if the memory is not there.
    private func reserve(_ bytes: Int, growing reserved: inout Int, for id: BlockId) -> Bool {
        let request = max(bytes - reserved, Self.reservationChunk, reserved / 2)
        if memoryManager.acquireStorageMemory(request, excludingRDD: id.rddId, evicting: false) {
            reserved += request
            return true
        }
        let exact = bytes - reserved
        if memoryManager.acquireStorageMemory(exact, excludingRDD: id.rddId) {
            reserved += exact
            return true
        }
        return false
    }

    /// Returns a partition that did not fit in memory without caching it. What was unrolled
    /// stays accounted (as Spark's unroll memory) until the task ends.
    private func handOnUncached<T>(_ id: BlockId, _ elements: BatchIterator<T>, reserved: Int,
                                   context: TaskContext) -> BatchIterator<T> {
        logger.info("not enough memory to cache \(id) (\(reserved) bytes reserved so far); the partition is computed without caching")
        context.addTaskCompletionListener { [memoryManager] in memoryManager.releaseStorageMemory(reserved) }
        return elements
    }
}

extension BatchIterator {
    /// The batches `first`, then the rest of `rest`.
    static func chaining(_ first: [[Element]], then rest: BatchIterator) -> BatchIterator {
        var pending = first[...]
        return BatchIterator { try pending.popFirst() ?? rest.nextBatch() }
    }

    /// The elements of `first`, then those of `second`.
    static func concatenating(_ first: BatchIterator, _ second: BatchIterator) -> BatchIterator {
        var firstDone = false
        return BatchIterator {
            if !firstDone {
                if let batch = try first.nextBatch() { return batch }
                firstDone = true
            }
            return try second.nextBatch()
        }
    }
}
