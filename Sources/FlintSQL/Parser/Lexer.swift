/// Splits SQL text into tokens, as Spark's lexer does: words (keywords and identifiers),
/// backquoted identifiers, string and numeric literals, operators; whitespace, `-- line` and
/// (nested) `/* block */` comments are skipped.
///
/// Strings are in single or double quotes (Spark's default), with the quote doubled (`'it''s'`)
/// or backslash escapes (`\n`, `\t`, `\'`, `\\`, `\uXXXX`, ...; `\%` and `\_` keep their
/// backslash, for `LIKE`). A word that starts with a digit but is not a number (`1a`) is an
/// identifier, as in Spark.
struct Lexer {
    private let source: [Character]
    private var position = 0
    private var tokens: [Token] = []

    /// Tokenizes `source`, ending with an `.end` token. O(length of the text).
    static func tokenize(_ source: [Character]) throws(SQLSyntaxError) -> [Token] {
        var lexer = Lexer(source: source)
        return try lexer.run()
    }

    private init(source: [Character]) {
        self.source = source
    }

    private mutating func run() throws(SQLSyntaxError) -> [Token] {
        while true {
            try skipSpaceAndComments()
            guard let character = peek() else { break }
            let start = position
            if character == "'" || character == "\"" {
                tokens.append(try readQuoted(closing: character, kind: .string, unterminated: .unterminatedString))
            } else if character == "`" {
                tokens.append(try readQuoted(closing: "`", kind: .quotedIdentifier,
                                             unterminated: .unterminatedQuotedIdentifier))
            } else if Lexer.isDigit(character) || (character == "." && Lexer.isDigit(peek(1)) && !followsName) {
                tokens.append(readNumberOrWord())
            } else if Lexer.isIdentifierStart(character) {
                let word = readWhile(Lexer.isIdentifierPart)
                tokens.append(Token(kind: .word(Keyword(word: word)), text: word, offset: start, length: position - start))
            } else if let symbol = readSymbol() {
                tokens.append(Token(kind: .symbol(symbol), text: symbol.rawValue, offset: start, length: position - start))
            } else {
                throw SQLSyntaxError(.unexpectedCharacter, source: source, offset: start, length: 1)
            }
        }
        tokens.append(Token(kind: .end, text: "", offset: source.count, length: 0))
        return tokens
    }

    // MARK: - Characters

    private func peek(_ ahead: Int = 0) -> Character? {
        position + ahead < source.count ? source[position + ahead] : nil
    }

    private static func isDigit(_ character: Character?) -> Bool {
        character.map { $0.isASCII && $0.isNumber } ?? false
    }

    private static func isIdentifierStart(_ character: Character) -> Bool {
        character.isLetter || character == "_"
    }

    private static func isIdentifierPart(_ character: Character) -> Bool {
        character.isLetter || character.isNumber || character == "_"
    }

    /// Whether the previous token is a name, so that `.` after it is a qualifier dot (`t.1x`).
    private var followsName: Bool {
        switch tokens.last?.kind {
        case .word, .quotedIdentifier: true
        default: false
        }
    }

    @discardableResult
    private mutating func readWhile(_ predicate: (Character) -> Bool) -> String {
        let start = position
        while let character = peek(), predicate(character) { position += 1 }
        return String(source[start..<position])
    }

    // MARK: - Space and comments

    private mutating func skipSpaceAndComments() throws(SQLSyntaxError) {
        while let character = peek() {
            if character.isWhitespace {
                position += 1
            } else if character == "-", peek(1) == "-" {
                readWhile { !$0.isNewline }
            } else if character == "/", peek(1) == "*" {
                try skipBlockComment()
            } else {
                return
            }
        }
    }

