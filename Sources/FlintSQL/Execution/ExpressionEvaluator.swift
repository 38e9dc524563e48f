/// Evaluates resolved expressions over a `ColumnBatch`, a column at a time: arithmetic,
/// comparisons and boolean logic run as typed loops over the column buffers (validity
/// bitmaps combined word by word); functions and casts without a kernel go row by row through
/// `Value`.
///
/// Attributes are read by position: `ordinals` maps attribute ids to the batch's columns.
struct ExpressionEvaluator {
    let ordinals: [Int: Int]
    let functions: FunctionRegistry
    /// Results of the uncorrelated subqueries (scalar, IN, EXISTS), computed before the query runs.
    let subqueryValues: [LogicalPlan: SubqueryResult]

    init(input: [Attribute], functions: FunctionRegistry, subqueryValues: [LogicalPlan: SubqueryResult] = [:]) {
        ordinals = Dictionary(input.enumerated().map { ($0.element.id, $0.offset) }, uniquingKeysWith: { first, _ in first })
        self.functions = functions
        self.subqueryValues = subqueryValues
    }

    /// The expression's value for every row of `batch`.
    /// - Throws: `ExecutionError` for a value a function rejects.
    func evaluate(_ expression: Expression, _ batch: ColumnBatch) throws -> ColumnVector {
        let count = batch.rowCount
        switch expression {
        case let .attribute(attribute):
            guard let ordinal = ordinals[attribute.id] else {
                throw ExecutionError.internalError("column \(attribute) is not in the operator's input")
            }
            return batch.columns[ordinal]
        case let .literal(value):
            return .constant(value, dataType: value.dataType, count: count)
        case let .alias(child, _, _):
            return try evaluate(child, batch)
        case let .cast(child, type):
            let input = try evaluate(child, batch)
            return VectorKernels.cast(input, to: type)
        case let .unary(op, child):
            let input = try evaluate(child, batch)
            switch op {
            case .isNull: return VectorKernels.nullTest(input, wantNull: true)
            case .isNotNull: return VectorKernels.nullTest(input, wantNull: false)
            case .not: return VectorKernels.not(input)
            case .negate: return VectorKernels.negate(input)
            }
        case let .binary(op, left, .literal(value)) where op.isComparison:
            let l = try evaluate(left, batch)
            if let result = VectorKernels.compare(op, l, scalar: value) { return result }
            return VectorKernels.compare(op, l, .constant(value, dataType: value.dataType, count: count))
        case let .binary(op, .literal(value), right) where op.isComparison:
            let r = try evaluate(right, batch)
            if let flipped = op.flipped, let result = VectorKernels.compare(flipped, r, scalar: value) { return result }
            return VectorKernels.compare(op, .constant(value, dataType: value.dataType, count: count), r)
        case let .binary(op, left, right):
            let l = try evaluate(left, batch)
            let r = try evaluate(right, batch)
            switch op {
            case .and, .or: return VectorKernels.logic(op, l, r)
            case _ where op.isArithmetic: return VectorKernels.arithmetic(op, l, r, resultType: expression.dataType)
            default: return VectorKernels.compare(op, l, r)
            }
        case let .caseWhen(clauses, otherwise):
            let conditions = try clauses.map { try evaluate($0.condition, batch) }
            let values = try clauses.map { try evaluate($0.value, batch) }
            let fallback = try otherwise.map { try evaluate($0, batch) }
            return VectorKernels.rowWise(count, expression.dataType) { row in
                for (condition, value) in zip(conditions, values) where condition.value(at: row) == .boolean(true) {
                    return value.value(at: row)
                }
                return fallback?.value(at: row) ?? .null
            }
        case let .inList(value, list):
            let input = try evaluate(value, batch)
            let candidates = try list.map { try evaluate($0, batch) }
            return VectorKernels.rowWise(count, .boolean) { row in
                let needle = input.value(at: row)
                if needle.isNull { return .null }
                var sawNull = false
                for candidate in candidates {
                    let item = candidate.value(at: row)
                    if item.isNull { sawNull = true } else if item == needle { return .boolean(true) }
                }
                return sawNull ? .null : .boolean(false)
            }
        case let .call(call):
            guard call.kind == .scalar, let definition = functions.lookup(call.name), let body = definition.evaluate else {
                throw ExecutionError.internalError("\(call.name) is not a scalar function")
            }
            let arguments = try call.arguments.map { try evaluate($0, batch) }
            var failure: Error?
            let result = VectorKernels.rowWise(count, call.dataType) { row in
                let values = arguments.map { $0.value(at: row) }
                if definition.nullIntolerant, values.contains(where: \.isNull) { return .null }
                do {
                    return try body(values)
                } catch {
                    failure = failure ?? error
                    return .null
                }
            }
            if let failure { throw failure }
            return result
        case let .scalarSubquery(plan):
            return .constant(subqueryValues[plan]?.rows.first?.first ?? .null, dataType: expression.dataType, count: count)
        case let .exists(plan):
            return .constant(.boolean(!(subqueryValues[plan]?.rows.isEmpty ?? true)), dataType: .boolean, count: count)
        case let .inSubquery(value, plan):
            let input = try evaluate(value, batch)
            let values = Set(subqueryValues[plan]?.rows.compactMap(\.first) ?? [])
            let sawNull = values.contains(.null)
            return VectorKernels.rowWise(count, .boolean) { row in
                let needle = input.value(at: row)
                if needle.isNull { return .null }
                if values.contains(Cast.cast(needle, to: plan.output[0].dataType)) { return .boolean(true) }
                return sawNull ? .null : .boolean(false)
            }
        case .unresolvedAttribute, .star, .function, .window:
            throw ExecutionError.internalError("cannot evaluate \(expression.prettyName) here")
        }
    }

}

/// The rows of an uncorrelated subquery, computed once per query.
struct SubqueryResult: Sendable {
    let rows: [[Value]]
}

/// An error while running a query.
public enum ExecutionError: Error, CustomStringConvertible {
    /// A bug: the plan reached a state the engine does not expect.
    case internalError(String)
    /// A scalar subquery returned more than one row.
    case scalarSubqueryTooManyRows(String)

    public var description: String {
        switch self {
        case let .internalError(message): "[INTERNAL_ERROR] \(message)"
        case let .scalarSubqueryTooManyRows(query):
            "[SCALAR_SUBQUERY_TOO_MANY_ROWS] More than one row returned by a subquery used as an expression: \(query)"
        }
    }
}
