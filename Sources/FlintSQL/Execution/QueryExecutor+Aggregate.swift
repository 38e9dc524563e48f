import FlintCore

extension QueryExecutor {
    /// The distinct aggregate function calls in `aggregates`, in order of appearance.
    static func aggregateCalls(_ aggregates: [Expression]) -> [ResolvedCall] {
        var calls: [ResolvedCall] = []
        for item in aggregates {
            _ = item.transformUp { node in
                if case let .call(call) = node, call.kind == .aggregate, !calls.contains(call) { calls.append(call) }
                return node
            }
        }
        return calls
    }

    /// Hash aggregation in two phases, as Spark's HashAggregate: each map task combines its rows
    /// per group key into partial states, the shuffle brings each key's partials together
    /// (`flint.sql.shuffle.partitions` partitions; one without grouping keys), and the reduce
    /// side merges them and computes the output expressions. count/sum/avg/min/max run on typed
    /// buffers (`ColumnarAggregator`); the other aggregates on `AggregateState`s per row.
    func executeAggregate(grouping: [Expression], aggregates: [Expression], child: LogicalPlan,
                          output: [Attribute]) throws -> RDD<ColumnBatch> {
        let calls = Self.aggregateCalls(aggregates)
        let evaluator = try makeEvaluator(grouping + calls.flatMap(\.arguments), input: child.output)
        let finish = try FinalProjection(grouping: grouping, calls: calls, aggregates: aggregates, output: output, executor: self)
        let partitions = grouping.isEmpty ? 1 : shufflePartitions
        if let operations = ColumnarAggregator.operations(for: calls) {
            return try columnarAggregate(grouping: grouping, calls: calls, operations: operations, child: child,
                                         evaluator: evaluator, partitions: partitions, finish: finish)
        }
        let functions = calls.map(AggregateFunction.init)
        let initial = functions.map(\.initial)
        // Map side: partial states per key in execution memory, handed on when the pool will not
        // cover them; `reduceByKey` combines them again and merges them on the reduce side
        // (both within memory, spilling sorted runs when needed).
        let bytesPerGroup = 96 + 32 * (grouping.count + calls.count)
        let collects = functions.contains(where: \.collectsValues)
        let partial: RDD<(RowKey, [AggregateState])> = try execute(child).mapPartitions { batches in
            var table: [RowKey: [AggregateState]] = [:]
            var collected = 0
            return .partiallyAggregating(batches) { chunk in
                for batch in chunk {
                    let keys = try grouping.map { try evaluator.evaluate($0, batch) }
                    let arguments = try calls.map { call in try call.arguments.map { try evaluator.evaluate($0, batch) } }
                    for row in 0..<batch.rowCount {
                        let key = RowKey(keys.map { $0.value(at: row) })
                        var states = table[key] ?? initial
                        for index in functions.indices {
                            functions[index].update(&states[index], arguments[index].map { $0.value(at: row) })
                        }
                        table[key] = states
                    }
                    if collects { collected += batch.rowCount }
                }
                return table.count * bytesPerGroup + collected * AggregateFunction.bytesPerCollectedValue
            } emit: {
                defer {
                    table = [:]
                    collected = 0
                }
                return Array(table)
            }
        }
        let merged = partial.reduceByKey({ left, right in
            var states = left
            for index in functions.indices { functions[index].merge(&states[index], right[index]) }
            return states
        }, numPartitions: partitions)
        let isGlobal = grouping.isEmpty
        let intermediate = finish.intermediate
        return merged.mapPartitionsWithIndex { partition, groups in
            // Groups stream out a batch at a time, as the merged records do.
            var sawGroups = false
            var finished = false
            return BatchIterator {
                guard !finished else { return nil }
                if let chunk = try groups.nextBatch() {
                    sawGroups = true
                    let rows = chunk.map { key, states in key.values + zip(functions, states).map { $0.result($1) } }
                    return [try finish.apply(ColumnBatch(schema: intermediate, rows: rows))]
                }
                finished = true
                // Without grouping keys and input rows, the single row of an empty aggregation.
                guard isGlobal, partition == 0, !sawGroups else { return nil }
                return [try finish.apply(ColumnBatch(schema: intermediate, rows: [zip(functions, initial).map { $0.result($1) }]))]
            }
        }
    }
}
