import Foundation

/// Reads the blocks of one reduce partition from every map output of a shuffle and decodes them
/// into records. A missing, unreadable or corrupt block is reported as `FlintError.fetchFailed`
/// naming the map, so the scheduler reruns that map task.
struct ShuffleBlockFetcher {
    let shuffleId: Int
    let reduceId: Int
    let context: TaskContext

    /// The records of the partition, in map order, batch by batch (one batch per frame).
    func records<K, W>(keySerializer: Serializer<K>, valueSerializer: Serializer<W>) throws -> BatchIterator<(K, W)> {
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
                    let records = try decodeRecords(payload, keySerializer: keySerializer, valueSerializer: valueSerializer)
                    context.metrics.shuffleRecordsRead += records.count
                    return records
                }
                guard blockIndex < blocks.count else { return nil }
                try context.checkInterrupted()
                let status = blocks[blockIndex]
                blockIndex += 1
                currentMap = status.mapId
                let bytes = try Self.readBlock(manager: manager, shuffleId: shuffleId, mapId: status.mapId,
                                               reduceId: reduceId, expectedLength: status.partitionLengths[reduceId])
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

    private static func readBlock(manager: ShuffleManager, shuffleId: Int, mapId: Int, reduceId: Int,
                                  expectedLength: Int) throws -> [UInt8] {
        do {
            let index = try FileInput(url: manager.indexFile(shuffleId: shuffleId, mapId: mapId))
            let offsets = try index.read(reduceId * 8..<(reduceId + 2) * 8)
            var reader = ByteReader(offsets)
            let start = Int(try reader.readFixed64())
            let end = Int(try reader.readFixed64())
            guard end - start == expectedLength else {
                throw FlintError.io(path: index.url.path,
                                    reason: "index says \(end - start) bytes for reduce \(reduceId), map status says \(expectedLength)")
            }
            return try FileInput(url: manager.dataFile(shuffleId: shuffleId, mapId: mapId)).read(start..<end)
        } catch {
            throw FlintError.fetchFailed(shuffleId: shuffleId, mapId: mapId, reduceId: reduceId, reason: "\(error)")
        }
    }
}
