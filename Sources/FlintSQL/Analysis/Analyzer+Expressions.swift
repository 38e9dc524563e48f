extension Analyzer {
    /// Resolves `expression` against the columns `input`: names to attributes, function calls
    /// to resolved calls, and implicit casts where operand types differ (Spark's type coercion).
    func resolveExpression(_ expression: Expression, input: [Attribute]) throws -> Expression {
        switch expression {
        case let .unresolvedAttribute(parts):
            return .attribute(try resolveColumn(parts, input: input))
        case let .star(qualifier):
            throw AnalysisError.unsupported("`\(qualifier.map { "\($0)." } ?? "")*` is only allowed in a select list or count(*)")
        case let .function(name, arguments, distinct):
            let resolved = try arguments.map { try resolveExpression($0, input: input) }
            return .call(try functions.resolveCall(name: name, arguments: resolved, isDistinct: distinct))
        case let .scalarSubquery(plan):
            let resolved = try forSubquery(of: input).analyze(plan)
            guard resolved.output.count == 1 else {
                throw AnalysisError.unsupported("a scalar subquery must return one column, it returns \(resolved.output.count)")
            }
            return .scalarSubquery(resolved)
        case let .exists(plan):
            return .exists(try forSubquery(of: input).analyze(plan))
        case let .inSubquery(value, plan):
            let resolved = try forSubquery(of: input).analyze(plan)
            guard resolved.output.count == 1 else {
                throw AnalysisError.unsupported("the subquery of IN must return one column, it returns \(resolved.output.count)")
            }
            return .inSubquery(try resolveExpression(value, input: input), resolved)
        default:
            let withChildren = try expression.mapChildren { try resolveExpression($0, input: input) }
            return try coerce(withChildren)
        }
    }

    /// The input column that `parts` (`["a"]` or `["t", "a"]`) names.
    /// - Throws: `AnalysisError.unresolvedColumn` with the nearest names, or
    ///   `.ambiguousReference`.
    func resolveColumn(_ parts: [String], input: [Attribute]) throws -> Attribute {
        let name = parts.last!.lowercased()
        let qualifier = parts.count > 1 ? parts[parts.count - 2].lowercased() : nil
        var matches = input.filter { $0.name.lowercased() == name && (qualifier == nil || $0.qualifier?.lowercased() == qualifier) }
        if matches.count > 1 {
            var seen = Set<Int>()
            matches = matches.filter { seen.insert($0.id).inserted }
        }
        if matches.count > 1 {
            throw AnalysisError.ambiguousReference(name: parts.joined(separator: "."),
                                                   candidates: matches.map { "\($0.qualifier.map { "\($0)." } ?? "")\($0.name)" })
        }
        guard let match = matches.first else {
            if !outer.isEmpty, let outerMatch = try? Analyzer(catalog: catalog, functions: functions).resolveColumn(parts, input: outer) {
                return outerMatch
            }
            let names = input.map { attribute in attribute.qualifier.map { "\($0).\(attribute.name)" } ?? attribute.name }
            throw AnalysisError.unresolvedColumn(name: parts.joined(separator: "."),
                                                 suggestions: AnalysisError.nearest(parts.joined(separator: "."), in: names))
        }
        return match
    }

    /// Inserts the casts an operator needs and checks its operand types.
    func coerce(_ expression: Expression) throws -> Expression {
        switch expression {
        case let .binary(op, left, right) where op == .and || op == .or:
            return .binary(op, try booleanOperand(left, in: expression), try booleanOperand(right, in: expression))
        case let .unary(.not, operand):
            return .unary(.not, try booleanOperand(operand, in: expression))
        case let .unary(.negate, operand):
            guard operand.dataType.isNumeric || operand.dataType == .null else {
                throw AnalysisError.typeMismatch(expression: expression.prettyName,
                                                 reason: "negation needs a number, not \(operand.dataType.simpleString)")
            }
            return expression
        case let .binary(op, left, right) where op.isArithmetic:
            let type = try arithmeticType(left.dataType, right.dataType, in: expression)
            let operandType: DataType = op == .divide ? .double : type
            return .binary(op, castIfNeeded(left, to: operandType), castIfNeeded(right, to: operandType))
        case let .binary(op, left, right) where op.isComparison:
            let type = try comparisonType(left.dataType, right.dataType, in: expression)
            return .binary(op, castIfNeeded(left, to: type), castIfNeeded(right, to: type))
        case let .caseWhen(clauses, otherwise):
            let values = clauses.map(\.value) + (otherwise.map { [$0] } ?? [])
            let type = try commonType(values.map(\.dataType), in: expression)
            return .caseWhen(try clauses.map { WhenClause(condition: try booleanOperand($0.condition, in: expression),
                                                         value: castIfNeeded($0.value, to: type)) },
                             otherwise: otherwise.map { castIfNeeded($0, to: type) })
        case let .inList(value, list):
            let type = try commonType([value.dataType] + list.map(\.dataType), in: expression)
            return .inList(castIfNeeded(value, to: type), list.map { castIfNeeded($0, to: type) })
        case let .cast(child, type):
            guard Cast.canCast(from: child.dataType, to: type) else {
                throw AnalysisError.typeMismatch(expression: expression.prettyName,
                                                 reason: "cannot cast \(child.dataType.simpleString) to \(type.simpleString)")
            }
            return expression
        default:
            return expression
        }
    }

    private func booleanOperand(_ operand: Expression, in expression: Expression) throws -> Expression {
        switch operand.dataType {
        case .boolean: return operand
        case .null: return .cast(operand, .boolean)
        default:
            throw AnalysisError.typeMismatch(expression: expression.prettyName,
                                             reason: "\(operand.prettyName) is \(operand.dataType.simpleString), not boolean")
        }
    }

    private func arithmeticType(_ left: DataType, _ right: DataType, in expression: Expression) throws -> DataType {
        // Strings in arithmetic are read as doubles, as Spark does.
        let l: DataType = left == .string ? .double : left
        let r: DataType = right == .string ? .double : right
        guard (l.isNumeric || l == .null) && (r.isNumeric || r == .null), let type = l.widened(with: r) else {
            throw AnalysisError.typeMismatch(expression: expression.prettyName,
                                             reason: "arithmetic needs numbers, got \(left.simpleString) and \(right.simpleString)")
        }
        return type == .null ? .integer : type
    }

    private func comparisonType(_ left: DataType, _ right: DataType, in expression: Expression) throws -> DataType {
        if let type = left.widened(with: right) { return type == .null ? .boolean : type }
        switch (left, right) {
        case (.string, let other), (let other, .string):
            if other.isNumeric { return other == .integer || other == .long ? .long : .double }
            if other == .date || other == .timestamp || other == .boolean { return other }
        default: break
        }
        throw AnalysisError.typeMismatch(expression: expression.prettyName,
                                         reason: "cannot compare \(left.simpleString) with \(right.simpleString)")
    }

    private func commonType(_ types: [DataType], in expression: Expression) throws -> DataType {
        try types.reduce(DataType.null) { result, type in
            if let widened = result.widened(with: type) { return widened }
            if result == .string || type == .string { return .string }
            throw AnalysisError.typeMismatch(expression: expression.prettyName,
                                             reason: "\(result.simpleString) and \(type.simpleString) have no common type")
        }
    }

    func castIfNeeded(_ expression: Expression, to type: DataType) -> Expression {
        expression.dataType == type ? expression : .cast(expression, type)
    }
}
