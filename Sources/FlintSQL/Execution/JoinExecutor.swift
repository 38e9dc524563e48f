import FlintCore

/// Runs joins and set operations. Equi-joins shuffle both sides by their key columns and join
/// each partition's rows (a shuffled hash join, `HashJoin`, spilling by bucket when the build
/// side outgrows memory), or broadcast a small right side; the rest of the condition is checked
/// on each candidate pair. Joins without an equality run as a nested loop against the right side
/// collected on the driver (Spark's BroadcastNestedLoopJoin). Null keys never match.
struct JoinExecutor {
    let executor: QueryExecutor

    func execute(left: LogicalPlan, right: LogicalPlan, type: JoinType, condition: Expression?,
                 output: [Attribute]) throws -> RDD<ColumnBatch> {
        let (leftKeys, rightKeys, residualCondition) = Self.equiKeys(condition, left: left, right: right)
        let pairing = PairMatcher(type: type, leftWidth: left.output.count, rightWidth: right.output.count,
                                  condition: try residualCondition.map { ($0, try executor.makeEvaluator([$0], input: left.output + right.output)) },
                                  pairSchema: StructType((left.output + right.output).map(\.field)),
                                  outputSchema: StructType(output.map(\.field)))
        if !leftKeys.isEmpty {
            let partitions = executor.shufflePartitions
            let join = HashJoin(type: type, leftKeys: leftKeys, rightKeys: rightKeys,
                                leftEvaluator: try executor.makeEvaluator(leftKeys, input: left.output),
                                rightEvaluator: try executor.makeEvaluator(rightKeys, input: right.output),
                                residual: try residualCondition.map { ($0, try executor.makeEvaluator([$0], input: left.output + right.output)) },
                                pairSchema: StructType((left.output + right.output).map(\.field)),
                                outputSchema: StructType(output.map(\.field)), leftWidth: left.output.count,
                                rightSchema: right.schema)
            if Self.broadcasts(right, type: type, threshold: executor.session.broadcastThreshold) {
                // Broadcast hash join: the small right side is collected and its hash table
                // built once, on the driver (Spark's HashedRelation), then probed by every task
                // of the left side, which is not shuffled.
                let table = try JoinTable(try executor.execute(right).collect(), join: join)
                return try executor.execute(left).mapPartitions { batches in HashJoin.probe(batches, with: table) }
            }
            // Both sides are shuffled into the same partitions and read side by side as streams,
            // so that the join holds only what its memory allows (see `HashJoin`).
            let (leftSide, rightSide) = try partitioned(left, leftKeys, join.leftEvaluator, right, rightKeys, join.rightEvaluator,
                                                        partitions: partitions)
            return try leftSide.zipPartitions(rightSide) { lefts, rights in
                try join.join(left: lefts.map(\.1), right: rights.map(\.1))
            }
        }
        let leftRows = try keyedRows(left, keys: leftKeys)
        let rightRows = try keyedRows(right, keys: rightKeys)
        if leftKeys.isEmpty, type == .rightOuter || type == .fullOuter {
            // Unmatched right rows need every left row: join on the driver, into one partition.
            let batches = try pairing.join(try leftRows.map(\.1).collect(), try rightRows.map(\.1).collect(),
                                           emitUnmatchedRight: true)
            return executor.context.parallelize(batches, numSlices: 1)
        }
        if leftKeys.isEmpty {
            let all = try rightRows.map(\.1).collect()
            return leftRows.mapPartitionsWithIndex { partition, rows in
                let lefts = try rows.collectAll().map(\.1)
                return BatchIterator(try pairing.join(lefts, all, emitUnmatchedRight: partition == 0))
            }
        }
        return leftRows.cogroup(rightRows, numPartitions: executor.shufflePartitions).mapPartitions { groups in
            var batches: [ColumnBatch] = []
            try groups.forEach { key, sides in
                if key.containsNull {
                    batches += try pairing.join(sides.0, [], emitUnmatchedRight: false)
                    batches += try pairing.join([], sides.1, emitUnmatchedRight: true)
                } else {
                    batches += try pairing.join(sides.0, sides.1, emitUnmatchedRight: true)
                }
            }
            return BatchIterator(batches)
        }
    }

