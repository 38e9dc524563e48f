import Foundation
import Synchronization

/// A compiled regular expression (Java-compatible enough for `rlike`, `regexp_replace`,
/// `regexp_extract`, `split`), cached per pattern: compiling happens once per distinct pattern.
struct SQLRegex: @unchecked Sendable {
    private let expression: NSRegularExpression
    private static let cache = Mutex<[String: NSRegularExpression]>([:])

    /// Compiles (or reuses) `pattern`.
    /// - Throws: `AnalysisError.invalidArguments` for a malformed pattern.
    init(_ pattern: String) throws {
        if let cached = Self.cache.withLock({ $0[pattern] }) {
            expression = cached
            return
        }
        do {
            expression = try NSRegularExpression(pattern: pattern)
        } catch {
            throw AnalysisError.invalidArguments(function: "regexp", reason: "invalid regular expression '\(pattern)'")
        }
        Self.cache.withLock { $0[pattern] = expression }
    }

    private func range(_ text: String) -> NSRange { NSRange(text.startIndex..., in: text) }

    /// The first match in `text`, if any.
    func firstMatch(in text: String) -> NSTextCheckingResult? {
        expression.firstMatch(in: text, range: range(text))
    }

    /// `text` with every match replaced by `template` (`$1` refers to groups).
    func replacingAll(in text: String, with template: String) -> String {
        expression.stringByReplacingMatches(in: text, range: range(text), withTemplate: template)
    }

    /// Group `index` of the first match (0: the whole match), or nil without a match.
    func group(_ index: Int, of text: String) -> String? {
        guard let match = firstMatch(in: text), index <= match.numberOfRanges - 1,
              let range = Range(match.range(at: index), in: text) else { return nil }
        return String(text[range])
    }

    /// `text` cut at every match, as Java's `String.split(regex, -1)`.
    func split(_ text: String) -> [String] {
        var parts: [String] = []
        var start = text.startIndex
        for match in expression.matches(in: text, range: range(text)) {
            guard let found = Range(match.range, in: text), !found.isEmpty else { continue }
            parts.append(String(text[start..<found.lowerBound]))
            start = found.upperBound
        }
        parts.append(String(text[start...]))
        return parts
    }
}

/// A SQL `LIKE` pattern: `%` any run, `_` one character, `\` escapes.
struct LikePattern: Sendable {
    private enum Token: Sendable, Equatable { case literal(Character), any, one }
    private let tokens: [Token]

    /// Compiles `pattern`.
    static func compile(_ pattern: String) throws -> LikePattern {
        var tokens: [Token] = []
        var escaped = false
        for character in pattern {
            if escaped {
                tokens.append(.literal(character))
                escaped = false
            } else if character == "\\" {
                escaped = true
            } else {
                tokens.append(character == "%" ? .any : character == "_" ? .one : .literal(character))
            }
        }
        if escaped {
            throw AnalysisError.invalidArguments(function: "like", reason: "the pattern '\(pattern)' ends with an escape character")
        }
        return LikePattern(tokens: tokens)
    }

    /// Whether `text` matches the whole pattern. O(text × pattern) in the worst case.
    func matches(_ text: String) -> Bool {
        let characters = Array(text)
        var textIndex = 0, tokenIndex = 0
        var starToken = -1, starText = 0
        while textIndex < characters.count {
            if tokenIndex < tokens.count, tokens[tokenIndex] == .one || tokens[tokenIndex] == .literal(characters[textIndex]) {
                textIndex += 1
                tokenIndex += 1
            } else if tokenIndex < tokens.count, tokens[tokenIndex] == .any {
                starToken = tokenIndex
                starText = textIndex
                tokenIndex += 1
            } else if starToken >= 0 {
                tokenIndex = starToken + 1
                starText += 1
                textIndex = starText
            } else {
                return false
            }
        }
        while tokenIndex < tokens.count, tokens[tokenIndex] == .any { tokenIndex += 1 }
        return tokenIndex == tokens.count
    }
}
