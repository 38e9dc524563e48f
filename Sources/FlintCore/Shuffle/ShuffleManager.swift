import Foundation
import Synchronization

/// Owns an executor's shuffle and spill files under `flint.local.dir` and the settings that
/// shape them (codec, buffer size).
///
/// Layout: `<local dir>/flint-<application id>/shuffle_<shuffle>_<map>.data` with a matching
/// `.index` of `numPartitions + 1` little-endian UInt64 offsets, and `spill/` for spill runs.
public final class ShuffleManager: @unchecked Sendable {
    /// The application's root directory of local files.
    public let rootDirectory: URL
    /// Codec for shuffle blocks (nil: `flint.shuffle.compress=false`).
    public let blockCodec: any CompressionCodec
    /// Codec for spill files.
    public let spillCodec: any CompressionCodec
    /// Serialised bytes buffered per reduce partition before a frame is cut.
    public let fileBufferSize: Int
    /// Completed map outputs.
    public let mapOutputTracker = MapOutputTracker()
    private let spillCounter = Atomic<Int>(0)
    /// Open data files of map outputs, by (shuffle, map): a reduce task reads one block of
    /// every map file, so without it each file is opened once per reduce partition (tens of
    /// thousands of opens for 200 partitions, a tenth of a query's CPU in the kernel).
    /// Bounded; an entry is dropped when its map output is rewritten or its shuffle removed.
    private let openDataFiles = Mutex<[MapOutputKey: FileInput]>([:])
    private static let maxOpenDataFiles = 256

    private struct MapOutputKey: Hashable {
        let shuffleId: Int
        let mapId: Int
    }

    init(conf: FlintConf, applicationId: String) throws {
        // As SPARK_LOCAL_DIRS, the environment variable wins over the configuration key.
        let localDirs = ProcessInfo.processInfo.environment["FLINT_LOCAL_DIRS"] ?? conf.get(ConfigEntry.localDir) ?? "/tmp"
        let base = localDirs.split(separator: ",").first.map(String.init) ?? "/tmp"
        rootDirectory = URL(fileURLWithPath: base).appendingPathComponent("flint-\(applicationId)")
        let codecName = conf.get(ConfigEntry.compressionCodec) ?? "snappy"
        let codec = try CompressionCodecs.named(codecName)
        blockCodec = try conf.getBoolean(ConfigEntry.shuffleCompress, default: true) ? codec : NoCompressionCodec()
        spillCodec = try conf.getBoolean(ConfigEntry.shuffleSpillCompress, default: true) ? codec : NoCompressionCodec()
        fileBufferSize = max(1024, try conf.getSizeAsBytes(ConfigEntry.shuffleFileBuffer, default: 32 << 10,
                                                           defaultUnit: 1024))
        // Registered (and the signal hooks installed) before the directory exists, so that a
        // SIGTERM arriving as it is created still removes it.
        ShutdownCleaner.register(rootDirectory)
        do {
            try FileManager.default.createDirectory(at: rootDirectory.appendingPathComponent("spill"),
                                                    withIntermediateDirectories: true)
        } catch {
            ShutdownCleaner.unregister(rootDirectory)
            throw FlintError.io(path: rootDirectory.path, reason: "cannot create the local directory: \(error)")
        }
    }

    /// The data file of one map output.
    public func dataFile(shuffleId: Int, mapId: Int) -> URL {
        rootDirectory.appendingPathComponent("shuffle_\(shuffleId)_\(mapId).data")
    }

    /// The index file of one map output.
    public func indexFile(shuffleId: Int, mapId: Int) -> URL {
        rootDirectory.appendingPathComponent("shuffle_\(shuffleId)_\(mapId).index")
    }

    /// The data file of one map output, opened once and shared by the tasks reading it
    /// (`pread` needs no file position).
    /// - Throws: `FlintError.io` naming the file when it cannot be opened.
    func dataInput(shuffleId: Int, mapId: Int) throws -> FileInput {
        let key = MapOutputKey(shuffleId: shuffleId, mapId: mapId)
        if let input = openDataFiles.withLock({ $0[key] }) { return input }
        let input = try FileInput(url: dataFile(shuffleId: shuffleId, mapId: mapId))
        openDataFiles.withLock { files in
            // Dropping a reference closes the file once no reader holds it.
            if files.count >= Self.maxOpenDataFiles { files.removeAll(keepingCapacity: true) }
            files[key] = input
        }
        return input
    }

    /// Forgets the open data file of a map output about to be replaced (a rerun map task).
    func dataFileReplaced(shuffleId: Int, mapId: Int) {
        openDataFiles.withLock { _ = $0.removeValue(forKey: MapOutputKey(shuffleId: shuffleId, mapId: mapId)) }
    }

    /// A fresh path for a spill file.
    func newSpillFile() -> URL {
        let n = spillCounter.add(1, ordering: .relaxed).newValue
        return rootDirectory.appendingPathComponent("spill/spill_\(n)_\(UUID().uuidString.prefix(8))")
    }

    /// Deletes the files of a shuffle and forgets its map outputs.
    public func removeShuffle(_ shuffleId: Int) {
        guard let numMaps = mapOutputTracker.unregisterShuffle(shuffleId) else { return }
        openDataFiles.withLock { files in files = files.filter { $0.key.shuffleId != shuffleId } }
        for mapId in 0..<numMaps {
            try? FileManager.default.removeItem(at: dataFile(shuffleId: shuffleId, mapId: mapId))
            try? FileManager.default.removeItem(at: indexFile(shuffleId: shuffleId, mapId: mapId))
        }
    }

    /// Deletes every local file of the application.
    func removeAll() {
        for id in mapOutputTracker.shuffleIds { mapOutputTracker.unregisterShuffle(id) }
        openDataFiles.withLock { $0.removeAll() }
        try? FileManager.default.removeItem(at: rootDirectory)
        ShutdownCleaner.unregister(rootDirectory)
    }
}