    /// `INTERSECT [ALL]` / `EXCEPT [ALL]`, by whole rows.
    func setOperation(_ operation: SetOperation, left: LogicalPlan, right: LogicalPlan, isAll: Bool) throws -> RDD<ColumnBatch> {
        let all = left.output.map { Expression.attribute($0) }
        let rightAll = right.output.map { Expression.attribute($0) }
        let schema = left.schema
        return try keyedRows(left, keys: all).cogroup(try keyedRows(right, keys: rightAll),
                                                      numPartitions: executor.shufflePartitions).mapPartitions { groups in
            // A batch out per batch of groups: the partition's result is never held whole.
            groups.mapBatches { chunk in
                var rows: [[Value]] = []
                for (key, sides) in chunk {
                    let (l, r) = (sides.0.count, sides.1.count)
                    let count = switch (operation, isAll) {
                    case (.intersect, false): l > 0 && r > 0 ? 1 : 0
                    case (.intersect, true): min(l, r)
                    case (.except, false): l > 0 && r == 0 ? 1 : 0
                    case (.except, true): max(0, l - r)
                    }
                    rows += Array(repeating: key.values, count: count)
                }
                return QueryExecutor.batches(rows, schema: schema)
            }
        }
    }

    /// Both sides of a shuffled join, each batch tagged with its partition: exchanged by the hash
    /// of their keys (coalesced together, see `QueryExecutor.exchange`), or a side read in place
    /// when it already has the partitions an exchange would give it (grouped by the join keys;
    /// if its shuffle was coalesced, the other side is read in the same groups), as Spark's
    /// EnsureRequirements leaves out a needless Exchange.
    private func partitioned(_ left: LogicalPlan, _ leftKeys: [Expression], _ leftEvaluator: ExpressionEvaluator,
                             _ right: LogicalPlan, _ rightKeys: [Expression], _ rightEvaluator: ExpressionEvaluator,
                             partitions: Int) throws -> (RDD<(Int, ColumnBatch)>, RDD<(Int, ColumnBatch)>) {
        let sides = [(left, leftKeys, leftEvaluator), (right, rightKeys, rightEvaluator)]
        let rdds = try sides.map { try executor.execute($0.0) }
        // How a side that can be read in place holds the reduce partitions: each apart (`.none`)
        // or in coalesced groups (`.given`); nil for a side to exchange.
        var layouts: [ExchangeCoalescing?] = zip(sides, rdds).map { side, rdd in
            guard side.0.isHashPartitioned(by: side.1) else { return nil }
            if rdd.numPartitions == partitions { return ExchangeCoalescing.none }
            guard let specs = rdd.coalescedShuffleSpecs, specs.last?.upperBound == partitions else { return nil }
            return .given(specs)
        }
        if let left = layouts[0], let right = layouts[1], left != right { layouts[1] = nil }
        let toExchange = layouts.indices.filter { layouts[$0] == nil }
        let tagged = toExchange.map { index in
            BatchExchange.tagged(rdds[index], schema: sides[index].0.schema, keys: sides[index].1, evaluator: sides[index].2,
                                 partitions: partitions)
        }
        // Exchanged sides follow a side read in place, or are coalesced together.
        let coalescing = layouts.compactMap { $0 }.first ?? .adaptive
        let exchanged = try executor.exchange(tagged, partitions: partitions, coalescing: coalescing)
        var result: [RDD<(Int, ColumnBatch)>] = []
        for index in 0..<2 {
            if let position = toExchange.firstIndex(of: index) {
                result.append(exchanged[position])
            } else {
                result.append(rdds[index].mapPartitionsWithIndex(preservesPartitioning: true) { partition, batches in
                    batches.map { (partition, $0) }
                })
            }
        }
        return (result[0], result[1])
    }

    private func keyedRows(_ plan: LogicalPlan, keys: [Expression]) throws -> RDD<(RowKey, [Value])> {
        let evaluator = try executor.makeEvaluator(keys, input: plan.output)
        return try executor.execute(plan).flatMap { batch in
            let columns = try keys.map { try evaluator.evaluate($0, batch) }
            return (0..<batch.rowCount).map { row in (RowKey(columns.map { $0.value(at: row) }), batch.row(at: row)) }
        }
    }

