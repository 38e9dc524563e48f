import Synchronization

/// Where a map task wrote its output and how large each reduce partition's block is.
public struct MapStatus: Sendable, Codable, Equatable {
    /// The map partition.
    public var mapId: Int
    /// The executor holding the files.
    public var executorId: String
    /// Stored (compressed) bytes of the block of each reduce partition.
    public var partitionLengths: [Int]
    /// Records written.
    public var recordsWritten: Int
}

/// The driver's table of completed map outputs per shuffle, as Spark's `MapOutputTracker`.
/// Thread-safe; every call takes one lock.
public final class MapOutputTracker: Sendable {
    private let shuffles = Mutex<[Int: [MapStatus?]]>([:])

    /// Registers a shuffle with `numMaps` map partitions (idempotent).
    public func registerShuffle(_ shuffleId: Int, numMaps: Int) {
        shuffles.withLock { table in
            if table[shuffleId] == nil { table[shuffleId] = Array(repeating: nil, count: numMaps) }
        }
    }

    /// Records the output of one map task.
    public func registerMapOutput(_ shuffleId: Int, status: MapStatus) {
        shuffles.withLock { table in
            table[shuffleId]?[status.mapId] = status
        }
    }

    /// Forgets one map output (its files are lost or corrupt), so the map task runs again.
    public func unregisterMapOutput(_ shuffleId: Int, mapId: Int) {
        shuffles.withLock { table in
            if table[shuffleId] != nil, mapId < table[shuffleId]!.count { table[shuffleId]![mapId] = nil }
        }
    }

    /// Forgets a whole shuffle; returns how many map partitions it had.
    @discardableResult
    public func unregisterShuffle(_ shuffleId: Int) -> Int? {
        shuffles.withLock { $0.removeValue(forKey: shuffleId)?.count }
    }

    /// The map partitions whose output is not available.
    public func missingMaps(_ shuffleId: Int) -> [Int] {
        shuffles.withLock { table in
            guard let statuses = table[shuffleId] else { return [] }
            return statuses.indices.filter { statuses[$0] == nil }
        }
    }

    /// The statuses of every map of a shuffle, for a reducer.
    /// - Throws: `FlintError.fetchFailed` if a map output is missing.
    public func statuses(_ shuffleId: Int, reduceId: Int) throws -> [MapStatus] {
        let statuses = shuffles.withLock { $0[shuffleId] }
        guard let statuses else {
            throw FlintError.fetchFailed(shuffleId: shuffleId, mapId: -1, reduceId: reduceId,
                                         reason: "shuffle is not registered")
        }
        return try statuses.enumerated().map { mapId, status in
            guard let status else {
                throw FlintError.fetchFailed(shuffleId: shuffleId, mapId: mapId, reduceId: reduceId,
                                             reason: "map output is missing")
            }
            return status
        }
    }

    /// Ids of the registered shuffles.
    public var shuffleIds: [Int] { shuffles.withLock { Array($0.keys) } }
}
