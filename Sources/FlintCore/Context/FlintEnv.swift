import Foundation

/// The services of an executor: configuration, memory, shuffle and cached blocks. In local mode the driver
/// and its executor share one environment.
public final class FlintEnv: @unchecked Sendable {
    /// The executor's id ("driver" in local mode).
    public let executorId: String
    /// The configuration.
    public let conf: FlintConf
    /// The execution memory pool.
    public let memoryManager: MemoryManager
    /// Shuffle files and map output locations.
    public let shuffleManager: ShuffleManager
    /// Cached partitions in memory and on disk.
    public let blockManager: BlockManager

    init(executorId: String, conf: FlintConf, applicationId: String) throws {
        MemoryAllocator.configure()
        self.executorId = executorId
        self.conf = conf
        self.memoryManager = try MemoryManager(conf: conf)
        self.shuffleManager = try ShuffleManager(conf: conf, applicationId: applicationId)
        self.blockManager = try BlockManager(conf: conf, memoryManager: memoryManager,
                                             directory: shuffleManager.rootDirectory.appendingPathComponent("blocks"))
    }
}
