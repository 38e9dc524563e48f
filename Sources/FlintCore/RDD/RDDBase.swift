import Foundation
import Synchronization

/// Where in user code an RDD was created, as Spark's call site ("map at WordCount.swift:12").
public struct CallSite: Sendable, CustomStringConvertible, Codable, Hashable {
    /// The operation, e.g. "map".
    public var operation: String
    /// The `#fileID` of the caller.
    public var file: String
    /// The line of the caller.
    public var line: Int

    /// Creates a call site for `operation` called at `file`:`line`.
    public init(_ operation: String, file: String, line: Int) {
        self.operation = operation
        self.file = file
        self.line = line
    }

    public var description: String {
        let fileName = file.split(separator: "/").last.map(String.init) ?? file
        return "\(operation) at \(fileName):\(line)"
    }
}

/// The type-erased part of an RDD that the scheduler walks: identity, partitions and lineage.
///
/// Users work with `RDD<T>`; this class exists so that stages can be built over RDDs of any
/// element type without generics.
open class RDDBase: @unchecked Sendable, CustomStringConvertible {
    /// Unique id within the context.
    public let id: Int
    /// The context that created this RDD.
    public let context: FlintContext
    /// Parents of this RDD; once it is checkpointed, the checkpoint data alone.
    public var dependencies: [Dependency] {
        persistence.withLock { $0.checkpointDependency.map { [$0] } } ?? originalDependencies
    }
    private let originalDependencies: [Dependency]
    /// Number of partitions.
    public let numPartitions: Int
    /// How keys are spread over partitions, when known (pair RDDs after a shuffle).
    public internal(set) var partitioner: Partitioner?
    /// Where this RDD was created.
    public let callSite: CallSite
    /// A name set with `setName`, shown in `toDebugString`.
    public var name: String?

    init(context: FlintContext, dependencies: [Dependency], numPartitions: Int, callSite: CallSite) {
        self.id = context.newRDDId()
        self.context = context
        self.originalDependencies = dependencies
        self.numPartitions = numPartitions
        self.callSite = callSite
    }

    /// How the RDD is persisted and checkpointed; read by tasks, set by the driver.
    struct Persistence {
        var storageLevel = StorageLevel.none
        /// Writes the checkpoint when the next job on this RDD ends (set by `checkpoint()` and
        /// `localCheckpoint()`); returns the RDD that holds the checkpointed data.
        var pendingCheckpoint: (() throws -> RDDBase)?
        /// The link to the checkpoint data, replacing the lineage once written.
        var checkpointDependency: Dependency?
        /// Where a reliable checkpoint was written.
        var checkpointPath: String?
    }
    let persistence = Mutex(Persistence())

    /// The level the RDD is persisted at (`.none` if it is not), as Spark's `getStorageLevel`.
    public func getStorageLevel() -> StorageLevel { persistence.withLock { $0.storageLevel } }

    /// Whether the RDD's lineage was replaced by checkpoint data (reliable or local).
    public var isCheckpointed: Bool { persistence.withLock { $0.checkpointDependency != nil } }

    /// The directory of the RDD's reliable checkpoint, once written.
    public func getCheckpointFile() -> String? { persistence.withLock { $0.checkpointPath } }

    /// Writes the pending checkpoints of this RDD, or else of its ancestors, after a job on it.
    /// Each RDD is visited once per call.
    func doCheckpoint() throws {
        var visited = Set<Int>()
        func visit(_ rdd: RDDBase) throws {
            guard visited.insert(rdd.id).inserted else { return }
            let pending = rdd.persistence.withLock { state in
                defer { state.pendingCheckpoint = nil }
                return state.checkpointDependency == nil ? state.pendingCheckpoint : nil
            }
            if let pending {
                let data: RDDBase
                do {
                    data = try pending()
                } catch {
                    rdd.persistence.withLock { $0.pendingCheckpoint = pending }
                    throw error
                }
                rdd.persistence.withLock { $0.checkpointDependency = OneToOneDependency(rdd: data) }
            } else {
                for dependency in rdd.dependencies { try visit(dependency.rdd) }
            }
        }
        try visit(self)
    }

    deinit {
        guard getStorageLevel().isValid else { return }
        context.unregisterPersistent(id)
        context.env.blockManager.removeRDD(id)
    }

    /// The class-like name shown in lineage dumps, e.g. "MapPartitionsRDD".
    open var kindName: String { "RDD" }

    public var description: String {
        "\(name.map { $0 + " " } ?? "")\(kindName)[\(id)] at \(callSite)"
    }
}
