import FlintCore

/// The build side of a hash join in memory: the right rows in one batch, a hash index from their
/// join keys to key groups, and each group's rows laid out contiguously (`rowsByGroup`, with
/// `groupStarts` the offsets), plus which right rows found a partner (for right and full outer
/// joins). Left batches probe it one at a time. Null keys never match.
///
/// Cost: building is one hash-table insert per right row and two passes to lay rows out by
/// group (no allocation per key); probing is one lookup per left row and a gather of the
/// output columns; the residual condition is evaluated on the candidate pairs, once per batch.
struct JoinTable {
    /// Bytes per build row beyond the batch's own (its key copy and hash-index slot, its group
    /// number, its place in the group layout, its matched flag), for memory accounting.
    static let bytesPerRow = 80

    private let join: HashJoin
    private let build: ColumnBatch
    private let index: GroupTable
    private let groupStarts: [Int]
    private let rowsByGroup: [Int]
    /// Whether every build row has a key of its own (a dimension table's primary key): then a
    /// probe's group is the build row.
    private let uniqueKeys: Bool
    private var rightMatched: [Bool]

    /// Builds the table of `right`, the right side's batches.
    /// - Throws: what evaluating the right join keys throws.
    init(_ right: [ColumnBatch], join: HashJoin) throws {
        self.join = join
        let build = ColumnBatch.concatenating(right, schema: join.rightSchema)
        var index = GroupTable(keyTypes: join.rightKeys.map(\.dataType))
        let keys = try join.rightKeys.map { try join.rightEvaluator.evaluate($0, build) }
        // Rows with a null key get groups too; `find` never returns them, so they never match.
        let groups = index.groups(of: keys, rowCount: build.rowCount)
        index.freezeForLookups()
        var starts = [Int](repeating: 0, count: index.count + 1)
        for group in groups { starts[group + 1] += 1 }
        for group in 0..<index.count { starts[group + 1] += starts[group] }
        var next = starts
        var rows = [Int](repeating: 0, count: build.rowCount)
        for (row, group) in groups.enumerated() {
            rows[next[group]] = row
            next[group] += 1
        }
        self.build = build
        self.index = index
        groupStarts = starts
        rowsByGroup = rows
        uniqueKeys = index.count == build.rowCount
        rightMatched = [Bool](repeating: false, count: build.rowCount)
    }

    /// The output of joining one left batch: matched pairs, and for outer, semi and anti joins
    /// the left rows by whether they matched. Marks the right rows that matched.
    /// - Throws: what evaluating the left join keys or the residual condition throws.
    mutating func probe(_ batch: ColumnBatch) throws -> ColumnBatch {
        let probeKeys = try join.leftKeys.map { try join.leftEvaluator.evaluate($0, batch) }
        let probeGroups = index.find(probeKeys, rowCount: batch.rowCount)
        var leftRows: [Int] = [], rightRows: [Int] = []
        leftRows.reserveCapacity(batch.rowCount)
        rightRows.reserveCapacity(batch.rowCount)
        if uniqueKeys {
            // Every build row has its own key: its group is its row (groups are numbered in
            // first-seen order), so the group layout need not be read.
            for row in 0..<batch.rowCount where probeGroups[row] >= 0 {
                leftRows.append(row)
                rightRows.append(probeGroups[row])
            }
        } else {
            for row in 0..<batch.rowCount {
                let group = probeGroups[row]
                guard group >= 0 else { continue }
                for slot in groupStarts[group]..<groupStarts[group + 1] {
                    leftRows.append(row)
                    rightRows.append(rowsByGroup[slot])
                }
            }
        }
        if let (condition, evaluator) = join.residual, !leftRows.isEmpty {
            let pairs = ColumnBatch(schema: join.pairSchema, columns: batch.columns.map { $0.gather(leftRows) }
                                    + build.columns.map { $0.gather(rightRows) }, rowCount: leftRows.count)
            let mask = try evaluator.evaluate(condition, pairs)
            let kept = (0..<leftRows.count).filter { mask.value(at: $0) == .boolean(true) }
            leftRows = kept.map { leftRows[$0] }
            rightRows = kept.map { rightRows[$0] }
        }
        if join.type == .rightOuter || join.type == .fullOuter {
            for row in rightRows { rightMatched[row] = true }
        }
        if [.inner, .cross, .rightOuter].contains(join.type) { return pair(batch, leftRows, rightRows) }
        var matchedLeft = [Bool](repeating: false, count: batch.rowCount)
        for row in leftRows { matchedLeft[row] = true }
        switch join.type {
        case .leftSemi:
            return batch.gather((0..<batch.rowCount).filter { matchedLeft[$0] })
        case .leftAnti:
            return batch.gather((0..<batch.rowCount).filter { !matchedLeft[$0] })
        default:
            if join.type == .leftOuter || join.type == .fullOuter {
                for row in 0..<batch.rowCount where !matchedLeft[row] {
                    leftRows.append(row)
                    rightRows.append(-1)
                }
            }
            return pair(batch, leftRows, rightRows)
        }
    }

    /// For right and full outer joins, the right rows no left row matched, with nulls on the
    /// left (call after the last probe); nil for other joins or when every row matched.
    func unmatchedRight() -> ColumnBatch? {
        guard join.type == .rightOuter || join.type == .fullOuter else { return nil }
        let unmatched = (0..<build.rowCount).filter { !rightMatched[$0] }
        guard !unmatched.isEmpty else { return nil }
        return pair(.empty(join.leftSchema), Array(repeating: -1, count: unmatched.count), unmatched)
    }

    private func pair(_ left: ColumnBatch, _ leftRows: [Int], _ rightRows: [Int]) -> ColumnBatch {
        ColumnBatch(schema: join.outputSchema,
                    columns: left.columns.map { $0.gather(orNull: leftRows) } + build.columns.map { $0.gather(orNull: rightRows) },
                    rowCount: leftRows.count)
    }
}