    /// Skips a `/* ... */` comment, which may nest, as in Spark.
    private mutating func skipBlockComment() throws(SQLSyntaxError) {
        let start = position
        var depth = 0
        repeat {
            guard let character = peek() else {
                throw SQLSyntaxError(.unterminatedComment, source: source, offset: start, length: 2)
            }
            if character == "/", peek(1) == "*" {
                depth += 1
                position += 2
            } else if character == "*", peek(1) == "/" {
                depth -= 1
                position += 2
            } else {
                position += 1
            }
        } while depth > 0
    }

    // MARK: - Quoted text

    /// Reads a string literal or backquoted identifier; a doubled `closing` stands for itself, and
    /// in strings a backslash escapes the next character.
    private mutating func readQuoted(closing: Character, kind: Token.Kind,
                                     unterminated: SQLSyntaxError.Reason) throws(SQLSyntaxError) -> Token {
        let start = position
        position += 1
        var value = ""
        while let character = peek() {
            position += 1
            if character == closing {
                guard peek() == closing else {
                    return Token(kind: kind, text: value, offset: start, length: position - start)
                }
                value.append(closing)
                position += 1
            } else if character == "\\", kind == .string, let escaped = peek() {
                position += 1
                value += unescape(escaped)
            } else {
                value.append(character)
            }
        }
        let lineLength = source[start...].firstIndex(where: \.isNewline).map { $0 - start } ?? source.count - start
        throw SQLSyntaxError(unterminated, source: source, offset: start, length: lineLength)
    }

    /// The text a backslash escape stands for (`escaped` is the character after the backslash;
    /// `\uXXXX` reads four more hex digits).
    private mutating func unescape(_ escaped: Character) -> String {
        switch escaped {
        case "0": return "\0"
        case "b": return "\u{8}"
        case "n": return "\n"
        case "r": return "\r"
        case "t": return "\t"
        case "Z": return "\u{1A}"
        case "%", "_": return "\\" + String(escaped)
        case "u":
            let hex = String(source[position..<min(position + 4, source.count)])
            guard hex.count == 4, let code = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(code) else {
                return "u"
            }
            position += 4
            return String(Character(scalar))
        default: return String(escaped)
        }
    }

    // MARK: - Numbers and symbols

    /// Reads `12`, `12L`, `1.5`, `.5`, `1e-3`, `2.5D`, `1BD`; a digit-led word that is no number
    /// (`1a`, `2x_y`) becomes an identifier word.
    private mutating func readNumberOrWord() -> Token {
        let start = position
        readWhile { Lexer.isDigit($0) }
        var isIntegral = true
        if peek() == ".", !(peek(1).map(Lexer.isIdentifierStart) ?? false) {
            isIntegral = false
            position += 1
            readWhile { Lexer.isDigit($0) }
        }
        if let e = peek(), e == "e" || e == "E",
           Lexer.isDigit(peek(1)) || ((peek(1) == "+" || peek(1) == "-") && Lexer.isDigit(peek(2))) {
            isIntegral = false
            position += 2
            readWhile { Lexer.isDigit($0) }
        }
        let digits = String(source[start..<position])
        let tailStart = position
        let tail = readWhile(Lexer.isIdentifierPart)
        let suffix = NumericLiteral.Suffix(rawValue: tail.uppercased())
        if !tail.isEmpty, suffix == nil {
            if isIntegral { // `1a` is a name, as in Spark
                return Token(kind: .word(nil), text: digits + tail, offset: start, length: position - start)
            }
            position = tailStart // `1.5x` is the number 1.5 followed by the word `x`
        }
        let literal = NumericLiteral(digits: digits, isIntegral: isIntegral, suffix: suffix)
        return Token(kind: .number(literal), text: String(source[start..<position]), offset: start,
                     length: position - start)
    }

    /// Reads the longest symbol at the current position, if any.
    private mutating func readSymbol() -> Symbol? {
        for length in stride(from: Symbol.maximumLength, through: 1, by: -1) where position + length <= source.count {
            if let symbol = Symbol(rawValue: String(source[position..<position + length])) {
                position += length
                return symbol
            }
        }
        return nil
    }
}
