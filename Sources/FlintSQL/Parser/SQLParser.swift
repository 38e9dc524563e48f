/// Flint's SQL parser: Spark SQL's dialect, read by a hand-written lexer and a recursive-descent
/// parser into *unresolved* trees (`SQLStatement`, `LogicalPlan`, `Expression`, `DataType`),
/// which the analyzer then resolves against the catalog.
///
/// Names stay as written (`.unresolvedAttribute(["t", "a"])`, `.unresolvedRelation(["db", "t"])`,
/// function names lower-cased); aliases get fresh ids. Keywords are case-insensitive; the
/// reserved ones (see `Keyword`) must be backquoted to serve as names. Every entry point takes
/// time linear in the length of the text (a `SELECT` with a `WINDOW` clause scans its own tokens
/// once more) and throws a `SQLSyntaxError` that points at the offending token.
public struct SQLParser {
    /// The source text, as characters (error positions count characters).
    let source: [Character]
    /// The tokens of `source`, ending with `.end`.
    let tokens: [Token]
    /// The position of the current token in `tokens`.
    var index = 0
    /// What the parser tried, without success, at token `expectedIndex` (for error messages).
    private var expected: [String] = []
    private var expectedIndex = 0
    /// The `WINDOW name AS (...)` definitions of the `SELECT` being read, by lower-cased name.
    var windowDefinitions: [String: WindowSpec] = [:]

    private init(_ text: String) throws(SQLSyntaxError) {
        source = Array(text)
        tokens = try Lexer.tokenize(source)
    }

    // MARK: - Entry points

    /// Parses one statement (a query or a command), optionally followed by `;`.
    /// O(length of `sql`).
    public static func parseStatement(_ sql: String) throws(SQLSyntaxError) -> SQLStatement {
        var parser = try SQLParser(sql)
        let statement = try parser.parseStatementBody()
        while parser.accept(.semicolon) {}
        try parser.expectEnd()
        return statement
    }

    /// Parses a script of statements separated by `;` (empty statements are skipped; a `;` in a
    /// string or comment separates nothing), as `flint-sql -f` runs it. O(length of `sql`).
    public static func parseStatements(_ sql: String) throws(SQLSyntaxError) -> [SQLStatement] {
        var parser = try SQLParser(sql)
        var statements: [SQLStatement] = []
        repeat {
            if parser.current.kind != .end, !parser.isAt(.semicolon) {
                statements.append(try parser.parseStatementBody())
            }
        } while parser.accept(.semicolon)
        try parser.expectEnd()
        return statements
    }

    /// Parses one expression, optionally named (`a + 1 AS b`), as `selectExpr`, `expr` and
    /// `filter("a > 1")` take it. O(length of `text`).
    public static func parseExpression(_ text: String) throws(SQLSyntaxError) -> Expression {
        var parser = try SQLParser(text)
        let expression = try parser.parseNamedExpression()
        try parser.expectEnd()
        return expression
    }

    /// Parses a type name: `int`, `bigint`, `decimal(10,2)` (a double here), `varchar(20)`,
    /// `array<string>`, `struct<a: int, b: string>`, ... (case-insensitive). O(length of `text`).
    public static func parseDataType(_ text: String) throws(SQLSyntaxError) -> DataType {
        var parser = try SQLParser(text)
        let type = try parser.parseDataTypeSpecification()
        try parser.expectEnd()
        return type
    }

    // MARK: - Reading tokens

    /// The current token.
    var current: Token { tokens[index] }

    /// The token `offset` places after the current one (the `.end` token past the end).
    func token(after offset: Int) -> Token {
        tokens[min(index + offset, tokens.count - 1)]
    }

