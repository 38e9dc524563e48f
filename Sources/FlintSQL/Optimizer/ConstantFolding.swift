/// Evaluates sub-expressions that read no column once, at planning time (`1 + 2` → `3`,
/// `upper('a')` → `'A'`), and simplifies boolean logic (`true AND x` → `x`, `NOT NOT x` → `x`,
/// `x OR true` → `true`), as Spark's ConstantFolding and BooleanSimplification.
struct ConstantFolding {
    let functions: FunctionRegistry

    func fold(_ expression: Expression) -> Expression {
        expression.transformUp { node in
            if let simplified = Self.simplify(node) { return simplified }
            guard isFoldable(node) else { return node }
            let evaluator = ExpressionEvaluator(input: [], functions: functions)
            let single = ColumnBatch(schema: StructType(), columns: [], rowCount: 1)
            guard let column = try? evaluator.evaluate(node, single) else { return node }
            let value = column.value(at: 0)
            // Keep the type: a typed null, or a value whose literal type differs, stays a cast.
            return value.dataType == node.dataType ? .literal(value) : .cast(.literal(value), node.dataType)
        }
    }

    private func isFoldable(_ node: Expression) -> Bool {
        switch node {
        case .literal, .attribute, .alias, .unresolvedAttribute, .star, .window, .scalarSubquery, .exists, .inSubquery,
             .function:
            return false
        case let .call(call) where call.kind != .scalar:
            return false
        case let .cast(.literal(value), type) where value.isNull && type != .null:
            return false
        default:
            return node.children.allSatisfy { if case .literal = $0 { true } else { false } }
        }
    }

    static func simplify(_ node: Expression) -> Expression? {
        switch node {
        case let .binary(.and, .literal(.boolean(true)), other), let .binary(.and, other, .literal(.boolean(true))): return other
        case .binary(.and, .literal(.boolean(false)), _), .binary(.and, _, .literal(.boolean(false))): return .literal(.boolean(false))
        case .binary(.or, .literal(.boolean(true)), _), .binary(.or, _, .literal(.boolean(true))): return .literal(.boolean(true))
        case let .binary(.or, .literal(.boolean(false)), other), let .binary(.or, other, .literal(.boolean(false))): return other
        case let .unary(.not, .unary(.not, inner)): return inner
        case let .binary(op, left, right) where (op == .and || op == .or) && left == right: return left
        default: return nil
        }
    }
}
