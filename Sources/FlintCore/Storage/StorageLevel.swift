/// How an RDD's partitions are kept once computed, as Spark's `StorageLevel`: in memory as
/// objects, in memory as serialised (Snappy-compressed) bytes, on local disk, or a mix.
///
/// A level that uses memory and disk keeps a partition in memory while it fits and writes it to
/// disk when it does not, or when it is evicted to make room for newer blocks. A memory-only
/// partition that is evicted is recomputed from its lineage on the next read.
public struct StorageLevel: Hashable, Sendable, CustomStringConvertible {
    /// Whether partitions may be written to local disk.
    public let useDisk: Bool
    /// Whether partitions may be kept in memory.
    public let useMemory: Bool
    /// Whether partitions in memory are kept as objects (true) or as serialised bytes (false).
    public let deserialized: Bool
    /// Number of copies; local mode keeps one whatever the value.
    public let replication: Int

    /// Creates a level from its flags.
    /// - Precondition: `replication` is between 1 and 40 (Spark's bounds).
    public init(useDisk: Bool, useMemory: Bool, deserialized: Bool, replication: Int = 1) {
        precondition((1..<40).contains(replication), "replication must be in 1..<40, got \(replication)")
        self.useDisk = useDisk
        self.useMemory = useMemory
        self.deserialized = deserialized
        self.replication = replication
    }

    /// Not persisted (Spark's `NONE`).
    public static let none = StorageLevel(useDisk: false, useMemory: false, deserialized: false)
    /// Serialised on local disk only (`DISK_ONLY`).
    public static let diskOnly = StorageLevel(useDisk: true, useMemory: false, deserialized: false)
    /// Objects in memory; partitions that do not fit are recomputed when needed (`MEMORY_ONLY`,
    /// what `cache()` uses).
    public static let memoryOnly = StorageLevel(useDisk: false, useMemory: true, deserialized: true)
    /// Serialised, Snappy-compressed bytes in memory: smaller, but each read decodes
    /// (`MEMORY_ONLY_SER`).
    public static let memoryOnlySer = StorageLevel(useDisk: false, useMemory: true, deserialized: false)
    /// Objects in memory, spilling to disk what does not fit (`MEMORY_AND_DISK`).
    public static let memoryAndDisk = StorageLevel(useDisk: true, useMemory: true, deserialized: true)
    /// Serialised bytes in memory, spilling to disk what does not fit (`MEMORY_AND_DISK_SER`).
    public static let memoryAndDiskSer = StorageLevel(useDisk: true, useMemory: true, deserialized: false)

    /// Whether this level keeps anything (false only for `none`).
    public var isValid: Bool { (useMemory || useDisk) && replication > 0 }

    /// Parses one of Spark's level names: `NONE`, `DISK_ONLY`, `DISK_ONLY_2`, `MEMORY_ONLY`,
    /// `MEMORY_ONLY_2`, `MEMORY_ONLY_SER`, `MEMORY_ONLY_SER_2`, `MEMORY_AND_DISK`,
    /// `MEMORY_AND_DISK_2`, `MEMORY_AND_DISK_SER`, `MEMORY_AND_DISK_SER_2` (case-insensitive).
    /// - Throws: `FlintError.invalidArgument` naming the value and the accepted names.
    public static func fromString(_ name: String) throws -> StorageLevel {
        var base = name.uppercased()
        var replication = 1
        if base.hasSuffix("_2") {
            base.removeLast(2)
            replication = 2
        }
        let levels: [String: StorageLevel] = [
            "DISK_ONLY": .diskOnly, "MEMORY_ONLY": .memoryOnly, "MEMORY_ONLY_SER": .memoryOnlySer,
            "MEMORY_AND_DISK": .memoryAndDisk, "MEMORY_AND_DISK_SER": .memoryAndDiskSer,
        ]
        if base == "NONE", replication == 1 { return .none }
        guard let level = levels[base] else {
            throw FlintError.invalidArgument(
                "unknown storage level '\(name)'; expected NONE, " + levels.keys.sorted().joined(separator: ", ")
                    + " (each but NONE also with the suffix _2)")
        }
        return StorageLevel(useDisk: level.useDisk, useMemory: level.useMemory, deserialized: level.deserialized,
                            replication: replication)
    }

    /// The short form Spark shows in `toDebugString` and the web UI, e.g.
    /// `Memory Deserialized 1x Replicated` or `Disk Serialized 1x Replicated`.
    public var shortDescription: String {
        (useDisk ? "Disk " : "") + (useMemory ? "Memory " : "") + (deserialized ? "Deserialized " : "Serialized ")
            + "\(replication)x Replicated"
    }

    /// As Spark prints it: `StorageLevel(disk, memory, deserialized, 1 replicas)`.
    public var description: String {
        var flags: [String] = []
        if useDisk { flags.append("disk") }
        if useMemory { flags.append("memory") }
        if deserialized { flags.append("deserialized") }
        flags.append("\(replication) replicas")
        return "StorageLevel(\(flags.joined(separator: ", ")))"
    }
}
