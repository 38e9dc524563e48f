/// One lexical unit of SQL text, as the `Lexer` produces it and the `SQLParser` reads it.
///
/// A token remembers where it came from (a character offset and length in the source) so that
/// a syntax error can point at it; line and column are computed only when an error is reported.
struct Token: Sendable {
    /// What the token is.
    enum Kind: Equatable, Sendable {
        /// An unquoted word: a keyword (when `Keyword` knows it) or an identifier; `text` is the
        /// spelling, case preserved.
        case word(Keyword?)
        /// A backquoted identifier; `text` is the name, with doubled backquotes resolved.
        case quotedIdentifier
        /// A string literal in single or double quotes; `text` is the value, escapes resolved.
        case string
        /// A numeric literal; its value is computed by the parser, which knows whether it is negated.
        case number(NumericLiteral)
        /// An operator or punctuation mark.
        case symbol(Symbol)
        /// The end of the input (always the last token).
        case end
    }

    /// What the token is.
    var kind: Kind
    /// The spelling or resolved value (see `Kind`).
    var text: String
    /// The offset of the token's first character in the source, in characters.
    var offset: Int
    /// The number of source characters the token spans.
    var length: Int

    /// The keyword this token spells, if it is an unquoted keyword.
    var keyword: Keyword? {
        if case let .word(keyword) = kind { keyword } else { nil }
    }

    /// The symbol this token is, if any.
    var symbol: Symbol? {
        if case let .symbol(symbol) = kind { symbol } else { nil }
    }
}

/// The operators and punctuation of Flint's SQL dialect, spelled as in the source.
enum Symbol: String, CaseIterable, Sendable {
    case nullSafeEqual = "<=>"
    case lessOrEqual = "<="
    case greaterOrEqual = ">="
    case lessOrGreater = "<>"
    case notEqual = "!="
    case doubleEqual = "=="
    case concatenate = "||"
    case doubleColon = "::"
    case leftParenthesis = "("
    case rightParenthesis = ")"
    case comma = ","
    case dot = "."
    case semicolon = ";"
    case colon = ":"
    case star = "*"
    case plus = "+"
    case minus = "-"
    case slash = "/"
    case percent = "%"
    case equal = "="
    case less = "<"
    case greater = ">"

    /// The longest spelling of any symbol, for longest-match lexing.
    static let maximumLength = allCases.map(\.rawValue.count).max() ?? 1

    /// How expected-token lists show the symbol: `')'`.
    var label: String { "'\(rawValue)'" }

    /// The comparison this symbol denotes, if it is a comparison operator.
    var comparison: BinaryOperator? {
        switch self {
        case .equal, .doubleEqual: .equal
        case .notEqual, .lessOrGreater: .notEqual
        case .less: .less
        case .lessOrEqual: .lessOrEqual
        case .greater: .greater
        case .greaterOrEqual: .greaterOrEqual
        case .nullSafeEqual: .nullSafeEqual
        default: nil
        }
    }
}
