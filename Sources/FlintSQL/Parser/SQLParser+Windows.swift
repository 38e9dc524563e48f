extension SQLParser {
    /// Reads the window after `OVER`: `(window)` or the name of a window of the `WINDOW` clause.
    mutating func parseWindowReference() throws(SQLSyntaxError) -> WindowSpec {
        if accept(.leftParenthesis) {
            let window = try parseWindowSpecification()
            try expect(.rightParenthesis)
            return window
        }
        let nameIndex = index
        let name = try parseIdentifier()
        guard let window = windowDefinitions[name.lowercased()] else {
            throw error(.undefinedWindow(name), at: nameIndex)
        }
        return window
    }

    /// Reads `WINDOW`'s definitions, `name AS (window), ...`, into `windowDefinitions`.
    mutating func parseWindowDefinitions() throws(SQLSyntaxError) {
        repeat {
            let name = try parseIdentifier()
            try expect(.as)
            try expect(.leftParenthesis)
            windowDefinitions[name.lowercased()] = try parseWindowSpecification()
            try expect(.rightParenthesis)
        } while accept(.comma)
    }

    /// Reads, ahead of time, the `WINDOW` clause of the `SELECT` whose items start at the current
    /// token, so that `OVER name` in them resolves as it is read; the position is left as it was.
    /// Scans the `SELECT`'s tokens up to where it ends (a set operator, `ORDER BY`, `LIMIT`, `;`,
    /// an unmatched `)` or the end): O(length of the `SELECT`).
    mutating func loadWindowClause() throws(SQLSyntaxError) {
        let ends: Set<Keyword> = [.union, .intersect, .except, .setMinus, .order, .limit]
        var depth = 0
        for position in index..<tokens.count {
            switch tokens[position].kind {
            case .symbol(.leftParenthesis):
                depth += 1
            case .symbol(.rightParenthesis):
                if depth == 0 { return }
                depth -= 1
            case .symbol(.semicolon), .end:
                return
            case let .word(keyword?) where depth == 0:
                if ends.contains(keyword) { return }
                if keyword == .window {
                    let resume = index
                    index = position + 1
                    try parseWindowDefinitions()
                    index = resume
                    return
                }
            default:
                break
            }
        }
    }

    /// Reads `[PARTITION BY expressions] [ORDER BY sortItems] [frame]`.
    private mutating func parseWindowSpecification() throws(SQLSyntaxError) -> WindowSpec {
        let partitionBy = try accept(.partition, .by) ? parseExpressionList() : []
        let orderBy = try accept(.order, .by) ? parseSortItems() : []
        return WindowSpec(partitionBy: partitionBy, orderBy: orderBy, frame: try parseWindowFrame())
    }

    /// Reads `(ROWS | RANGE) BETWEEN start AND end`, or `(ROWS | RANGE) start` (ending at the
    /// current row); nil when neither keyword follows. Offsets are relative to the current row:
    /// `n PRECEDING` is -n, `CURRENT ROW` 0, `n FOLLOWING` n, `UNBOUNDED` nil.
    private mutating func parseWindowFrame() throws(SQLSyntaxError) -> WindowFrame? {
        let isRows: Bool
        if accept(.rows) {
            isRows = true
        } else if accept(.range) {
            isRows = false
        } else {
            return nil
        }
        guard accept(.between) else {
            return WindowFrame(isRows: isRows, start: try parseFrameBound(isStart: true), end: 0)
        }
        let start = try parseFrameBound(isStart: true)
        try expect(.and)
        return WindowFrame(isRows: isRows, start: start, end: try parseFrameBound(isStart: false))
    }

    /// Reads one frame bound; `UNBOUNDED` must be `PRECEDING` at the start and `FOLLOWING` at the end.
    private mutating func parseFrameBound(isStart: Bool) throws(SQLSyntaxError) -> Int? {
        if accept(.unbounded) {
            try expect(isStart ? .preceding : .following)
            return nil
        }
        if try accept(.current, .row) {
            return 0
        }
        let offset = try parseNonNegativeInteger()
        if accept(.preceding) {
            return -offset
        }
        try expect(.following)
        return offset
    }
}
