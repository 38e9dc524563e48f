/// Moves the window functions of a resolved select list into `Window` operators below it, one
/// per distinct window specification (each appends its functions' columns to its input), and
/// leaves the list reading their results, as Spark's ExtractWindowExpressions.
enum WindowPlanner {
    static func plan(project list: [Expression], input: LogicalPlan) throws -> LogicalPlan {
        var windows: [Expression] = []
        var aliases: [Expression] = []
        func extract(_ node: Expression) throws -> Expression {
            guard case let .window(function, spec) = node else { return try node.mapChildren(extract) }
            guard case let .call(call) = function, call.kind != .scalar else {
                throw AnalysisError.unsupported("\(function.prettyName) is not a window or aggregate function, so it cannot be used with OVER")
            }
            if call.kind == .window, spec.orderBy.isEmpty {
                throw AnalysisError.unsupported("[WINDOW_FUNCTION_WITHOUT_ORDER] \(call.name) requires the window to be ordered (ORDER BY)")
            }
            if let frame = spec.frame, !frame.isRows, frame.start.map({ $0 != 0 }) ?? false || frame.end.map({ $0 != 0 }) ?? false {
                throw AnalysisError.unsupported("RANGE frames with value offsets; use ROWS BETWEEN or UNBOUNDED / CURRENT ROW bounds")
            }
            if let index = windows.firstIndex(of: node) { return .attribute(aliases[index].toAttribute) }
            let alias = Expression.alias(node, name: node.prettyName, id: Attribute.newId())
            windows.append(node)
            aliases.append(alias)
            return .attribute(alias.toAttribute)
        }
        let rewritten = try list.map(extract)
        guard !windows.isEmpty else { return .project(list, input) }
        var plan = input
        var specs: [WindowSpec] = []
        for case let .window(_, spec) in windows where !specs.contains(spec) { specs.append(spec) }
        for spec in specs {
            let group = zip(windows, aliases).filter { if case let .window(_, s) = $0.0 { s == spec } else { false } }.map(\.1)
            plan = .window(group, plan)
        }
        return .project(rewritten, plan)
    }
}
