extension SQLParser {
    /// Reads an expression. Precedence, loosest first (Spark's, with `||` below `+`/`-` as in
    /// standard SQL):
    /// ```
    /// OR < AND < NOT < comparisons (= == != <> < <= > >= <=>) and predicates
    ///   (IS [NOT] NULL, IS [NOT] DISTINCT FROM, [NOT] IN, [NOT] BETWEEN, [NOT] LIKE / ILIKE / RLIKE)
    /// < || < + - < * / % DIV < unary - + < postfix ::type < primary
    /// ```
    /// Binary operators associate to the left.
    mutating func parseExpression() throws(SQLSyntaxError) -> Expression {
        var expression = try parseConjunction()
        while acceptQuietly(.or) {
            expression = .binary(.or, expression, try parseConjunction())
        }
        return expression
    }

    /// Reads `expression, expression, ...`.
    mutating func parseExpressionList() throws(SQLSyntaxError) -> [Expression] {
        var expressions = [try parseExpression()]
        while accept(.comma) { expressions.append(try parseExpression()) }
        return expressions
    }

    /// Reads sort keys: `expression [ASC | DESC] [NULLS (FIRST | LAST)], ...`.
    mutating func parseSortItems() throws(SQLSyntaxError) -> [SortOrder] {
        var items: [SortOrder] = []
        repeat {
            let expression = try parseExpression()
            let ascending = !accept(.desc)
            if ascending { _ = accept(.asc) }
            var nullsFirst: Bool?
            if accept(.nulls) {
                nullsFirst = accept(.first)
                if nullsFirst == false { try expect(.last) }
            }
            items.append(SortOrder(expression, ascending: ascending, nullsFirst: nullsFirst))
        } while accept(.comma)
        return items
    }

    // MARK: - Boolean levels

    private mutating func parseConjunction() throws(SQLSyntaxError) -> Expression {
        var expression = try parseNegation()
        while acceptQuietly(.and) {
            expression = .binary(.and, expression, try parseNegation())
        }
        return expression
    }

    private mutating func parseNegation() throws(SQLSyntaxError) -> Expression {
        acceptQuietly(.not) ? .unary(.not, try parseNegation()) : try parseComparison()
    }

    /// Comparisons and predicates, left-associative over `||`-level operands.
    private mutating func parseComparison() throws(SQLSyntaxError) -> Expression {
        var expression = try parseArithmetic(.concatenation)
        while true {
            if let comparison = current.symbol?.comparison {
                advance()
                expression = .binary(comparison, expression, try parseArithmetic(.concatenation))
            } else if acceptQuietly(.is) {
                expression = try parseIsPredicate(expression)
            } else {
                let negated = acceptQuietly(.not)
                guard let predicate = try parsePredicate(expression) else {
                    guard negated else { return expression }
                    for keyword in [Keyword.in, .between, .like, .ilike, .rlike] { record(keyword.rawValue) }
                    throw unexpected()
                }
                expression = negated ? .unary(.not, predicate) : predicate
            }
        }
    }

    /// Reads what follows `value IS`: `[NOT] NULL` or `[NOT] DISTINCT FROM other`.
    private mutating func parseIsPredicate(_ value: Expression) throws(SQLSyntaxError) -> Expression {
        let negated = accept(.not)
        if accept(.null) {
            return .unary(negated ? .isNotNull : .isNull, value)
        }
        guard try accept(.distinct, .from) else { throw unexpected() }
        let equal = Expression.binary(.nullSafeEqual, value, try parseArithmetic(.concatenation))
        return negated ? equal : .unary(.not, equal)
    }

