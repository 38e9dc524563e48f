extension SQLParser {
    /// Reads a primary expression:
    /// ```
    /// primary := number | string+ | TRUE | FALSE | NULL | DATE 'yyyy-MM-dd' | TIMESTAMP '...'
    ///          | '*' | name ('.' name)* ['.' '*'] | function call [OVER window]
    ///          | CASE ... END | CAST(expression AS type) | EXISTS (query) | (query) | (expression)
    /// ```
    /// Adjacent string literals are concatenated (`'a' 'b'` is `'ab'`), as in Spark.
    mutating func parsePrimary() throws(SQLSyntaxError) -> Expression {
        switch current.kind {
        case let .number(literal):
            return .literal(try numericValue(literal, negated: false))
        case .string:
            var text = ""
            while current.kind == .string { text += advance().text }
            return .literal(.string(text))
        case .symbol(.star):
            advance()
            return .star(qualifier: nil)
        case .symbol(.leftParenthesis):
            advance()
            if startsQuery(at: index, throughParentheses: false) {
                return .scalarSubquery(try parseQueryUntilClosingParenthesis())
            }
            let expression = try parseExpression()
            try expect(.rightParenthesis)
            return expression
        case .quotedIdentifier:
            return try parseNameOrCall()
        case let .word(keyword):
            return try parseWordPrimary(keyword)
        case .symbol, .end:
            record("expression")
            throw unexpected()
        }
    }

    /// A primary that starts with a word: a keyword construct, a typed literal, a column or a call.
    private mutating func parseWordPrimary(_ keyword: Keyword?) throws(SQLSyntaxError) -> Expression {
        let next = token(after: 1)
        switch keyword {
        case .true?, .false?:
            return .literal(.boolean(advance().keyword == .true))
        case .null?:
            advance()
            return .literal(.null)
        case .case?:
            return try parseCase()
        case .cast?:
            advance()
            try expect(.leftParenthesis)
            let expression = try parseExpression()
            try expect(.as)
            let type = try parseDataTypeSpecification()
            try expect(.rightParenthesis)
            return .cast(expression, type)
        case .exists?:
            advance()
            try expect(.leftParenthesis)
            return .exists(try parseQueryUntilClosingParenthesis())
        case .date? where next.kind == .string, .timestamp? where next.kind == .string:
            return try parseTypedLiteral()
        case .left? where next.symbol == .leftParenthesis, .right? where next.symbol == .leftParenthesis:
            return try parseNameOrCall()
        case let keyword? where keyword.isReserved:
            record("expression")
            throw unexpected()
        default:
            return try parseNameOrCall()
        }
    }

    /// Reads `DATE 'yyyy-MM-dd'` or `TIMESTAMP 'yyyy-MM-dd HH:mm:ss[.SSSSSS]'` (UTC).
    private mutating func parseTypedLiteral() throws(SQLSyntaxError) -> Expression {
        let keyword = advance().keyword
        let text = current.text
        let value: Value? = keyword == .date
            ? DateTimeFormat.parseDate(Substring(text)).map(Value.date)
            : DateTimeFormat.parseTimestamp(Substring(text)).map(Value.timestamp)
        guard let value else {
            throw error(.invalidLiteral("the value of the typed literal \(keyword?.rawValue ?? "") is invalid"))
        }
        advance()
        return .literal(value)
    }

    /// Reads `CASE [operand] WHEN ... THEN ... [WHEN ...] [ELSE ...] END`; with an operand,
    /// each `WHEN v` becomes the condition `operand = v`.
    private mutating func parseCase() throws(SQLSyntaxError) -> Expression {
        advance()
        let operand = isAt(.when) ? nil : try parseExpression()
        try expect(.when)
        var clauses: [WhenClause] = []
        repeat {
            let condition = try parseExpression()
            try expect(.then)
            let value = try parseExpression()
            clauses.append(WhenClause(condition: operand.map { .binary(.equal, $0, condition) } ?? condition,
                                      value: value))
        } while accept(.when)
        let otherwise = try accept(.else) ? parseExpression() : nil
        try expect(.end)
        return .caseWhen(clauses, otherwise: otherwise)
    }

    /// Reads a column (`a`, `t.a`, `s.field`), a qualified star (`t.*`) or a function call
    /// (`f(...)`, `db.f(...)`, named in lower case).
    private mutating func parseNameOrCall() throws(SQLSyntaxError) -> Expression {
        var parts = [advance().text]
        while acceptQuietly(.dot) {
            if accept(.star) { return .star(qualifier: parts.joined(separator: ".")) }
            parts.append(try parseIdentifier())
        }
        guard acceptQuietly(.leftParenthesis) else { return .unresolvedAttribute(parts) }
        return try parseCall(named: parts.joined(separator: ".").lowercased())
    }

    /// Reads the rest of a call after `name(`: `[DISTINCT | ALL] [arguments]) [OVER window]`.
    /// `count(*)` becomes `count(1)`, as in Spark.
    private mutating func parseCall(named name: String) throws(SQLSyntaxError) -> Expression {
        let isDistinct = accept(.distinct)
        if !isDistinct { _ = accept(.all) }
        var arguments: [Expression] = []
        if !accept(.rightParenthesis) {
            arguments = try parseExpressionList()
            try expect(.rightParenthesis)
        }
        if name == "count", !isDistinct, arguments == [.star(qualifier: nil)] {
            arguments = [.literal(.integer(1))]
        }
        let call = Expression.function(name: name, arguments: arguments, isDistinct: isDistinct)
        return try acceptQuietly(.over) ? .window(call, parseWindowReference()) : call
    }
}
