import FlintCore

/// A submission ready to launch: the resolved application and the merged properties to hand it.
///
/// Precedence, lowest first: the properties file, then `--conf`, then the explicit flags
/// (`--master`, `--name`, `--driver-memory`, `--executor-memory`). Keys that do not start with
/// `flint.` are ignored with a warning, as spark-submit ignores non-`spark.` keys. The application
/// reads the result back with `FlintConf(loadDefaults: true)`, and values it sets in code win.
public struct SubmitPlan {
    /// The parsed command line.
    public var arguments: SubmitArguments
    /// The properties file that was read, or nil when there was none.
    public var propertiesFile: String?
    /// The merged properties, sorted by key.
    public var properties: [(key: String, value: String)]
    /// Warnings for the user (ignored keys), in the order they arose.
    public var warnings: [String]
    /// The absolute path of the application's executable.
    public var applicationPath: String

    /// The key prefix of the settings flint-submit passes on.
    public static let keyPrefix = "flint."

    /// Reads the properties file, merges it with the command line, validates the result and
    /// resolves the application. Cost: reading one file plus a few file checks.
    ///
    /// - Throws: `SubmitError` when an explicitly given properties file is missing or a properties
    ///   file is malformed, when a merged value is invalid (master, memory sizes), when the master
    ///   needs cluster mode, or when the application cannot be found.
    public init(arguments: SubmitArguments, environment: SubmitEnvironment) throws {
        self.arguments = arguments
        var merged: [String: (value: String, origin: String)] = [:]
        var warnings: [String] = []
        func add(_ pairs: [(key: String, value: String)], origin: String) {
            for (key, value) in pairs {
                if key.hasPrefix(Self.keyPrefix) {
                    merged[key] = (value, origin)
                } else {
                    warnings.append("Ignoring non-Flint config property: \(key)=\(value) (from \(origin))")
                }
            }
        }

        let (filePath, filePairs) = try Self.readPropertiesFile(arguments.propertiesFile, in: environment)
        if let filePath { add(filePairs, origin: filePath) }
        add(arguments.conf, origin: "--conf")
        add(arguments.flagSettings, origin: "command-line option")

        for (key, setting) in merged.sorted(by: { $0.key < $1.key }) {
            try SettingValidation.validate(key: key, value: setting.value,
                                           source: "\(key) (from \(setting.origin))")
        }
        if let master = merged[ConfigEntry.master.key]?.value {
            guard case .local = try SettingValidation.master(master) else {
                throw SubmitError.clusterModeUnavailable(master: master)
            }
        }

        propertiesFile = filePath
        properties = merged.map { (key: $0.key, value: $0.value.value) }.sorted { $0.key < $1.key }
        self.warnings = warnings
        applicationPath = try environment.resolveApplication(arguments.application)
    }

    /// The properties in the format of `FLINT_SUBMIT_PROPERTIES` (`key=value` lines).
    public var renderedProperties: String { PropertiesFile.render(properties) }

    /// `base` plus `FLINT_SUBMIT_PROPERTIES`: the environment of the application's process.
    public func applicationEnvironment(base: [String: String]) -> [String: String] {
        var variables = base
        variables[FlintConf.submitEnvironmentKey] = renderedProperties
        return variables
    }

    /// The path and pairs of the properties file to use: the explicit one (which must exist) or the
    /// default one (which may be absent; then the path is nil).
    private static func readPropertiesFile(
        _ explicitPath: String?, in environment: SubmitEnvironment
    ) throws -> (path: String?, pairs: [(key: String, value: String)]) {
        let path: String
        let text: String
        if let explicitPath {
            path = environment.absolutePath(explicitPath)
            guard let contents = environment.readFile(path) else {
                throw SubmitError.propertiesFileNotFound(path: explicitPath)
            }
            text = contents
        } else {
            guard let defaultPath = environment.defaultPropertiesFilePath(),
                  let contents = environment.readFile(defaultPath) else { return (nil, []) }
            path = defaultPath
            text = contents
        }
        do {
            return (path, try PropertiesFile.parse(text, source: path))
        } catch let error as PropertiesFile.ParseError {
            throw SubmitError.malformedPropertiesFile(error)
        }
    }
}
