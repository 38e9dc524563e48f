import FlintCore

extension QueryExecutor {
    /// A global sort ranges rows over partitions by sampled key bounds (`sortByKey`), then
    /// sorts each; a local sort (`sortWithinPartitions`) sorts each partition as it is. Both
    /// spill sorted runs to disk when a task's memory runs out.
    func executeSort(_ orders: [SortOrder], isGlobal: Bool, child: LogicalPlan) throws -> RDD<ColumnBatch> {
        let schema = child.schema
        let keyed = try sortKeyed(orders, child: child)
        let sorted: RDD<(SortKey, [Value])> = isGlobal
            ? try keyed.sortByKey(numPartitions: max(1, keyed.numPartitions))
            : keyed.sortWithinPartitions()
        // Rows leave the (spilling) sort a batch at a time: the sorted partition is never
        // materialised whole.
        return sorted.mapPartitions { rows in
            rows.mapBatches { chunk in [ColumnBatch(schema: schema, rows: chunk.map(\.1))] }
        }
    }

    /// `ORDER BY ... LIMIT n` without sorting everything (Spark's TakeOrderedAndProject): each
    /// task keeps its best `n` rows, the driver merges them. A task compares each row's key
    /// columns with its current n-th best before building anything, so rows that cannot enter
    /// the top n (nearly all, once the first batches are in) cost a comparison, not a row.
    func executeTopK(_ count: Int, orders: [SortOrder], child: LogicalPlan) throws -> RDD<ColumnBatch> {
        guard count > 0 else { return try execute(.localRelation(output: child.output, rows: [])) }
        let evaluator = try makeEvaluator(orders.map(\.expression), input: child.output)
        let ascending = orders.map(\.ascending)
        let nullsFirst = orders.map(\.nullsFirst)
        let best = try session.context.runJob(try execute(child), callSite: CallSite("takeOrdered", file: #fileID, line: #line)) { _, batches -> [(SortKey, [Value])] in
            var best = BoundedSortedBuffer<(SortKey, [Value])>(capacity: count) { $0.0 < $1.0 }
            // The n-th best key, once n rows are in: read once per offer, not per row (reading
            // it from the buffer copies the row it belongs to).
            var threshold: SortKey?
            while let chunk = try batches.nextBatch() {
                for batch in chunk {
                    let keys = try orders.map { try evaluator.evaluate($0.expression, batch) }
                    for row in 0..<batch.rowCount {
                        if let threshold, !threshold.follows(keys, row: row) { continue }
                        best.offer((SortKey(values: keys.map { $0.value(at: row) }, ascending: ascending, nullsFirst: nullsFirst),
                                    batch.row(at: row)))
                        threshold = best.worst?.0
                    }
                }
            }
            return best.elements
        }
        // Stable: ties keep partition order.
        let rows: [[Value]] = best.joined().sorted { $0.0 < $1.0 }.prefix(count).map { $0.1 }
        return try execute(.localRelation(output: child.output, rows: rows))
    }

    /// Each row of `child` with its sort key.
    private func sortKeyed(_ orders: [SortOrder], child: LogicalPlan) throws -> RDD<(SortKey, [Value])> {
        let evaluator = try makeEvaluator(orders.map(\.expression), input: child.output)
        let ascending = orders.map(\.ascending)
        let nullsFirst = orders.map(\.nullsFirst)
        return try execute(child).flatMap { batch in
            let keys = try orders.map { try evaluator.evaluate($0.expression, batch) }
            return (0..<batch.rowCount).map { row in
                (SortKey(values: keys.map { $0.value(at: row) }, ascending: ascending, nullsFirst: nullsFirst),
                 batch.row(at: row))
            }
        }
    }
}
