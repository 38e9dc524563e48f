import FlintCore

/// The last step of an aggregation: the output expressions over an intermediate batch of the
/// group keys and the aggregate results.
struct FinalProjection: Sendable {
    let results: [Expression]
    let evaluator: ExpressionEvaluator
    let intermediate: StructType
    let output: StructType

    init(grouping: [Expression], calls: [ResolvedCall], aggregates: [Expression], output: [Attribute],
         executor: QueryExecutor) throws {
        let keyAttributes = grouping.map { key -> Attribute in
            if case let .attribute(attribute) = key { return attribute }
            return Attribute(name: key.prettyName, dataType: key.dataType, nullable: key.nullable)
        }
        let resultAttributes = calls.map { Attribute(name: $0.name, dataType: $0.dataType, nullable: true) }
        func rewrite(_ expression: Expression) -> Expression {
            if let index = grouping.firstIndex(of: expression) { return .attribute(keyAttributes[index]) }
            if case let .call(call) = expression, call.kind == .aggregate, let index = calls.firstIndex(of: call) {
                return .attribute(resultAttributes[index])
            }
            return expression.mapChildren(rewrite)
        }
        results = aggregates.map(rewrite)
        evaluator = try executor.makeEvaluator(results, input: keyAttributes + resultAttributes)
        intermediate = StructType((keyAttributes + resultAttributes).map(\.field))
        self.output = StructType(output.map(\.field))
    }

    /// The output rows of an intermediate batch.
    func apply(_ batch: ColumnBatch) throws -> ColumnBatch {
        ColumnBatch(schema: output, columns: try results.map { try evaluator.evaluate($0, batch) }, rowCount: batch.rowCount)
    }
}

extension QueryExecutor {
    /// The columnar path of `executeAggregate` (count/sum/avg/min/max): map tasks aggregate
    /// their batches into one partial batch, split it by key hash into one batch per reduce
    /// partition and shuffle those batches; reduce tasks merge them.
    func columnarAggregate(grouping: [Expression], calls: [ResolvedCall], operations: [ColumnarAggregator.Operation],
                           child: LogicalPlan, evaluator: ExpressionEvaluator, partitions: Int,
                           finish: FinalProjection) throws -> RDD<ColumnBatch> {
        let keyTypes = grouping.map(\.dataType)
        let partialSchema = StructType(keyTypes.enumerated().map { StructField("k\($0.offset)", $0.element) }
            + ColumnarAggregator.stateTypes(operations).enumerated().map { StructField("s\($0.offset)", $0.element) })
        // Map side: the group table lives in execution memory; when the pool will not grant more,
        // the partial results so far are sent on and the table starts again (partial
        // aggregation needs no disk: the reduce side merges every partial).
        let bytesPerGroup = 48 + 16 * (keyTypes.count + ColumnarAggregator.stateTypes(operations).count)
        let exchanged: RDD<(Int, ColumnBatch)> = try execute(child).mapPartitions { batches in
            let task = TaskContext.get()
            var aggregator = ColumnarAggregator(keyTypes: keyTypes, operations: operations)
            var reserved = 0
            var finished = false
            func emit() -> [(Int, ColumnBatch)] {
                let partial = ColumnBatch(schema: partialSchema, columns: aggregator.partialColumns(), rowCount: aggregator.groupCount)
                aggregator = ColumnarAggregator(keyTypes: keyTypes, operations: operations)
                task?.releaseExecutionMemory(reserved)
                reserved = 0
                guard partitions > 1 else { return partial.rowCount == 0 ? [] : [(0, partial)] }
                let hashes = KeyHashing.hashes(Array(partial.columns.prefix(keyTypes.count)), rowCount: partial.rowCount)
                return KeyHashing.split(partial, hashes: hashes, partitions: partitions)
            }
            return BatchIterator {
                while !finished, let chunk = try batches.nextBatch() {
                    for batch in chunk {
                        let keys = try grouping.map { try evaluator.evaluate($0, batch) }
                        let arguments = try calls.map { call in try call.arguments.map { try evaluator.evaluate($0, batch) } }
                        aggregator.add(keys: keys, arguments: arguments, rowCount: batch.rowCount)
                    }
                    let needed = aggregator.groupCount * bytesPerGroup
                    if needed > reserved, let task {
                        let chunkSize = max(needed - reserved, 4 << 20)
                        reserved += task.acquireExecutionMemory(chunkSize)
                        if needed > reserved { return emit() }
                    }
                }
                guard !finished else { return nil }
                finished = true
                return emit()
            }
        }
        let isGlobal = grouping.isEmpty
        return exchanged.partitionBy(RoundRobinPartitioner(partitions: partitions)).mapPartitionsWithIndex { partition, parts in
            var aggregator = ColumnarAggregator(keyTypes: keyTypes, operations: operations)
            try parts.forEach { _, batch in aggregator.merge(partial: batch, keyCount: keyTypes.count) }
            let intermediate: ColumnBatch
            if isGlobal, aggregator.groupCount == 0 {
                guard partition == 0 else { return .empty }
                let empty = calls.map { call -> Value in call.name == "count" ? .long(0) : .null }
                intermediate = ColumnBatch(schema: finish.intermediate, rows: [empty])
            } else {
                intermediate = ColumnBatch(schema: finish.intermediate, columns: aggregator.finalColumns(calls),
                                           rowCount: aggregator.groupCount)
            }
            return BatchIterator([try finish.apply(intermediate)])
        }
    }
}
