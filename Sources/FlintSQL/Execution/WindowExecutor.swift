import FlintCore

/// Runs a `Window` operator: rows are shuffled by the partition keys, each window partition is
/// sorted by the order keys, and every function is computed over it: ranking functions,
/// `lag`/`lead`, and aggregates over the frame (the whole partition without ORDER BY; with it,
/// a running aggregate over the peers-inclusive range up to the current row; or a `ROWS` frame).
struct WindowExecutor {
    let executor: QueryExecutor

    func execute(_ windows: [Expression], child: LogicalPlan, output: [Attribute]) throws -> RDD<ColumnBatch> {
        guard case let .alias(.window(_, spec), _, _) = windows.first else {
            throw ExecutionError.internalError("a Window operator without window functions")
        }
        let calls = windows.map { expression -> ResolvedCall in
            guard case let .alias(.window(.call(call), _), _, _) = expression else { preconditionFailure("resolved window call") }
            return call
        }
        let input = child.output
        let evaluator = try executor.makeEvaluator(spec.partitionBy + spec.orderBy.map(\.expression) + calls.flatMap(\.arguments),
                                                   input: input)
        let partitionWidth = spec.partitionBy.count, orderWidth = spec.orderBy.count
        let ascending = spec.orderBy.map(\.ascending), nullsFirst = spec.orderBy.map(\.nullsFirst)
        // Each row: its values, its order key and its functions' argument values.
        let keyed: RDD<(RowKey, Prepared)> = try executor.execute(child).flatMap { batch in
            let keys = try (spec.partitionBy + spec.orderBy.map(\.expression)).map { try evaluator.evaluate($0, batch) }
            let arguments = try calls.map { call in try call.arguments.map { try evaluator.evaluate($0, batch) } }
            return (0..<batch.rowCount).map { row in
                let values = keys.map { $0.value(at: row) }
                return (RowKey(Array(values.prefix(partitionWidth))),
                        Prepared(row: batch.row(at: row),
                                 order: SortKey(values: Array(values.suffix(orderWidth)), ascending: ascending, nullsFirst: nullsFirst),
                                 arguments: arguments.map { columns in columns.map { $0.value(at: row) } }))
            }
        }
        let schema = StructType(output.map(\.field))
        let frame = spec.frame
        let ordered = !spec.orderBy.isEmpty
        // Window partitions leave a batch of groups at a time (groupByKey merges spilled runs
        // as it is read): only the window partitions being computed are held whole.
        return keyed.groupByKey(numPartitions: executor.shufflePartitions).mapPartitions { groups in
            groups.mapBatches { chunk in
                var rows: [[Value]] = []
                for (_, members) in chunk {
                    let sorted = members.sorted { $0.order < $1.order }
                    let results = calls.indices.map { index in
                        Self.compute(calls[index], sorted.map { $0.arguments[index] }, orders: sorted.map(\.order),
                                     frame: frame, ordered: ordered)
                    }
                    for (position, member) in sorted.enumerated() { rows.append(member.row + results.map { $0[position] }) }
                }
                return QueryExecutor.batches(rows, schema: schema)
            }
        }
    }

    /// One function's value for every row of a sorted window partition.
    static func compute(_ call: ResolvedCall, _ arguments: [[Value]], orders: [SortKey], frame: WindowFrame?,
                        ordered: Bool) -> [Value] {
        let count = arguments.count
        switch call.name {
        case "row_number": return (0..<count).map { .integer(Int32($0 + 1)) }
        case "rank", "dense_rank":
            var values: [Value] = []
            var rank = 0, dense = 0
            for index in 0..<count {
                if index == 0 || orders[index] != orders[index - 1] {
                    rank = index + 1
                    dense += 1
                }
                values.append(.integer(Int32(call.name == "rank" ? rank : dense)))
            }
            return values
        case "lag", "lead":
            return (0..<count).map { index in
                let offset = arguments[index].count > 1 ? Int(arguments[index][1].longValue ?? 1) : 1
                let target = call.name == "lag" ? index - offset : index + offset
                guard (0..<count).contains(target) else { return arguments[index].count > 2 ? arguments[index][2] : .null }
                return arguments[target][0]
            }
        default:
            let function = AggregateFunction(call: call)
            func aggregate(_ range: Range<Int>) -> Value {
                var state = function.initial
                for index in range { function.update(&state, arguments[index]) }
                return function.result(state)
            }
            if let frame, frame.isRows {
                return (0..<count).map { index in
                    let start = frame.start.map { max(0, index + $0) } ?? 0
                    let end = frame.end.map { min(count, index + $0 + 1) } ?? count
                    return start < end ? aggregate(start..<end) : function.result(function.initial)
                }
            }
            let unboundedEnd = frame?.end == nil && frame != nil
            guard ordered, !unboundedEnd else { return Array(repeating: aggregate(0..<count), count: count) }
            // RANGE UNBOUNDED PRECEDING .. CURRENT ROW: running, peers share the last peer's value.
            var values = Array(repeating: Value.null, count: count)
            var state = function.initial
            var index = 0
            while index < count {
                var peerEnd = index
                while peerEnd < count, orders[peerEnd] == orders[index] {
                    function.update(&state, arguments[peerEnd])
                    peerEnd += 1
                }
                let value = function.result(state)
                for peer in index..<peerEnd { values[peer] = value }
                index = peerEnd
            }
            return values
        }
    }
}

/// A row ready for windowing: its values, its order key and its functions' arguments.
struct Prepared: Sendable, Codable {
    let row: [Value]
    let order: SortKey
    let arguments: [[Value]]
}
