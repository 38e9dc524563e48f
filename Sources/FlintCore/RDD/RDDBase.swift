import Foundation

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
    /// Parents of this RDD.
    public let dependencies: [Dependency]
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
        self.dependencies = dependencies
        self.numPartitions = numPartitions
        self.callSite = callSite
    }

    /// The class-like name shown in lineage dumps, e.g. "MapPartitionsRDD".
    open var kindName: String { "RDD" }

    public var description: String {
        "\(name.map { $0 + " " } ?? "")\(kindName)[\(id)] at \(callSite)"
    }
}
