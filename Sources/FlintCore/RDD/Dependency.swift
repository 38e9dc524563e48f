/// A link from an RDD to one of its parents, as in Spark.
///
/// Narrow dependencies let a child partition be computed from a few parent partitions in the
/// same task; a `ShuffleDependencyBase` marks a stage boundary.
public class Dependency: @unchecked Sendable {
    /// The parent RDD.
    public let rdd: RDDBase

    init(rdd: RDDBase) {
        self.rdd = rdd
    }
}

/// A dependency in which each child partition depends on a small set of parent partitions.
public class NarrowDependency: Dependency, @unchecked Sendable {
    /// The parent partitions that child partition `partition` reads.
    public func parents(of partition: Int) -> [Int] {
        preconditionFailure("subclasses implement parents(of:)")
    }
}

/// Child partition i reads parent partition i.
public final class OneToOneDependency: NarrowDependency, @unchecked Sendable {
    override public func parents(of partition: Int) -> [Int] { [partition] }
}

/// Child partitions `outStart..<outStart+length` read parent partitions `inStart...` one to one
/// (used by `union`).
public final class RangeDependency: NarrowDependency, @unchecked Sendable {
    let inStart: Int
    let outStart: Int
    let length: Int

    init(rdd: RDDBase, inStart: Int, outStart: Int, length: Int) {
        self.inStart = inStart
        self.outStart = outStart
        self.length = length
        super.init(rdd: rdd)
    }

    override public func parents(of partition: Int) -> [Int] {
        partition >= outStart && partition < outStart + length ? [partition - outStart + inStart] : []
    }
}

/// A narrow dependency given by an explicit table (used by `coalesce` and `cartesian`).
public final class TableDependency: NarrowDependency, @unchecked Sendable {
    let table: [[Int]]

    init(rdd: RDDBase, table: [[Int]]) {
        self.table = table
        super.init(rdd: rdd)
    }

    override public func parents(of partition: Int) -> [Int] { table[partition] }
}
