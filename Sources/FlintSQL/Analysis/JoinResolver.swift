/// Resolves joins: the condition against both sides, and `USING (a, b)` into equalities with
/// Spark's output (the using columns once — coalesced for a full outer join — then the other
/// columns of the left, then of the right).
struct JoinResolver {
    let analyzer: Analyzer

    func resolve(left: LogicalPlan, right original: LogicalPlan, type: JoinType, condition: Expression?,
                 using: [String]) throws -> LogicalPlan {
        // A relation joined with itself (a self-join, a view or CTE used twice) gets new ids on
        // the right, so that the two sides' columns can be told apart.
        let leftIds = Set(left.output.map(\.id))
        let right = original.output.contains { leftIds.contains($0.id) } ? original.refreshingIds() : original
        guard !using.isEmpty else {
            let resolved = try condition.map { try analyzer.resolveExpression($0, input: left.output + right.output) }
            if let resolved, resolved.dataType != .boolean {
                throw AnalysisError.typeMismatch(expression: resolved.prettyName,
                                                 reason: "a join condition must be boolean, not \(resolved.dataType.simpleString)")
            }
            return .join(left, right, type, condition: resolved, using: [])
        }
        let pairs = try using.map { name in
            (try analyzer.resolveColumn([name], input: left.output), try analyzer.resolveColumn([name], input: right.output))
        }
        let equalities = try pairs.map { l, r in
            try analyzer.coerce(.binary(.equal, .attribute(l), .attribute(r)))
        }
        let condition = equalities.dropFirst().reduce(equalities[0]) { .binary(.and, $0, $1) }
        let join = LogicalPlan.join(left, right, type, condition: condition, using: [])
        let joinOutput = join.output
        func attribute(_ original: Attribute) -> Attribute { joinOutput.first { $0.id == original.id }! }
        let keys: [Expression] = pairs.map { l, r in
            switch type {
            case .rightOuter: return .attribute(attribute(r))
            case .fullOuter:
                let merged = Expression.call(ResolvedCall(name: "coalesce", arguments: [.attribute(attribute(l)), .attribute(attribute(r))],
                                                          dataType: l.dataType.widened(with: r.dataType) ?? l.dataType,
                                                          nullable: true, kind: .scalar))
                return .alias(merged, name: l.name, id: Attribute.newId())
            default: return .attribute(attribute(l))
            }
        }
        let usedIds = Set(pairs.flatMap { [$0.0.id, $0.1.id] })
        let rest = joinOutput.filter { !usedIds.contains($0.id) }.map { Expression.attribute($0) }
        if type == .leftSemi || type == .leftAnti {
            return .project(keys + left.output.filter { !usedIds.contains($0.id) }.map { .attribute($0) }, join)
        }
        return .project(keys + rest, join)
    }
}

/// Resolves `UNION` (by position or by name), `INTERSECT` and `EXCEPT`: equal column counts,
/// columns widened to common types (a projection with casts where a side differs).
struct SetOperationResolver {
    let analyzer: Analyzer

    func union(_ children: [LogicalPlan], byName: Bool, allowMissingColumns: Bool) throws -> LogicalPlan {
        guard var first = children.first else { return .union([], byName: false, allowMissingColumns: false) }
        var aligned = [first]
        for child in children.dropFirst() {
            let reordered = byName ? try byNameProjection(child, like: first, allowMissing: allowMissingColumns) : child
            let (l, r) = try self.aligned(first, reordered, operation: "UNION")
            first = l
            aligned = aligned.dropLast() + [l, r]
        }
        // Re-cast earlier children to the final column types.
        let types = aligned.last!.output.map(\.dataType)
        return .union(aligned.map { cast($0, to: types) }, byName: false, allowMissingColumns: false)
    }

    func aligned(_ left: LogicalPlan, _ right: LogicalPlan, operation: String) throws -> (LogicalPlan, LogicalPlan) {
        guard left.output.count == right.output.count else {
            throw AnalysisError.unsupported("[NUM_COLUMNS_MISMATCH] \(operation) can only be performed on inputs with the "
                                            + "same number of columns, but the first input has \(left.output.count) columns "
                                            + "and the second input has \(right.output.count) columns")
        }
        var types: [DataType] = []
        for (l, r) in zip(left.output, right.output) {
            if let type = l.dataType.widened(with: r.dataType) {
                types.append(type)
            } else if l.dataType == .string || r.dataType == .string {
                types.append(.string)
            } else {
                throw AnalysisError.typeMismatch(expression: "\(operation) column `\(l.name)`",
                                                 reason: "\(l.dataType.simpleString) and \(r.dataType.simpleString) have no common type")
            }
        }
        return (cast(left, to: types), cast(right, to: types))
    }

    private func cast(_ plan: LogicalPlan, to types: [DataType]) -> LogicalPlan {
        let output = plan.output
        guard zip(output, types).contains(where: { $0.dataType != $1 }) else { return plan }
        return .project(zip(output, types).map { attribute, type in
            attribute.dataType == type ? .attribute(attribute) : .alias(.cast(.attribute(attribute), type), name: attribute.name, id: Attribute.newId())
        }, plan)
    }

    private func byNameProjection(_ plan: LogicalPlan, like reference: LogicalPlan, allowMissing: Bool) throws -> LogicalPlan {
        let output = plan.output
        let list = try reference.output.map { wanted -> Expression in
            if let match = output.first(where: { $0.name.lowercased() == wanted.name.lowercased() }) { return .attribute(match) }
            guard allowMissing else {
                throw AnalysisError.unresolvedColumn(name: wanted.name, suggestions: AnalysisError.nearest(wanted.name, in: output.map(\.name)))
            }
            return .alias(.literal(.null), name: wanted.name, id: Attribute.newId())
        }
        return .project(list, plan)
    }
}
