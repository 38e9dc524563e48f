extension SQLParser {
    /// The names the parser takes for aggregate functions when deciding whether a `SELECT`
    /// without `GROUP BY` aggregates (it cannot know registered aggregates; Spark's analyzer
    /// decides this later from the function registry).
    static let aggregateFunctionNames: Set<String> = [
        "count", "sum", "avg", "mean", "min", "max", "first", "last", "collect_list", "collect_set",
        "count_distinct", "stddev", "stddev_samp", "stddev_pop", "variance", "var_samp", "var_pop",
        "approx_count_distinct",
    ]

    /// The plan of a `SELECT` without `FROM`: one row, no columns.
    static let oneRowRelation = LogicalPlan.localRelation(output: [], rows: [[]])

    /// Reads a query:
    /// ```
    /// query := [WITH name [AS] (query), ...] setExpression [ORDER BY sortItems] [LIMIT n]
    /// ```
    /// `ORDER BY` and `LIMIT` after a set operation apply to its whole result.
    mutating func parseQuery() throws(SQLSyntaxError) -> LogicalPlan {
        var tables: [CommonTableExpression] = []
        if accept(.with) {
            repeat {
                let name = try parseIdentifier()
                _ = accept(.as)
                try expect(.leftParenthesis)
                tables.append(CommonTableExpression(name: name, plan: try parseQueryUntilClosingParenthesis()))
            } while accept(.comma)
        }
        var plan = try parseSetExpression()
        if try accept(.order, .by) {
            plan = .sort(try parseSortItems(), isGlobal: true, plan)
        } else if try accept(.cluster, .by) {
            // CLUSTER BY e: DISTRIBUTE BY e SORT BY e (ascending).
            let keys = try parseExpressionList()
            plan = .sort(keys.map { SortOrder($0) }, isGlobal: false, .repartitionByExpression(keys, numPartitions: nil, plan))
        } else {
            if try accept(.distribute, .by) {
                plan = .repartitionByExpression(try parseExpressionList(), numPartitions: nil, plan)
            }
            if try accept(.sort, .by) {
                plan = .sort(try parseSortItems(), isGlobal: false, plan)
            }
        }
        if accept(.limit) {
            plan = .limit(try parseNonNegativeInteger(), plan)
        }
        return tables.isEmpty ? plan : .with(tables, plan)
    }

    /// Reads `query )`: the rest of a parenthesised query whose `(` has been read.
    mutating func parseQueryUntilClosingParenthesis() throws(SQLSyntaxError) -> LogicalPlan {
        let plan = try parseQuery()
        try expect(.rightParenthesis)
        return plan
    }

    /// Whether the tokens from `position` start a query (`SELECT`, `WITH`, `VALUES`, `TABLE`),
    /// possibly inside opening parentheses when `throughParentheses`. Records nothing.
    func startsQuery(at position: Int, throughParentheses: Bool) -> Bool {
        switch tokens[position].kind {
        case .word(.select?), .word(.with?), .word(.values?), .word(.table?): true
        case .symbol(.leftParenthesis): throughParentheses && startsQuery(at: position + 1, throughParentheses: true)
        default: false
        }
    }

    // MARK: - Set operations

    /// `UNION`, `EXCEPT` and `MINUS`, left-associative, over intersections (which bind tighter).
    private mutating func parseSetExpression() throws(SQLSyntaxError) -> LogicalPlan {
        var plan = try parseIntersection()
        while true {
            if accept(.union) {
                let isAll = parseSetQuantifier()
                let union = LogicalPlan.union([plan, try parseIntersection()], byName: false, allowMissingColumns: false)
                plan = isAll ? union : .distinct(union)
            } else if accept(.except) || accept(.setMinus) {
                let isAll = parseSetQuantifier()
                plan = .setOperation(.except, plan, try parseIntersection(), isAll: isAll)
            } else {
                return plan
            }
        }
    }

    /// `INTERSECT`, left-associative, over query primaries.
    private mutating func parseIntersection() throws(SQLSyntaxError) -> LogicalPlan {
        var plan = try parseQueryPrimary()
        while accept(.intersect) {
            let isAll = parseSetQuantifier()
            plan = .setOperation(.intersect, plan, try parseQueryPrimary(), isAll: isAll)
        }
        return plan
    }

    /// `ALL` (true), `DISTINCT` or nothing (false) after a set operator.
    private mutating func parseSetQuantifier() -> Bool {
        if accept(.all) { return true }
        _ = accept(.distinct)
        return false
    }

    /// `SELECT ...`, `VALUES ...`, `TABLE name` or `(query)`.
    private mutating func parseQueryPrimary() throws(SQLSyntaxError) -> LogicalPlan {
        if accept(.select) {
            return try parseSelectBody()
        }
        if accept(.values) {
            return try parseInlineTableBody()
        }
        if accept(.table) {
            return .unresolvedRelation(try parseMultipartIdentifier())
        }
        guard accept(.leftParenthesis) else { throw unexpected() }
        return try parseQueryUntilClosingParenthesis()
    }

    // MARK: - SELECT

    /// Reads what follows `SELECT`:
    /// ```
    /// [DISTINCT | ALL] items [FROM relations] [WHERE condition] [GROUP BY (ALL | expressions)]
    /// [HAVING condition] [WINDOW name AS (window), ...]
    /// ```
    /// and stacks from → filter → aggregate or project → filter (`HAVING`) → distinct. It
    /// aggregates when there is a `GROUP BY` or a `HAVING`, or when an item calls one of
    /// `aggregateFunctionNames` outside a window. `GROUP BY ALL` groups by the items that call
    /// no aggregate function (aliases dropped).
    private mutating func parseSelectBody() throws(SQLSyntaxError) -> LogicalPlan {
        let enclosingWindows = windowDefinitions
        defer { windowDefinitions = enclosingWindows }
        try loadWindowClause()
        let isDistinct = accept(.distinct)
        if !isDistinct { _ = accept(.all) }
        var items = [try parseNamedExpression()]
        while accept(.comma) { items.append(try parseNamedExpression()) }
        var plan = try accept(.from) ? parseRelations() : Self.oneRowRelation
        if accept(.where) {
            plan = .filter(try parseExpression(), plan)
        }
        var grouping: [Expression]?
        if try accept(.group, .by) {
            grouping = try accept(.all) ? items.filter { !Self.containsAggregate($0) }.map(Self.unaliased)
                : parseExpressionList()
        }
        let having = try accept(.having) ? parseExpression() : nil
        if accept(.window) {
            try parseWindowDefinitions()
        }
        if grouping != nil || having != nil || items.contains(where: Self.containsAggregate) {
            plan = .aggregate(grouping: grouping ?? [], aggregates: items, plan)
            if let having { plan = .filter(having, plan) }
        } else {
            plan = .project(items, plan)
        }
        return isDistinct ? .distinct(plan) : plan
    }

    /// Reads `expression [[AS] alias]`; `*` and `t.*` take no alias.
    mutating func parseNamedExpression() throws(SQLSyntaxError) -> Expression {
        let expression = try parseExpression()
        if case .star = expression { return expression }
        return try parseOptionalAlias().map { .aliased(expression, $0) } ?? expression
    }

    /// Whether `expression` calls an aggregate function (by name) outside a window function;
    /// the arguments and keys of a window may themselves aggregate (`rank() OVER (ORDER BY sum(x))`).
    static func containsAggregate(_ expression: Expression) -> Bool {
        switch expression {
        case let .window(.function(_, arguments, _), spec):
            (arguments + spec.partitionBy + spec.orderBy.map(\.expression)).contains(where: containsAggregate)
        case let .function(name, arguments, _):
            aggregateFunctionNames.contains(name) || arguments.contains(where: containsAggregate)
        default:
            expression.children.contains(where: containsAggregate)
        }
    }

    /// `expression` without its alias.
    private static func unaliased(_ expression: Expression) -> Expression {
        if case let .alias(child, _, _) = expression { child } else { expression }
    }
}