    /// Moves past the current token (never past `.end`) and returns it.
    @discardableResult
    mutating func advance() -> Token {
        let token = current
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    /// Whether the current token is `keyword`; records nothing.
    func isAt(_ keyword: Keyword) -> Bool { current.keyword == keyword }

    /// Whether the current token is `symbol`; records nothing.
    func isAt(_ symbol: Symbol) -> Bool { current.symbol == symbol }

    /// Whether the current token can be a name: a backquoted identifier or a word that is not a
    /// reserved keyword.
    var isAtName: Bool {
        switch current.kind {
        case .quotedIdentifier: true
        case let .word(keyword): !(keyword?.isReserved ?? false)
        default: false
        }
    }

    /// Consumes `keyword` if it is next; otherwise records it as expected here.
    mutating func accept(_ keyword: Keyword) -> Bool {
        acceptQuietly(keyword) || record(keyword.rawValue)
    }

    /// Consumes `symbol` if it is next; otherwise records it as expected here.
    mutating func accept(_ symbol: Symbol) -> Bool {
        acceptQuietly(symbol) || record(symbol.label)
    }

    /// Consumes `first second` (`GROUP BY`) if `first` is next, failing if `second` does not
    /// follow; otherwise records the pair as expected here.
    mutating func accept(_ first: Keyword, _ second: Keyword) throws(SQLSyntaxError) -> Bool {
        guard acceptQuietly(first) else { return record(first.rawValue + " " + second.rawValue) }
        try expect(second)
        return true
    }

    /// Consumes `keyword` if it is next, recording nothing (for operators, whose long list
    /// would drown the clauses in error messages).
    mutating func acceptQuietly(_ keyword: Keyword) -> Bool {
        guard isAt(keyword) else { return false }
        advance()
        return true
    }

    /// Consumes `symbol` if it is next, recording nothing.
    mutating func acceptQuietly(_ symbol: Symbol) -> Bool {
        guard isAt(symbol) else { return false }
        advance()
        return true
    }

    /// Consumes `keyword`, or fails.
    mutating func expect(_ keyword: Keyword) throws(SQLSyntaxError) {
        guard accept(keyword) else { throw unexpected() }
    }

    /// Consumes `symbol`, or fails.
    mutating func expect(_ symbol: Symbol) throws(SQLSyntaxError) {
        guard accept(symbol) else { throw unexpected() }
    }

    /// Fails unless the input is exhausted.
    mutating func expectEnd() throws(SQLSyntaxError) {
        guard current.kind == .end else {
            record("end of input")
            throw unexpected()
        }
    }

    /// Notes that `label` would have been accepted at the current token; returns false, so that
    /// `accept` can end with it.
    @discardableResult
    mutating func record(_ label: String) -> Bool {
        if expectedIndex != index {
            expected = []
            expectedIndex = index
        }
        if !expected.contains(label) { expected.append(label) }
        return false
    }

    // MARK: - Errors

    /// An error at token `tokenIndex` (the current one by default), with the expectations
    /// recorded there.
    func error(_ reason: SQLSyntaxError.Reason, at tokenIndex: Int? = nil) -> SQLSyntaxError {
        let position = tokenIndex ?? index
        let token = tokens[position]
        return SQLSyntaxError(reason, source: source, offset: token.offset, length: token.length,
                              expected: position == expectedIndex ? expected : [])
    }

    /// The error for a current token that nothing accepts: a reserved keyword where a name may
    /// stand gets its own explanation.
    func unexpected() -> SQLSyntaxError {
        let isReservedWord = current.keyword?.isReserved ?? false
        let wantsName = expectedIndex == index && expected.contains { $0 == "identifier" || $0 == "expression" }
        return error(isReservedWord && wantsName ? .reservedKeyword : .unexpectedToken)
    }

    // MARK: - Names

    /// Reads a name: an unquoted non-reserved word or a backquoted identifier.
    mutating func parseIdentifier() throws(SQLSyntaxError) -> String {
        guard isAtName else {
            record("identifier")
            throw unexpected()
        }
        return advance().text
    }

    /// Reads `a`, `db.t`, ... as its parts.
    mutating func parseMultipartIdentifier() throws(SQLSyntaxError) -> [String] {
        var parts = [try parseIdentifier()]
        while accept(.dot) { parts.append(try parseIdentifier()) }
        return parts
    }

    /// Reads `(a, b, ...)`.
    mutating func parseIdentifierList() throws(SQLSyntaxError) -> [String] {
        try expect(.leftParenthesis)
        var names = [try parseIdentifier()]
        while accept(.comma) { names.append(try parseIdentifier()) }
        try expect(.rightParenthesis)
        return names
    }

    /// Reads `[AS] name` if present: after `AS` a name is required, without it only a
    /// non-reserved word or backquoted identifier counts as one.
    mutating func parseOptionalAlias() throws(SQLSyntaxError) -> String? {
        if accept(.as) { return try parseIdentifier() }
        return isAtName && !isAtQueryOrganization ? advance().text : nil
    }

    /// Whether `SORT BY`, `DISTRIBUTE BY` or `CLUSTER BY` starts here (those words are names
    /// otherwise, as in Spark).
    var isAtQueryOrganization: Bool {
        [.sort, .distribute, .cluster].contains(current.keyword) && index + 1 < tokens.count && tokens[index + 1].keyword == .by
    }

    /// Reads a non-negative integer literal (`LIMIT 10`, `3 PRECEDING`).
    mutating func parseNonNegativeInteger() throws(SQLSyntaxError) -> Int {
        guard case let .number(literal) = current.kind, literal.suffix == nil,
              let value = literal.value(negated: false)?.longValue, let count = Int(exactly: value) else {
            record("integer")
            throw unexpected()
        }
        advance()
        return count
    }
}