    /// Reads `IN (...)`, `BETWEEN low AND high`, `LIKE`, `ILIKE`, `RLIKE` (or `REGEXP`) `pattern`
    /// after `value`; nil when none follows.
    private mutating func parsePredicate(_ value: Expression) throws(SQLSyntaxError) -> Expression? {
        if acceptQuietly(.in) {
            try expect(.leftParenthesis)
            let predicate: Expression = try startsQuery(at: index, throughParentheses: false)
                ? .inSubquery(value, parseQuery()) : .inList(value, parseExpressionList())
            try expect(.rightParenthesis)
            return predicate
        }
        if acceptQuietly(.between) {
            let low = try parseArithmetic(.concatenation)
            try expect(.and)
            let high = try parseArithmetic(.concatenation)
            return .binary(.and, .binary(.greaterOrEqual, value, low), .binary(.lessOrEqual, value, high))
        }
        let function: String
        if acceptQuietly(.like) {
            function = "like"
        } else if acceptQuietly(.ilike) {
            function = "ilike"
        } else if acceptQuietly(.rlike) || acceptQuietly(.regexp) {
            function = "rlike"
        } else {
            return nil
        }
        return .function(name: function, arguments: [value, try parseArithmetic(.concatenation)], isDistinct: false)
    }

    // MARK: - Arithmetic levels

    /// The levels of binary arithmetic, loosest first.
    enum ArithmeticLevel: Int {
        case concatenation, additive, multiplicative

        /// The next tighter level, nil after the last.
        var tighter: ArithmeticLevel? { ArithmeticLevel(rawValue: rawValue + 1) }

        /// How the operator `token` of this level builds its node; nil when `token` is none.
        func combiner(for token: Token) -> ((Expression, Expression) -> Expression)? {
            switch (self, token.kind) {
            case (.concatenation, .symbol(.concatenate)): { .function(name: "concat", arguments: [$0, $1], isDistinct: false) }
            case (.additive, .symbol(.plus)): { .binary(.add, $0, $1) }
            case (.additive, .symbol(.minus)): { .binary(.subtract, $0, $1) }
            case (.multiplicative, .symbol(.star)): { .binary(.multiply, $0, $1) }
            case (.multiplicative, .symbol(.slash)): { .binary(.divide, $0, $1) }
            case (.multiplicative, .symbol(.percent)): { .binary(.remainder, $0, $1) }
            case (.multiplicative, .word(.div?)): { .function(name: "div", arguments: [$0, $1], isDistinct: false) }
            default: nil
            }
        }
    }

    /// Reads a left-associative chain of `level`'s operators over the next tighter level.
    private mutating func parseArithmetic(_ level: ArithmeticLevel) throws(SQLSyntaxError) -> Expression {
        var expression = try parseOperand(tighterThan: level)
        while let combine = level.combiner(for: current) {
            advance()
            expression = combine(expression, try parseOperand(tighterThan: level))
        }
        return expression
    }

    private mutating func parseOperand(tighterThan level: ArithmeticLevel) throws(SQLSyntaxError) -> Expression {
        if let tighter = level.tighter { try parseArithmetic(tighter) } else { try parseUnary() }
    }

    /// Reads `-x`, `+x` or a postfix expression. A minus before a numeric literal makes a negative
    /// literal (so `-2147483648` is an `INT`, as in Spark).
    private mutating func parseUnary() throws(SQLSyntaxError) -> Expression {
        if acceptQuietly(.minus) {
            if case let .number(literal) = current.kind {
                return try parsePostfix(.literal(numericValue(literal, negated: true)))
            }
            return .unary(.negate, try parseUnary())
        }
        if acceptQuietly(.plus) {
            return try parseUnary()
        }
        return try parsePostfix(parsePrimary())
    }

    /// Reads `::type` casts after `expression`.
    private mutating func parsePostfix(_ expression: Expression) throws(SQLSyntaxError) -> Expression {
        var expression = expression
        while acceptQuietly(.doubleColon) {
            expression = .cast(expression, try parseDataTypeSpecification())
        }
        return expression
    }

    /// The value of the current numeric token, consumed; fails when it is out of range.
    mutating func numericValue(_ literal: NumericLiteral, negated: Bool) throws(SQLSyntaxError) -> Value {
        guard let value = literal.value(negated: negated) else {
            throw error(.invalidLiteral("numeric literal out of range"))
        }
        advance()
        return value
    }
}
