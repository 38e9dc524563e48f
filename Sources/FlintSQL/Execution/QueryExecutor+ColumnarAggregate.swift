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
    /// The columnar path of `executeAggregate` (count/sum/avg/min/max): map tasks buffer their
    /// rows in one table, or split them by key hash first when the groups are many, into one
    /// partial batch per reduce partition (`PartitionedPartialAggregation`), and shuffle those
    /// batches; reduce tasks merge them (`PartialAggregateMerger`,
    /// which spills to disk when the merged groups outgrow the task's memory).
    func columnarAggregate(grouping: [Expression], calls: [ResolvedCall], operations: [ColumnarAggregator.Operation],
                           child: LogicalPlan, evaluator: ExpressionEvaluator, partitions: Int,
                           finish: FinalProjection) throws -> RDD<ColumnBatch> {
        let keyTypes = grouping.map(\.dataType)
        let partialSchema = StructType(keyTypes.enumerated().map { StructField("k\($0.offset)", $0.element) }
            + ColumnarAggregator.stateTypes(operations).enumerated().map { StructField("s\($0.offset)", $0.element) })
        // Map side: the group table lives in execution memory; when the pool will not grant more,
        // the partial results so far are sent on and the table starts again.
        let argumentCounts = calls.map(\.arguments.count)
        let exchanged: RDD<(Int, ColumnBatch)> = try execute(child).mapPartitions { batches in
            var aggregation = PartitionedPartialAggregation(keyTypes: keyTypes, operations: operations,
                                                            argumentCounts: argumentCounts, partitions: partitions,
                                                            partialSchema: partialSchema)
            return .partiallyAggregating(batches) { chunk in
                for batch in chunk {
                    let keys = try grouping.map { try evaluator.evaluate($0, batch) }
                    let arguments = try calls.map { call in try call.arguments.map { try evaluator.evaluate($0, batch) } }
                    aggregation.add(keys: keys, arguments: arguments, rowCount: batch.rowCount)
                }
                return aggregation.estimatedBytes
            } isFull: {
                aggregation.isFull
            } emit: {
                aggregation.emit()
            }
        }
        let merger = PartialAggregateMerger(keyTypes: keyTypes, operations: operations, partialSchema: partialSchema)
        let isGlobal = grouping.isEmpty
        return try exchange([exchanged], partitions: partitions)[0].mapPartitionsWithIndex { partition, parts in
            let tables = try merger.merge(parts.map(\.1))
            func output(_ aggregator: ColumnarAggregator) throws -> ColumnBatch {
                try finish.apply(ColumnBatch(schema: finish.intermediate, columns: aggregator.finalColumns(calls),
                                             rowCount: aggregator.groupCount))
            }
            guard isGlobal else { return tables.map(output) }
            // One partition and at most one group (no spill): with no input rows, the single
            // row of an empty aggregation (count 0, other aggregates null).
            let aggregators = try tables.collectAll()
            if let aggregator = aggregators.first(where: { $0.groupCount > 0 }) { return BatchIterator([try output(aggregator)]) }
            guard partition == 0 else { return .empty }
            let empty = calls.map { call -> Value in call.name == "count" ? .long(0) : .null }
            return BatchIterator([try finish.apply(ColumnBatch(schema: finish.intermediate, rows: [empty]))])
        }
    }
}
