/// The physical operators the executor runs for a plan, for `explain` (the executor itself
/// works from the optimised logical plan, choosing these same operators).
struct PhysicalNode {
    let text: String
    let children: [PhysicalNode]

    static func build(_ plan: LogicalPlan, shufflePartitions: Int, broadcastThreshold: Int) -> PhysicalNode {
        func node(_ text: String, _ children: [LogicalPlan]) -> PhysicalNode {
            PhysicalNode(text: text, children: children.map { build($0, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold) })
        }
        func exchange(_ text: String, _ child: PhysicalNode) -> PhysicalNode { PhysicalNode(text: "Exchange \(text)", children: [child]) }
        switch plan {
        case let .localRelation(output, _): return node("LocalTableScan \(PlanPrinter.attributes(output))", [])
        case let .rddScan(relation):
            let name = relation.name == "InMemoryRelation" ? "InMemoryTableScan " : "Scan ExistingRDD"
            return node(name + PlanPrinter.attributes(relation.output), [])
        case let .fileScan(relation):
            let columns = relation.requiredColumns ?? relation.output
            return node("FileScan \(relation.format) \(PlanPrinter.attributes(columns)) Location: [\(relation.paths.joined(separator: ", "))], "
                        + "PushedFilters: \(PlanPrinter.list(relation.pushedFilters)), ReadSchema: "
                        + DataType.structure(StructType(columns.map(\.field))).simpleString, [])
        case let .project(list, child): return node("Project \(PlanPrinter.list(list))", [child])
        case let .filter(condition, child): return node("Filter \(PlanPrinter.sql(condition))", [child])
        case let .aggregate(grouping, aggregates, child):
            return aggregate(keys: grouping, aggregates: aggregates, child: build(child, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold),
                             partitions: grouping.isEmpty ? 1 : shufflePartitions)
        case let .distinct(child):
            let keys = child.output.map { Expression.attribute($0) }
            return aggregate(keys: keys, aggregates: [], child: build(child, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold),
                             partitions: shufflePartitions)
        case let .deduplicate(keys, child):
            return aggregate(keys: keys, aggregates: [], child: build(child, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold),
                             partitions: shufflePartitions)
        case let .sort(orders, isGlobal, child):
            let input = build(child, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold)
            let sorted = isGlobal ? exchange("rangepartitioning(\(PlanPrinter.orders(orders).dropFirst().dropLast()))", input) : input
            return PhysicalNode(text: "Sort \(PlanPrinter.orders(orders)), \(isGlobal)", children: [sorted])
        case let .limit(count, .sort(orders, true, child)):
            return node("TakeOrderedAndProject(limit=\(count), orderBy=\(PlanPrinter.orders(orders)))", [child])
        case let .limit(count, child): return node("CollectLimit \(count)", [child])
        case let .union(children, _, _): return node("Union", children)
        case let .setOperation(operation, left, right, isAll):
            let keys = { (plan: LogicalPlan) in PlanPrinter.attributes(plan.output).dropFirst().dropLast() }
            return PhysicalNode(text: "\(operation == .intersect ? "Intersect" : "Except")\(isAll ? "All" : "") (cogroup)",
                                children: [exchange("hashpartitioning(\(keys(left)), \(shufflePartitions))", build(left, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold)),
                                           exchange("hashpartitioning(\(keys(right)), \(shufflePartitions))", build(right, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold))])
        case let .join(left, right, type, condition, _):
            let (leftKeys, rightKeys, residual) = JoinExecutor.equiKeys(condition, left: left, right: right)
            let l = build(left, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold), r = build(right, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold)
            if leftKeys.isEmpty {
                return PhysicalNode(text: "BroadcastNestedLoopJoin BuildRight, \(type.planName)" + (condition.map { ", \(PlanPrinter.sql($0))" } ?? ""),
                                    children: [l, PhysicalNode(text: "BroadcastExchange IdentityBroadcastMode", children: [r])])
            }
            let keyText = { (keys: [Expression]) in keys.map(PlanPrinter.sql).joined(separator: ", ") }
            if JoinExecutor.broadcasts(right, type: type, threshold: broadcastThreshold) {
                return PhysicalNode(text: "BroadcastHashJoin \(PlanPrinter.list(leftKeys)), \(PlanPrinter.list(rightKeys)), \(type.planName), BuildRight"
                                        + (residual.map { ", \(PlanPrinter.sql($0))" } ?? ""),
                                    children: [l, PhysicalNode(text: "BroadcastExchange HashedRelationBroadcastMode", children: [r])])
            }
            return PhysicalNode(text: "ShuffledHashJoin \(PlanPrinter.list(leftKeys)), \(PlanPrinter.list(rightKeys)), \(type.planName), BuildRight"
                                    + (residual.map { ", \(PlanPrinter.sql($0))" } ?? ""),
                                children: [left.isHashPartitioned(by: leftKeys) ? l : exchange("hashpartitioning(\(keyText(leftKeys)), \(shufflePartitions))", l),
                                           right.isHashPartitioned(by: rightKeys) ? r : exchange("hashpartitioning(\(keyText(rightKeys)), \(shufflePartitions))", r)])
        case let .subqueryAlias(_, child): return build(child, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold)
        case let .window(expressions, child):
            guard case let .alias(.window(_, spec), _, _) = expressions.first else { return node("Window", [child]) }
            let keys = spec.partitionBy.map(PlanPrinter.sql).joined(separator: ", ")
            let input = build(child, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold)
            let sorted = PhysicalNode(text: "Sort \(PlanPrinter.orders(spec.partitionBy.map { SortOrder($0) } + spec.orderBy)), false",
                                      children: [PhysicalNode(text: spec.partitionBy.isEmpty ? "Exchange SinglePartition"
                                                                  : "Exchange hashpartitioning(\(keys), \(shufflePartitions))",
                                                              children: [input])])
            return PhysicalNode(text: "Window \(PlanPrinter.list(expressions))", children: [sorted])
        case let .sample(_, _, _, child): return node(PlanPrinter.describeLogical(plan), [child])
        case let .repartition(count, true, child): return exchange("RoundRobinPartitioning(\(count))", build(child, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold))
        case let .repartition(count, false, child): return node("Coalesce \(count)", [child])
        case let .repartitionByExpression(keys, count, child):
            return exchange("hashpartitioning(\(keys.map(PlanPrinter.sql).joined(separator: ", ")), \(count ?? shufflePartitions))",
                            build(child, shufflePartitions: shufflePartitions, broadcastThreshold: broadcastThreshold))
        case .unresolvedRelation, .with: return node(PlanPrinter.describeLogical(plan), plan.children)
        }
    }

    private static func aggregate(keys: [Expression], aggregates: [Expression], child: PhysicalNode, partitions: Int) -> PhysicalNode {
        var calls: [String] = []
        for item in aggregates {
            _ = item.transformUp { node in
                if case .call(let call) = node, call.kind == .aggregate { calls.append(PlanPrinter.sql(node)) }
                return node
            }
        }
        let keyList = PlanPrinter.list(keys)
        let partial = PhysicalNode(text: "HashAggregate(keys=\(keyList), functions=[\(calls.map { "partial_" + $0 }.joined(separator: ", "))])",
                                   children: [child])
        let shuffled = PhysicalNode(text: keys.isEmpty ? "Exchange SinglePartition"
                                        : "Exchange hashpartitioning(\(keys.map(PlanPrinter.sql).joined(separator: ", ")), \(partitions))",
                                    children: [partial])
        return PhysicalNode(text: "HashAggregate(keys=\(keyList), functions=[\(calls.joined(separator: ", "))])", children: [shuffled])
    }
}
