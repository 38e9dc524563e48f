import Foundation

/// Reads Spark-style properties files such as `conf/flint-defaults.conf`.
///
/// Each non-blank line that does not start with `#` or `!` holds a key and a value separated by
/// whitespace, `=` or `:` (the first of them on the line), as in `spark-defaults.conf`. Leading and
/// trailing whitespace of keys and values is dropped. Cost: linear in the size of the text.
public enum PropertiesFile {
    /// An error in a properties file, naming the file and line.
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        /// The file (or other source) being parsed.
        public var source: String
        /// The 1-based line number of the bad line.
        public var line: Int
        /// What was wrong.
        public var reason: String
        public var description: String { "\(source):\(line): \(reason)" }
    }

    /// Parses properties text; `source` names it in error messages.
    ///
    /// - Throws: `ParseError` for a line that has a key but no separator and value.
    public static func parse(_ text: String, source: String = "<properties>") throws -> [(key: String, value: String)] {
        var result: [(key: String, value: String)] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespacesAndNewlines)
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix("!") { continue }
            guard let separator = line.firstIndex(where: { $0 == "=" || $0 == ":" || $0 == " " || $0 == "\t" }) else {
                throw ParseError(source: source, line: index + 1,
                                 reason: "'\(line)' has no value; expected 'key value' or 'key=value'")
            }
            let key = line[..<separator].trimmingCharacters(in: .whitespaces)
            var rest = line[line.index(after: separator)...].drop(while: { $0 == " " || $0 == "\t" })
            if let first = rest.first, line[separator] == " " || line[separator] == "\t", first == "=" || first == ":" {
                rest = rest.dropFirst().drop(while: { $0 == " " || $0 == "\t" })
            }
            guard !key.isEmpty else {
                throw ParseError(source: source, line: index + 1, reason: "line has a value but no key")
            }
            result.append((key: key, value: String(rest)))
        }
        return result
    }

    /// Reads and parses the properties file at `path`.
    ///
    /// - Throws: `FlintConfError.unreadableFile` if the file cannot be read, `ParseError` if it is malformed.
    public static func load(path: String) throws -> [(key: String, value: String)] {
        guard let data = FileManager.default.contents(atPath: path),
              let text = String(data: data, encoding: .utf8) else {
            throw FlintConfError.unreadableFile(path: path)
        }
        return try parse(text, source: path)
    }

    /// Renders key/value pairs in the format `parse` reads (`key=value` lines).
    public static func render(_ pairs: [(key: String, value: String)]) -> String {
        pairs.map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
    }
}
