import FlintCore

/// The columnar shuffled hash join: both sides are shuffled as column batches by the hash of
/// their join keys; in each partition the right side's rows are put in a hash table by key and
/// each left batch probes it, giving index pairs from which the output columns are gathered.
/// The residual condition is evaluated on the candidate pairs, batch by batch. Null keys never
/// match. Cost: one hash-table insert per right row and one lookup per left row.
struct HashJoin: Sendable {
    let type: JoinType
    let leftKeys: [Expression]
    let rightKeys: [Expression]
    let leftEvaluator: ExpressionEvaluator
    let rightEvaluator: ExpressionEvaluator
    let residual: (Expression, ExpressionEvaluator)?
    let pairSchema: StructType
    let outputSchema: StructType
    let leftWidth: Int
    let rightSchema: StructType

    /// Batches of `side` as (partition, batch) pairs, split by the hash of `keys`.
    static func exchange(_ side: RDD<ColumnBatch>, schema: StructType, keys: [Expression], evaluator: ExpressionEvaluator,
                         partitions: Int) -> RDD<(Int, ColumnBatch)> {
        side.mapPartitions { batches in
            var collector = PartitionedBatches(partitions: partitions, schema: schema)
            var flushed = false
            return BatchIterator {
                while let chunk = try batches.nextBatch() {
                    var full: [(Int, ColumnBatch)] = []
                    for batch in chunk {
                        let keyColumns = try keys.map { try evaluator.evaluate($0, batch) }
                        let hashes = KeyHashing.hashes(keyColumns, rowCount: batch.rowCount)
                        full += collector.add(KeyHashing.split(batch, hashes: hashes, partitions: partitions))
                    }
                    if !full.isEmpty { return full }
                }
                guard !flushed else { return nil }
                flushed = true
                return collector.flush()
            }
        }
    }

    /// Joins one partition's batches.
    func join(left: [ColumnBatch], right: [ColumnBatch]) throws -> [ColumnBatch] {
        let build = right.isEmpty ? ColumnBatch.empty(rightSchema)
            : ColumnBatch(schema: rightSchema,
                          columns: rightSchema.fields.indices.map { index in
                              ColumnVector.concatenate(right.map { $0.columns[index] }, dataType: rightSchema[index].dataType)
                          },
                          rowCount: right.reduce(0) { $0 + $1.rowCount })
        var table = GroupTable(keyTypes: rightKeys.map(\.dataType))
        var rowsOfGroup: [[Int]] = []
        let buildKeys = try rightKeys.map { try rightEvaluator.evaluate($0, build) }
        let groups = table.groups(of: buildKeys, rowCount: build.rowCount)
        for (row, group) in groups.enumerated() where !buildKeys.contains(where: { $0.isNull(row) }) {
            if group >= rowsOfGroup.count { rowsOfGroup += Array(repeating: [], count: group - rowsOfGroup.count + 1) }
            rowsOfGroup[group].append(row)
        }
        var rightMatched = [Bool](repeating: false, count: build.rowCount)
        var output: [ColumnBatch] = []
        for batch in left {
            let probeKeys = try leftKeys.map { try leftEvaluator.evaluate($0, batch) }
            let probeGroups = table.find(probeKeys, rowCount: batch.rowCount)
            var leftRows: [Int] = [], rightRows: [Int] = []
            for row in 0..<batch.rowCount {
                let group = probeGroups[row]
                guard group >= 0, group < rowsOfGroup.count else { continue }
                for match in rowsOfGroup[group] {
                    leftRows.append(row)
                    rightRows.append(match)
                }
            }
            if let (condition, evaluator) = residual, !leftRows.isEmpty {
                let pairs = ColumnBatch(schema: pairSchema, columns: batch.columns.map { $0.gather(leftRows) }
                                        + build.columns.map { $0.gather(rightRows) }, rowCount: leftRows.count)
                let mask = try evaluator.evaluate(condition, pairs)
                let kept = (0..<leftRows.count).filter { mask.value(at: $0) == .boolean(true) }
                leftRows = kept.map { leftRows[$0] }
                rightRows = kept.map { rightRows[$0] }
            }
            for row in rightRows { rightMatched[row] = true }
            var matchedLeft = [Bool](repeating: false, count: batch.rowCount)
            for row in leftRows { matchedLeft[row] = true }
            switch type {
            case .leftSemi:
                output.append(batch.gather((0..<batch.rowCount).filter { matchedLeft[$0] }))
            case .leftAnti:
                output.append(batch.gather((0..<batch.rowCount).filter { !matchedLeft[$0] }))
            default:
                if type == .leftOuter || type == .fullOuter {
                    for row in 0..<batch.rowCount where !matchedLeft[row] {
                        leftRows.append(row)
                        rightRows.append(-1)
                    }
                }
                output.append(pair(batch, leftRows, build, rightRows))
            }
        }
        if type == .rightOuter || type == .fullOuter {
            let unmatched = (0..<build.rowCount).filter { !rightMatched[$0] }
            if !unmatched.isEmpty {
                let noLeft = ColumnBatch.empty(StructType(Array(pairSchema.fields.prefix(leftWidth))))
                output.append(pair(noLeft, Array(repeating: -1, count: unmatched.count), build, unmatched))
            }
        }
        return output.filter { $0.rowCount > 0 }
    }

    private func pair(_ left: ColumnBatch, _ leftRows: [Int], _ right: ColumnBatch, _ rightRows: [Int]) -> ColumnBatch {
        ColumnBatch(schema: outputSchema,
                    columns: left.columns.map { $0.gather(orNull: leftRows) } + right.columns.map { $0.gather(orNull: rightRows) },
                    rowCount: leftRows.count)
    }
}
