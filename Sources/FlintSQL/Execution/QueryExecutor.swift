import FlintCore
import Synchronization

/// Runs an analysed, optimised logical plan as RDDs of `ColumnBatch`es: narrow operators
/// (project, filter, scans) are batch-by-batch maps pipelined in one stage; aggregation, sort,
/// distinct, joins and set operations shuffle (so a DataFrame job's stages are the RDD
/// engine's stages, with its progress bar, spilling and metrics).
struct QueryExecutor {
    let session: FlintSession

    var context: FlintContext { session.context }
    var shufflePartitions: Int { session.shufflePartitions }

    /// The batches of `plan`'s result, one RDD partition per task.
    /// - Throws: `AnalysisError` / `ExecutionError` for plans it cannot run, or what a job
    ///   run while planning throws (scalar subqueries, `LIMIT`).
    func execute(_ plan: LogicalPlan) throws -> RDD<ColumnBatch> {
        switch plan {
        case let .localRelation(output, rows):
            let schema = StructType(output.map(\.field))
            let chunks = rows.isEmpty ? [ColumnBatch.empty(schema)] : QueryExecutor.batches(rows, schema: schema)
            return context.parallelize(chunks, numSlices: min(chunks.count, context.defaultParallelism))
        case let .rddScan(relation):
            return try session.registeredRDD(relation.id)
        case let .fileScan(relation):
            return try session.dataSources.scan(relation, context: context)
        case let .project(expressions, child):
            let evaluator = try makeEvaluator(expressions, input: child.output)
            let schema = plan.schema
            return try execute(child).map { batch in
                ColumnBatch(schema: schema, columns: try expressions.map { try evaluator.evaluate($0, batch) },
                            rowCount: batch.rowCount)
            }
        case let .filter(condition, child):
            let evaluator = try makeEvaluator([condition], input: child.output)
            return try execute(child).map { batch in
                let mask = try evaluator.evaluate(condition, batch)
                guard case let .boolean(values) = mask.storage else { return batch.gather([]) }
                let kept = values.indices.filter { values[$0] && !mask.isNull($0) }
                return kept.count == batch.rowCount ? batch : batch.gather(kept)
            }
        case let .subqueryAlias(_, child):
            return try execute(child)
        case let .aggregate(grouping, aggregates, child):
            return try executeAggregate(grouping: grouping, aggregates: aggregates, child: child, output: plan.output)
        case let .distinct(child):
            let columns = child.output.map { Expression.attribute($0) }
            return try executeAggregate(grouping: columns, aggregates: columns, child: child, output: child.output)
        case let .deduplicate(keys, child):
            let firsts = child.output.map { attribute -> Expression in
                if keys.contains(.attribute(attribute)) { return .attribute(attribute) }
                let call = ResolvedCall(name: "first", arguments: [.attribute(attribute)], dataType: attribute.dataType,
                                        nullable: attribute.nullable, kind: .aggregate)
                return .alias(.call(call), name: attribute.name, id: attribute.id)
            }
            return try executeAggregate(grouping: keys, aggregates: firsts, child: child, output: child.output)
        case let .sort(orders, isGlobal, child):
            return try executeSort(orders, isGlobal: isGlobal, child: child)
        case let .limit(count, .sort(orders, true, child)):
            return try executeTopK(count, orders: orders, child: child)
        case let .limit(count, child):
            let rows = try execute(child).flatMap { $0.rows.map(\.values) }.take(count)
            return try execute(.localRelation(output: child.output, rows: rows))
        case let .union(children, _, _):
            let schema = plan.schema
            let inputs = try children.map { try execute($0).map { ColumnBatch(schema: schema, columns: $0.columns, rowCount: $0.rowCount) } }
            return context.union(inputs)
        case let .join(left, right, type, condition, _):
            return try JoinExecutor(executor: self).execute(left: left, right: right, type: type, condition: condition,
                                                            output: plan.output)
        case let .setOperation(operation, left, right, isAll):
            return try JoinExecutor(executor: self).setOperation(operation, left: left, right: right, isAll: isAll)
        case let .window(expressions, child):
            return try WindowExecutor(executor: self).execute(expressions, child: child, output: plan.output)
        case let .sample(lower, upper, seed, child):
            return try execute(child).mapPartitionsWithIndex { partition, batches in
                // One stream per (seed, partition): the same input keeps the same rows.
                var random = SeededRandom(seed: UInt64(bitPattern: seed) &+ UInt64(partition) &* 0x9E37_79B9_7F4A_7C15)
                return batches.mapBatches { chunk in
                    chunk.map { batch in
                        let kept = (0..<batch.rowCount).filter { _ in
                            let draw = Double(random.next() >> 11) * 0x1p-53
                            return draw >= lower && draw < upper
                        }
                        return kept.count == batch.rowCount ? batch : batch.gather(kept)
                    }
                }
            }
        case let .repartition(count, false, child):
            return try execute(child).coalesce(count)
        case let .repartitionByExpression(keys, count, child):
            // Without an explicit count, coalesced as Spark's adaptive execution does.
            let evaluator = try makeEvaluator(keys, input: child.output)
            let pieces = BatchExchange.tagged(try execute(child), schema: child.schema, keys: keys, evaluator: evaluator,
                                              partitions: count ?? shufflePartitions)
            return try exchange([pieces], partitions: count ?? shufflePartitions, coalescing: count == nil ? .adaptive : .none)[0].map(\.1)
        case let .repartition(count, true, child):
            // Rows dealt round-robin from a start that differs per task, as Spark's repartition.
            return BatchExchange.exchange(try execute(child), schema: child.schema, partitions: count) { task, batch in
                (0..<batch.rowCount).map { UInt64(task &+ $0) }
            }
        case .unresolvedRelation, .with:
            throw ExecutionError.internalError("cannot execute an unanalysed plan node")
        }
    }

    /// An evaluator for `expressions` over `input`, with the results of the subqueries they
    /// hold computed now (each runs a job; an IN subquery's rows are collected to the driver).
    func makeEvaluator(_ expressions: [Expression], input: [Attribute]) throws -> ExpressionEvaluator {
        var plans: [LogicalPlan: Int?] = [:]
        for expression in expressions {
            _ = expression.transformUp { node in
                switch node {
                case let .scalarSubquery(plan): plans[plan] = 2
                case let .exists(plan): plans[plan] = 1
                case let .inSubquery(_, plan): plans[plan] = .some(nil)
                default: break
                }
                return node
            }
        }
        var results: [LogicalPlan: SubqueryResult] = [:]
        for (plan, limit) in plans {
            let optimized = Optimizer(session: session).optimize(plan)
            let rows = try execute(optimized).flatMap { $0.rows.map(\.values) }
            let taken = try limit.map { try rows.take($0) } ?? rows.collect()
            if limit == 2, taken.count > 1 {
                throw ExecutionError.scalarSubqueryTooManyRows(PlanPrinter.logical(plan))
            }
            results[plan] = SubqueryResult(rows: taken)
        }
        return ExpressionEvaluator(input: input, functions: session.functions, subqueryValues: results)
    }

    /// Rows to batches of `schema`, 4096 rows each.
    static func batches(_ rows: [[Value]], schema: StructType) -> [ColumnBatch] {
        stride(from: 0, to: rows.count, by: 4096).map { start in
            ColumnBatch(schema: schema, rows: Array(rows[start..<min(start + 4096, rows.count)]))
        }
    }
}
