import Foundation
import Logging
import Synchronization

/// Sets up swift-log for Flint: messages go to stderr at the level of `FLINT_LOG_LEVEL` or
/// `flint.log.level` (default warning). Flint installs its handler in swift-log once per process
/// (at its first logger); later contexts change the level. An application that bootstraps
/// swift-log itself before that keeps its own handler.
public enum FlintLogging {
    private static let level = Mutex<Logger.Level>(.warning)

    /// Installs Flint's handler in swift-log once per process, on first use.
    private static let installed: Void = {
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = .trace
            return LevelFilteringHandler(inner: handler)
        }
    }()

    /// A logger that goes through Flint's level filter; use it instead of `Logger(label:)`.
    public static func logger(_ label: String) -> Logger {
        installed
        return Logger(label: label)
    }

    /// The current level.
    public static var currentLevel: Logger.Level { level.withLock { $0 } }

    /// Sets the level, as `sc.setLogLevel("INFO")` in Spark.
    /// - Throws: `FlintConfError.invalidValue` for an unknown level name.
    public static func setLevel(_ name: String) throws {
        let normalized = name.lowercased() == "warn" ? "warning" : name.lowercased()
        guard let parsed = Logger.Level(rawValue: normalized) else {
            throw FlintConfError.invalidValue(key: ConfigEntry.logLevel.key, value: name,
                                              expected: Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))
        }
        level.withLock { $0 = parsed }
    }

    static func bootstrap(conf: FlintConf) throws {
        if let name = ProcessInfo.processInfo.environment["FLINT_LOG_LEVEL"] ?? conf.get(ConfigEntry.logLevel.key) {
            try setLevel(name)
        }
        installed
    }

    /// Forwards to a handler only the messages at or above Flint's current level.
    private struct LevelFilteringHandler: LogHandler {
        var inner: StreamLogHandler
        var metadata: Logger.Metadata {
            get { inner.metadata }
            set { inner.metadata = newValue }
        }
        var logLevel: Logger.Level {
            get { FlintLogging.currentLevel }
            set { try? FlintLogging.setLevel(newValue.rawValue) }
        }
        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { inner[metadataKey: key] }
            set { inner[metadataKey: key] = newValue }
        }
        func log(event: LogEvent) {
            guard event.level >= FlintLogging.currentLevel else { return }
            inner.log(event: event)
        }
    }
}
