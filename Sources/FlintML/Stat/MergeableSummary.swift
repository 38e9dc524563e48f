import FlintCore

/// A statistic computed by one `treeAggregate`: items are added to per-partition partial
/// summaries, which are then merged in a tree. The empty summary is the `zeroValue`, `add` the
/// `seqOp` and `merge` the `combOp`; a `Codable` summary is merged on the executors.
protocol MergeableSummary: Sendable {
    /// What is added: a batch of rows, a block of instances.
    associatedtype Item
    /// Adds `item`.
    mutating func add(_ item: Item)
    /// Adds what `other` summarizes.
    mutating func merge(_ other: Self)
}

extension RDD {
    /// `zero` with every item of the RDD added (one job).
    /// - Throws: what the job throws.
    func treeAggregate<Summary: MergeableSummary>(_ zero: Summary, depth: Int = 2, file: String = #fileID,
                                                  line: Int = #line) throws -> Summary where Summary.Item == T {
        try treeAggregate(zero, seqOp: { summary, item in
            var result = summary
            result.add(item)
            return result
        }, combOp: { a, b in
            var result = a
            result.merge(b)
            return result
        }, depth: depth, file: file, line: line)
    }
}
