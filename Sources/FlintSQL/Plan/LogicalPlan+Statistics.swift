import FlintCore

extension LogicalPlan {
    /// An upper estimate of the plan's output size in bytes, for choosing broadcast joins:
    /// file scans by their files' size, local rows by 16 bytes a cell, and operators that can
    /// only shrink their input by their input's estimate; nil when unknown (RDD scans, joins).
    func estimatedSize() -> Int? {
        switch self {
        case let .fileScan(relation): return try? TextFileRDD.totalSize(of: relation.paths.joined(separator: ","))
        case let .localRelation(output, rows): return rows.count * max(1, output.count) * 16
        case let .project(_, child), let .filter(_, child), let .aggregate(_, _, child), let .sort(_, _, child),
             let .distinct(child), let .deduplicate(_, child), let .subqueryAlias(_, child), let .limit(_, child):
            return child.estimatedSize()
        default: return nil
        }
    }
}
