import Foundation
import Synchronization

/// Configuration of a Flint application: key/value pairs, as Spark's `SparkConf`.
///
/// Precedence, highest first: values set in code, `--conf` of flint-submit, the properties file
/// (`--properties-file`, default `conf/flint-defaults.conf`), then each key's default.
/// flint-submit hands the merged `--conf` and properties-file values to the application in the
/// environment variable `FLINT_SUBMIT_PROPERTIES`, which `init(loadDefaults: true)` reads.
/// All methods are thread-safe; reads take a lock, so read once outside hot loops.
public final class FlintConf: Sendable, CustomStringConvertible {
    /// The environment variable through which flint-submit passes its settings.
    public static let submitEnvironmentKey = "FLINT_SUBMIT_PROPERTIES"

    private let settings: Mutex<[String: String]>

    /// Creates a configuration; with `loadDefaults`, it starts from what flint-submit passed.
    public init(loadDefaults: Bool = true) {
        var initial: [String: String] = [:]
        if loadDefaults, let text = ProcessInfo.processInfo.environment[Self.submitEnvironmentKey],
           let pairs = try? PropertiesFile.parse(text, source: Self.submitEnvironmentKey) {
            for pair in pairs { initial[pair.key] = pair.value }
        }
        settings = Mutex(initial)
    }

    /// Creates a configuration holding exactly `pairs`.
    public init(_ pairs: [String: String]) {
        settings = Mutex(pairs)
    }

    /// Sets `key` to `value`, replacing what was there. Returns self for chaining.
    @discardableResult
    public func set(_ key: String, _ value: String) -> FlintConf {
        settings.withLock { $0[key] = value }
        return self
    }

    /// Sets `key` only if it has no value yet.
    @discardableResult
    public func setIfMissing(_ key: String, _ value: String) -> FlintConf {
        settings.withLock { if $0[key] == nil { $0[key] = value } }
        return self
    }

    /// Sets the master URL (`flint.master`).
    @discardableResult
    public func setMaster(_ master: String) -> FlintConf { set(ConfigEntry.master.key, master) }

    /// Sets the application name (`flint.app.name`).
    @discardableResult
    public func setAppName(_ name: String) -> FlintConf { set(ConfigEntry.appName.key, name) }

    /// Removes `key`.
    @discardableResult
    public func remove(_ key: String) -> FlintConf {
        settings.withLock { _ = $0.removeValue(forKey: key) }
        return self
    }

    /// The value of `key`, or nil.
    public func get(_ key: String) -> String? { settings.withLock { $0[key] } }

    /// The value of `key`, or `defaultValue`.
    public func get(_ key: String, default defaultValue: String) -> String { get(key) ?? defaultValue }

    /// The value of an entry, or its default.
    public func get(_ entry: ConfigEntry) -> String? { get(entry.key) ?? entry.defaultValue }

    /// Whether `key` has a value.
    public func contains(_ key: String) -> Bool { get(key) != nil }

    /// All settings sorted by key.
    public func getAll() -> [(key: String, value: String)] {
        settings.withLock { $0.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) } }
    }

    /// An independent copy.
    public func clone() -> FlintConf { FlintConf(settings.withLock { $0 }) }

    /// The integer value of an entry.
    /// - Throws: `FlintConfError.invalidValue` when the value is not an integer.
    public func getInt(_ entry: ConfigEntry, default fallback: Int) throws -> Int {
        guard let text = get(entry) else { return fallback }
        guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
            throw FlintConfError.invalidValue(key: entry.key, value: text, expected: "an integer")
        }
        return value
    }

    /// The floating-point value of an entry.
    /// - Throws: `FlintConfError.invalidValue` when the value is not a number.
    public func getDouble(_ entry: ConfigEntry, default fallback: Double) throws -> Double {
        guard let text = get(entry) else { return fallback }
        guard let value = Double(text.trimmingCharacters(in: .whitespaces)) else {
            throw FlintConfError.invalidValue(key: entry.key, value: text, expected: "a number")
        }
        return value
    }

    /// The boolean value of an entry (`true`/`false`, case-insensitive).
    /// - Throws: `FlintConfError.invalidValue` for anything else.
    public func getBoolean(_ entry: ConfigEntry, default fallback: Bool) throws -> Bool {
        guard let text = get(entry) else { return fallback }
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "true": return true
        case "false": return false
        default: throw FlintConfError.invalidValue(key: entry.key, value: text, expected: "true or false")
        }
    }

    /// A size in bytes ("512m", "2g", "32k"); a bare number is taken in `defaultUnit` bytes.
    /// - Throws: `FlintConfError.invalidValue` when the value is not a size.
    public func getSizeAsBytes(_ entry: ConfigEntry, default fallback: Int, defaultUnit: Int = 1) throws -> Int {
        guard let text = get(entry) else { return fallback }
        guard let value = ByteSize.parse(text, defaultUnit: defaultUnit) else {
            throw FlintConfError.invalidValue(key: entry.key, value: text,
                                              expected: "a size such as 512m, 2g or 64k")
        }
        return value
    }

    public var description: String {
        getAll().map { "\($0.key)=\($0.value)" }.joined(separator: "\n")
    }
}
