import FlintCore

extension QueryExecutor {
    /// Hash aggregation in two phases, as Spark's HashAggregate: each map task combines its rows
    /// per group key into partial states, the shuffle brings each key's partials together
    /// (`flint.sql.shuffle.partitions` partitions; one without grouping keys), and the reduce
    /// side merges them and computes the output expressions. count/sum/avg/min/max run on typed
    /// buffers (`ColumnarAggregator`); the other aggregates on `AggregateState`s per row.
    func executeAggregate(grouping: [Expression], aggregates: [Expression], child: LogicalPlan,
                          output: [Attribute]) throws -> RDD<ColumnBatch> {
        var calls: [ResolvedCall] = []
        for item in aggregates {
            _ = item.transformUp { node in
                if case let .call(call) = node, call.kind == .aggregate, !calls.contains(call) { calls.append(call) }
                return node
            }
        }
        let evaluator = try makeEvaluator(grouping + calls.flatMap(\.arguments), input: child.output)
        let finish = try FinalProjection(grouping: grouping, calls: calls, aggregates: aggregates, output: output, executor: self)
        let partitions = grouping.isEmpty ? 1 : shufflePartitions
        if let operations = ColumnarAggregator.operations(for: calls) {
            return try columnarAggregate(grouping: grouping, calls: calls, operations: operations, child: child,
                                         evaluator: evaluator, partitions: partitions, finish: finish)
        }
        let functions = calls.map(AggregateFunction.init)
        let initial = functions.map(\.initial)
        let partial: RDD<(RowKey, [AggregateState])> = try execute(child).mapPartitions { batches in
            var table: [RowKey: [AggregateState]] = [:]
            try batches.forEachBatch { chunk in
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
                }
            }
            return BatchIterator(Array(table))
        }
        let merged = partial.reduceByKey({ left, right in
            var states = left
            for index in functions.indices { functions[index].merge(&states[index], right[index]) }
            return states
        }, numPartitions: partitions)
        let isGlobal = grouping.isEmpty
        return merged.mapPartitionsWithIndex { partition, groups in
            var rows: [[Value]] = []
            try groups.forEach { key, states in
                rows.append(key.values + zip(functions, states).map { $0.result($1) })
            }
            if isGlobal, partition == 0, rows.isEmpty {
                rows.append(zip(functions, initial).map { $0.result($1) })
            }
            return BatchIterator(try QueryExecutor.batches(rows, schema: finish.intermediate).map(finish.apply))
        }
    }
}
