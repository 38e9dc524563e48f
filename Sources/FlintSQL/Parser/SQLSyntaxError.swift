/// A SQL text that is not valid Flint SQL, as Spark's `ParseException`: where (line and
/// column), what was found there, and what the parser expected instead.
///
/// `line` and `column` are 1-based and count characters. The `description` follows Spark's
/// message, whose `pos` is 0-based (`column - 1`), and shows the SQL with a caret line under the
/// offending token:
/// ```
/// [PARSE_SYNTAX_ERROR] Syntax error at or near 'FORM': expected ',', FROM, WHERE, ... (line 1, pos 9)
///
/// == SQL ==
/// SELECT * FORM t
/// ---------^^^
/// ```
public struct SQLSyntaxError: Error, CustomStringConvertible, Hashable, Sendable {
    /// Why the text was rejected.
    public enum Reason: Hashable, Sendable {
        /// A token that cannot continue the statement at this point.
        case unexpectedToken
        /// A reserved keyword where a name (or an expression) was expected; backquote it to use
        /// it as a name.
        case reservedKeyword
        /// A character that starts no token (`@`, `#`, `!`, ...).
        case unexpectedCharacter
        /// A string literal without its closing quote.
        case unterminatedString
        /// A backquoted identifier without its closing backquote.
        case unterminatedQuotedIdentifier
        /// A `/* ...` comment without its closing `*/`.
        case unterminatedComment
        /// A literal that is malformed or out of range (`DATE '2024-13-01'`, `1e400`), with why.
        case invalidLiteral(String)
        /// A `VALUES` list that cannot form a table (a cell that is not a literal, rows of
        /// different widths, columns of incompatible types), with why.
        case invalidInlineTable(String)
        /// `OVER name` where no `WINDOW name AS (...)` defines `name`.
        case undefinedWindow(String)
    }

    /// Why the text was rejected.
    public let reason: Reason
    /// The line of the offending token, from 1.
    public let line: Int
    /// The column of the offending token's first character, from 1.
    public let column: Int
    /// The offending text, or nil at the end of the input.
    public let found: String?
    /// What could have come instead (keywords, `')'`, `identifier`, `expression`, ...), in the
    /// order the parser tried them; may be empty.
    public let expected: [String]
    /// The whole SQL text.
    public let sql: String

    /// Creates an error about the `length` characters at `offset` of `source` (nil `found` when
    /// `offset` is the end). O(offset) to find the line and column.
    init(_ reason: Reason, source: [Character], offset: Int, length: Int, expected: [String] = []) {
        self.reason = reason
        self.expected = expected
        sql = String(source)
        found = offset < source.count ? String(source[offset..<min(offset + max(length, 1), source.count)]) : nil
        let before = source[..<min(offset, source.count)]
        line = before.reduce(1) { $1.isNewline ? $0 + 1 : $0 }
        column = before.count - (before.lastIndex(where: \.isNewline).map { $0 + 1 } ?? 0) + 1
    }

    /// The error class in brackets, as Spark names it.
    public var errorClass: String {
        switch reason {
        case .unterminatedComment: "UNCLOSED_BRACKETED_COMMENT"
        case .invalidInlineTable: "INVALID_INLINE_TABLE"
        default: "PARSE_SYNTAX_ERROR"
        }
    }

    /// The one-line explanation, without the error class, position or SQL.
    public var message: String {
        let location = found.map { "'\($0)'" } ?? "end of input"
        let near = "Syntax error at or near " + location
        let expectation = expected.isEmpty ? "" : ": expected " + expected.joined(separator: ", ")
        switch reason {
        case .unexpectedToken:
            return near + expectation
        case .reservedKeyword:
            let word = found ?? ""
            return near + (expectation.isEmpty ? ": " : expectation + "; ")
                + "'\(word)' is a reserved keyword, write `\(word)` to use it as a name"
        case .unexpectedCharacter:
            return near + ": unexpected character"
        case .unterminatedString:
            return near + ": unterminated string literal"
        case .unterminatedQuotedIdentifier:
            return near + ": unterminated quoted identifier"
        case .unterminatedComment:
            return "Found an unclosed bracketed comment. Please, append */ at the end of the comment."
        case let .invalidLiteral(detail):
            return near + ": " + detail
        case let .invalidInlineTable(detail):
            return "Invalid VALUES list at or near " + location + ": " + detail
        case let .undefinedWindow(name):
            return near + ": window specification \(name) is not defined in the WINDOW clause"
        }
    }

    /// Spark's layout: `[CLASS] message (line L, pos P)`, then the SQL up to the offending line,
    /// a caret line under the offending token, and the rest of the SQL.
    public var description: String {
        let lines = sql.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        let caret = String(repeating: "-", count: column - 1) + "^^^"
        let shown = lines.prefix(line).map(String.init) + [caret] + lines.dropFirst(line).map(String.init)
        return "[\(errorClass)] \(message) (line \(line), pos \(column - 1))\n\n== SQL ==\n"
            + shown.joined(separator: "\n")
    }
}
