/// The options of a data source read or write (`.option("header", "true")`, `--option sep=;`),
/// as Spark's case-insensitive options map: keys match whatever their case, values are kept as
/// given. Typed getters throw `DataSourceError.invalidOption` naming the option, what it must
/// be and the value given. Lookups cost one lowercasing of the key and a dictionary probe: read
/// options once per source, not per record.
public struct DataSourceOptions: Sendable, Hashable, Codable, ExpressibleByDictionaryLiteral, CustomStringConvertible {
    /// Lowercased key → (key as given, value).
    private var entries: [String: Entry] = [:]

    private struct Entry: Sendable, Hashable, Codable {
        var key: String
        var value: String
    }

    /// No options.
    public init() {}

    /// The options of `pairs`.
    public init(_ pairs: [String: String]) {
        for (key, value) in pairs { self[key] = value }
    }

    /// The options of `pairs`, in order: a later key replaces an earlier one that differs only
    /// in case.
    public init(_ pairs: [(String, String)]) {
        for (key, value) in pairs { self[key] = value }
    }

    /// The options of a literal: `["header": "true", "sep": ";"]`.
    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(elements)
    }

    /// The value of `key` (any case), or nil; setting nil removes the option.
    public subscript(key: String) -> String? {
        get { entries[key.lowercased()]?.value }
        set {
            if let newValue { entries[key.lowercased()] = Entry(key: key, value: newValue) }
            else { entries[key.lowercased()] = nil }
        }
    }

    /// Whether `key` (any case) is set.
    public func contains(_ key: String) -> Bool { entries[key.lowercased()] != nil }

    /// The keys as given, sorted.
    public var keys: [String] { entries.values.map(\.key).sorted() }

    /// Number of options.
    public var count: Int { entries.count }

    /// A copy with the options of `other` added, replacing those of the same key.
    public func merging(_ other: DataSourceOptions) -> DataSourceOptions {
        var merged = self
        for entry in other.entries.values { merged[entry.key] = entry.value }
        return merged
    }

    /// The value of the first of `keys` that is set (for aliases such as `sep`/`delimiter`),
    /// with the key as asked.
    public func first(of keys: String...) -> (key: String, value: String)? {
        for key in keys { if let value = self[key] { return (key, value) } }
        return nil
    }

    /// The value of `key`, or `defaultValue`.
    public func string(_ key: String, default defaultValue: String) -> String { self[key] ?? defaultValue }

    /// `true` or `false` (any case), or `defaultValue` when unset.
    /// - Throws: `DataSourceError.invalidOption` for any other value.
    public func bool(_ key: String, default defaultValue: Bool) throws -> Bool {
        guard let text = self[key] else { return defaultValue }
        switch text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw DataSourceError.invalidOption(name: key, message: "option '\(key)' must be true or false, got '\(text)'")
        }
    }

    /// A decimal integer, or `defaultValue` when unset.
    /// - Throws: `DataSourceError.invalidOption` when the value is not an integer.
    public func int(_ key: String, default defaultValue: Int) throws -> Int {
        guard let text = self[key] else { return defaultValue }
        guard let value = Int(text.trimmingSpaces) else {
            throw DataSourceError.invalidOption(name: key, message: "option '\(key)' must be an integer, got '\(text)'")
        }
        return value
    }

    /// A number, or `defaultValue` when unset.
    /// - Throws: `DataSourceError.invalidOption` when the value is not a number.
    public func double(_ key: String, default defaultValue: Double) throws -> Double {
        guard let text = self[key] else { return defaultValue }
        guard let value = Double(text.trimmingSpaces), value.isFinite else {
            throw DataSourceError.invalidOption(name: key, message: "option '\(key)' must be a number, got '\(text)'")
        }
        return value
    }

    /// `key=value` pairs, sorted by key.
    public var description: String {
        "{" + entries.values.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "}"
    }
}

extension String {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: Substring {
        var text = self[...]
        while let first = text.first, first == " " || first == "\t" { text.removeFirst() }
        while let last = text.last, last == " " || last == "\t" { text.removeLast() }
        return text
    }
}
