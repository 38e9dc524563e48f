import Foundation

/// Reads the blocks of one reduce partition from every map output of a shuffle and decodes them
/// into records. A missing, unreadable or corrupt block is reported as `FlintError.fetchFailed`
/// naming the map, so the scheduler reruns that map task.
struct ShuffleBlockFetcher {
    let shuffleId: Int
    let reduceId: Int
    let context: TaskContext

    /// The records of the partition, in map order, batch by batch (one batch per frame).
    /// `decode` decodes one frame: a kernel formed where the types are known
    /// (`ShuffleRecordKernels`).
    func records<K, W>(keySerializer: Serializer<K>, valueSerializer: Serializer<W>,
                       decode: @escaping ([UInt8], Serializer<K>, Serializer<W>) throws -> [(K, W)]) throws -> BatchIterator<(K, W)> {
        Self.decoding(try payloads(), keySerializer: keySerializer, valueSerializer: valueSerializer, context: context,
                      decode: decode)
    }

    /// The records of `payloads` (batches of frames), a batch of records per non-empty batch of
    /// frames, counted as shuffle records read by `context`'s task.
    static func decoding<K, W>(_ payloads: BatchIterator<[UInt8]>, keySerializer: Serializer<K>,
                               valueSerializer: Serializer<W>, context: TaskContext,
                               decode: @escaping ([UInt8], Serializer<K>, Serializer<W>) throws -> [(K, W)]) -> BatchIterator<(K, W)> {
        BatchIterator {
            while let frames = try payloads.nextBatch() {
                var records: [(K, W)] = []
                for frame in frames {
                    let decoded = try decode(frame, keySerializer, valueSerializer)
                    // The first frame's records are taken as they are: appending them to the
                    // empty batch copied every record (a retain each) and destroyed the original.
                    if records.isEmpty { records = decoded } else { records += decoded }
                }
                context.metrics.shuffleRecordsRead += records.count
                if !records.isEmpty { return records }
            }
            return nil
        }
    }

    /// The partition's serialized records, one decompressed and checksum-verified frame per
    /// batch, block after block (counting the bytes read).
    func payloads() throws -> BatchIterator<[UInt8]> {
        let manager = context.env.shuffleManager
        let context = self.context
        let shuffleId = self.shuffleId
        let reduceId = self.reduceId
        let statuses = try manager.mapOutputTracker.statuses(shuffleId, reduceId: reduceId)
        let blocks = statuses.filter { $0.partitionLengths[reduceId] > 0 }
        var blockIndex = 0
        var frames: BlockFrameReader?
        var currentMap = -1
        return BatchIterator {
            while true {
                if let payload = try Self.nextPayload(&frames, shuffleId: shuffleId, mapId: currentMap, reduceId: reduceId) {
                    return [payload]
                }
                guard blockIndex < blocks.count else { return nil }
                try context.checkInterrupted()
                let status = blocks[blockIndex]
                blockIndex += 1
                currentMap = status.mapId
                let bytes = try Self.readBlock(manager: manager, shuffleId: shuffleId, status: status, reduceId: reduceId)
                context.metrics.shuffleBytesRead += bytes.count
                let source = "\(manager.dataFile(shuffleId: shuffleId, mapId: status.mapId).path) (block of reduce partition \(reduceId))"
                frames = BlockFrameReader(bytes: bytes, source: source)
            }
        }
    }

    private static func nextPayload(_ frames: inout BlockFrameReader?, shuffleId: Int, mapId: Int,
                                    reduceId: Int) throws -> [UInt8]? {
        guard frames != nil else { return nil }
        do {
            if let payload = try frames!.nextFrame() { return payload }
            frames = nil
            return nil
        } catch {
            throw FlintError.fetchFailed(shuffleId: shuffleId, mapId: mapId, reduceId: reduceId, reason: "\(error)")
        }
    }

    /// The stored bytes of `reduceId`'s block in map `status`'s data file: the map status's
    /// lengths give the offsets (the `.index` file beside it holds the same for other readers),
    /// and every frame carries its own checksum.
    private static func readBlock(manager: ShuffleManager, shuffleId: Int, status: MapStatus, reduceId: Int) throws -> [UInt8] {
        let start = status.partitionLengths[..<reduceId].reduce(0, +)
        do {
            let data = try manager.dataInput(shuffleId: shuffleId, mapId: status.mapId)
            let end = start + status.partitionLengths[reduceId]
            guard end <= data.size else {
                throw FlintError.io(path: data.url.path, reason: "the file has \(data.size) bytes, the block of reduce \(reduceId) ends at \(end)")
            }
            return try data.read(start..<end)
        } catch {
            throw FlintError.fetchFailed(shuffleId: shuffleId, mapId: status.mapId, reduceId: reduceId, reason: "\(error)")
        }
    }
}
