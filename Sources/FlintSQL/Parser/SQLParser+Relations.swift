extension SQLParser {
    /// Reads the relations of a `FROM` clause; commas are cross joins:
    /// ```
    /// relations := joinedRelation (',' joinedRelation)*
    /// ```
    mutating func parseRelations() throws(SQLSyntaxError) -> LogicalPlan {
        var plan = try parseJoinedRelation()
        while accept(.comma) {
            plan = .join(plan, try parseJoinedRelation(), .cross, condition: nil, using: [])
        }
        return plan
    }

    /// Reads a relation and the joins that follow it, left-associative:
    /// ```
    /// joinedRelation := relationPrimary (joinType JOIN relationPrimary [ON condition | USING (names)])*
    /// ```
    private mutating func parseJoinedRelation() throws(SQLSyntaxError) -> LogicalPlan {
        var plan = try parseRelationPrimary()
        while let type = try parseJoinType() {
            let right = try parseRelationPrimary()
            if accept(.on) {
                plan = .join(plan, right, type, condition: try parseExpression(), using: [])
            } else if accept(.using) {
                plan = .join(plan, right, type, condition: nil, using: try parseIdentifierList())
            } else {
                plan = .join(plan, right, type, condition: nil, using: [])
            }
        }
        return plan
    }

    /// Reads `[INNER] JOIN`, `LEFT [OUTER] JOIN`, `RIGHT [OUTER] JOIN`, `FULL [OUTER] JOIN`,
    /// `[LEFT] SEMI JOIN`, `[LEFT] ANTI JOIN` or `CROSS JOIN`; nil (and `JOIN` recorded as
    /// expected) when no join follows.
    private mutating func parseJoinType() throws(SQLSyntaxError) -> JoinType? {
        let type: JoinType
        if acceptQuietly(.inner) || isAt(.join) {
            type = .inner
        } else if acceptQuietly(.cross) {
            type = .cross
        } else if acceptQuietly(.left) {
            if accept(.semi) {
                type = .leftSemi
            } else if accept(.anti) {
                type = .leftAnti
            } else {
                _ = accept(.outer)
                type = .leftOuter
            }
        } else if acceptQuietly(.right) {
            _ = accept(.outer)
            type = .rightOuter
        } else if acceptQuietly(.full) {
            _ = accept(.outer)
            type = .fullOuter
        } else if acceptQuietly(.semi) {
            type = .leftSemi
        } else if acceptQuietly(.anti) {
            type = .leftAnti
        } else {
            record(Keyword.join.rawValue)
            return nil
        }
        try expect(.join)
        return type
    }

    /// Reads one relation, with an optional alias:
    /// ```
    /// relationPrimary := VALUES rows [[AS] alias [(names)]]
    ///                  | '(' query ')' [[AS] alias]
    ///                  | '(' joinedRelation ')' [[AS] alias]
    ///                  | name [[AS] alias]
    /// ```
    private mutating func parseRelationPrimary() throws(SQLSyntaxError) -> LogicalPlan {
        if accept(.values) {
            return try parseInlineTableBody()
        }
        let plan: LogicalPlan
        if accept(.leftParenthesis) {
            plan = try startsQuery(at: index, throughParentheses: true) ? parseQuery() : parseJoinedRelation()
            try expect(.rightParenthesis)
        } else {
            plan = .unresolvedRelation(try parseMultipartIdentifier())
        }
        return try parseOptionalAlias().map { .subqueryAlias($0, plan) } ?? plan
    }
}