    /// Whether the right side of an equi-join is small enough to broadcast
    /// (`flint.sql.autoBroadcastJoinThreshold`) and the join type allows it (every left row is
    /// joined in its own task: not for right and full outer joins).
    static func broadcasts(_ right: LogicalPlan, type: JoinType, threshold: Int) -> Bool {
        guard [.inner, .leftOuter, .leftSemi, .leftAnti].contains(type), threshold >= 0,
              let size = right.estimatedSize() else { return false }
        return size <= threshold
    }

    /// The equalities of `condition` between one expression of each side (the join keys), and
    /// the rest of it.
    static func equiKeys(_ condition: Expression?, left: LogicalPlan, right: LogicalPlan)
        -> (left: [Expression], right: [Expression], residual: Expression?) {
        let leftIds = Set(left.output.map(\.id))
        let rightIds = Set(right.output.map(\.id))
        var leftKeys: [Expression] = []
        var rightKeys: [Expression] = []
        var residual: [Expression] = []
        for conjunct in condition.map(conjuncts) ?? [] {
            if case let .binary(.equal, a, b) = conjunct {
                let aIds = Set(a.references.map(\.id)), bIds = Set(b.references.map(\.id))
                if !aIds.isEmpty, !bIds.isEmpty, aIds.isSubset(of: leftIds), bIds.isSubset(of: rightIds) {
                    leftKeys.append(a)
                    rightKeys.append(b)
                    continue
                }
                if !aIds.isEmpty, !bIds.isEmpty, aIds.isSubset(of: rightIds), bIds.isSubset(of: leftIds) {
                    leftKeys.append(b)
                    rightKeys.append(a)
                    continue
                }
            }
            residual.append(conjunct)
        }
        return (leftKeys, rightKeys, residual.isEmpty ? nil : PredicatePushdown.conjoin(residual))
    }

    static func conjuncts(_ expression: Expression) -> [Expression] {
        if case let .binary(.and, a, b) = expression { return conjuncts(a) + conjuncts(b) }
        return [expression]
    }
}

/// Joins the rows of one key (or of a nested loop) by type, checking the residual condition on
/// every candidate pair in one vectorised evaluation.
struct PairMatcher: Sendable {
    let type: JoinType
    let leftWidth: Int
    let rightWidth: Int
    let condition: (Expression, ExpressionEvaluator)?
    let pairSchema: StructType
    let outputSchema: StructType

    func join(_ lefts: [[Value]], _ rights: [[Value]], emitUnmatchedRight: Bool) throws -> [ColumnBatch] {
        var matches: [(Int, Int)] = []
        for i in lefts.indices { for j in rights.indices { matches.append((i, j)) } }
        if let (expression, evaluator) = condition, !matches.isEmpty {
            let batch = ColumnBatch(schema: pairSchema, rows: matches.map { lefts[$0.0] + rights[$0.1] })
            let mask = try evaluator.evaluate(expression, batch)
            matches = matches.indices.filter { mask.value(at: $0) == .boolean(true) }.map { matches[$0] }
        }
        let matchedLeft = Set(matches.map(\.0)), matchedRight = Set(matches.map(\.1))
        let nullLeft = Array(repeating: Value.null, count: leftWidth)
        let nullRight = Array(repeating: Value.null, count: rightWidth)
        var rows: [[Value]] = []
        switch type {
        case .leftSemi: rows = lefts.indices.filter(matchedLeft.contains).map { lefts[$0] }
        case .leftAnti: rows = lefts.indices.filter { !matchedLeft.contains($0) }.map { lefts[$0] }
        default:
            rows = matches.map { lefts[$0.0] + rights[$0.1] }
            if type == .leftOuter || type == .fullOuter {
                rows += lefts.indices.filter { !matchedLeft.contains($0) }.map { lefts[$0] + nullRight }
            }
            if (type == .rightOuter || type == .fullOuter) && emitUnmatchedRight {
                rows += rights.indices.filter { !matchedRight.contains($0) }.map { nullLeft + rights[$0] }
            }
        }
        return QueryExecutor.batches(rows, schema: outputSchema)
    }
}
