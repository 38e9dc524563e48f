import Foundation

/// What flint-submit reads from the world outside its arguments: environment variables, where its
/// own binary lives, the current directory and the file system.
///
/// Parsing and merging take one of these instead of touching the process, so tests can hand them
/// an in-memory world. `current()` is the real one.
public struct SubmitEnvironment {
    /// The environment variables of flint-submit (also the base of the application's environment).
    public var variables: [String: String]
    /// The absolute path of the running flint-submit binary, symbolic links resolved.
    public var executablePath: String
    /// The directory against which relative paths given by the user are resolved.
    public var currentDirectory: String
    /// The UTF-8 text of the file at a path, or nil if it does not exist or cannot be read.
    public var readFile: (String) -> String?
    /// Whether a path names an existing directory.
    public var isDirectory: (String) -> Bool
    /// Whether a path names an existing regular file that this user may execute.
    public var isExecutableFile: (String) -> Bool

    /// Creates an environment from its parts.
    public init(
        variables: [String: String],
        executablePath: String,
        currentDirectory: String,
        readFile: @escaping (String) -> String?,
        isDirectory: @escaping (String) -> Bool,
        isExecutableFile: @escaping (String) -> Bool
    ) {
        self.variables = variables
        self.executablePath = executablePath
        self.currentDirectory = currentDirectory
        self.readFile = readFile
        self.isDirectory = isDirectory
        self.isExecutableFile = isExecutableFile
    }

    /// The environment of this process, backed by the real file system.
    ///
    /// The executable path comes from `/proc/self/exe` on Linux (so a symlinked flint-submit still
    /// finds the applications built next to the real binary), else from `Bundle.main`.
    public static func current() -> SubmitEnvironment {
        let fileManager = FileManager.default
        let currentDirectory = fileManager.currentDirectoryPath
        return SubmitEnvironment(
            variables: ProcessInfo.processInfo.environment,
            executablePath: currentExecutablePath(currentDirectory: currentDirectory),
            currentDirectory: currentDirectory,
            readFile: { path in
                fileManager.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) }
            },
            isDirectory: { path in
                var isDirectory: ObjCBool = false
                return fileManager.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            },
            isExecutableFile: { path in
                var isDirectory: ObjCBool = false
                return fileManager.fileExists(atPath: path, isDirectory: &isDirectory)
                    && !isDirectory.boolValue && fileManager.isExecutableFile(atPath: path)
            }
        )
    }

    /// The directory that holds the flint-submit binary.
    public var executableDirectory: String { Path.parent(of: executablePath) }

    /// `path` made absolute against `currentDirectory`, without `.` components.
    public func absolutePath(_ path: String) -> String {
        Path.droppingDotComponents(path.hasPrefix("/") ? path : Path.join(currentDirectory, path))
    }

    private static func currentExecutablePath(currentDirectory: String) -> String {
        #if os(Linux)
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        #endif
        if let path = Bundle.main.executableURL?.resolvingSymlinksInPath().path {
            return path
        }
        let argumentZero = CommandLine.arguments.first ?? "flint-submit"
        return argumentZero.hasPrefix("/") ? argumentZero : Path.join(currentDirectory, argumentZero)
    }
}

/// Pure string operations on POSIX paths (no file-system access).
enum Path {
    /// `directory/name`, without doubling the separator.
    static func join(_ directory: String, _ name: String) -> String {
        directory.hasSuffix("/") ? directory + name : directory + "/" + name
    }

    /// `path` without its `.` components and repeated separators (`..` is kept: symbolic links make
    /// dropping it unsafe without the file system).
    static func droppingDotComponents(_ path: String) -> String {
        let components = path.split(separator: "/").filter { $0 != "." }
        let joined = components.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : (joined.isEmpty ? "." : joined)
    }

    /// The directory part of `path` ("/" for a top-level entry, "." for a bare name).
    static func parent(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1, trimmed.hasSuffix("/") { trimmed = trimmed.dropLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        return slash == trimmed.startIndex ? "/" : String(trimmed[..<slash])
    }
}

extension SubmitEnvironment {
    /// The name of the defaults file inside a configuration directory.
    public static let defaultsFileName = "flint-defaults.conf"

    /// Where the default properties file would be, whether or not it exists.
    ///
    /// `$FLINT_CONF_DIR/flint-defaults.conf` if `FLINT_CONF_DIR` is set, else
    /// `$FLINT_HOME/conf/flint-defaults.conf` if `FLINT_HOME` is set, else `conf/flint-defaults.conf`
    /// in the nearest directory at or above flint-submit's own directory that has a `conf/`
    /// subdirectory (for a build in `<repo>/.build/release`, that is `<repo>/conf`). Nil when none
    /// applies. Cost: one directory check per level walked up.
    public func defaultPropertiesFilePath() -> String? {
        if let confDirectory = variables["FLINT_CONF_DIR"], !confDirectory.isEmpty {
            return Path.join(absolutePath(confDirectory), Self.defaultsFileName)
        }
        if let home = variables["FLINT_HOME"], !home.isEmpty {
            return Path.join(Path.join(absolutePath(home), "conf"), Self.defaultsFileName)
        }
        var directory = executableDirectory
        while true {
            let confDirectory = Path.join(directory, "conf")
            if isDirectory(confDirectory) { return Path.join(confDirectory, Self.defaultsFileName) }
            let parent = Path.parent(of: directory)
            if parent == directory || parent == "." { return nil }
            directory = parent
        }
    }

    /// The directories of `PATH`, in order, without empty entries.
    public func pathDirectories() -> [String] {
        (variables["PATH"] ?? "").split(separator: ":").map(String.init)
    }

    /// The absolute path of the executable that `application` names.
    ///
    /// A name containing `/` is a path (relative ones against `currentDirectory`); a bare name such
    /// as `WordCount` is looked up in flint-submit's own directory, then in `pathDirectories()`, so the
    /// examples and jobs built by the same `swift build` as flint-submit are found first.
    /// Cost: one file check per directory.
    ///
    /// - Throws: `SubmitError.applicationNotExecutable` for a path that is not an executable file,
    ///   `SubmitError.applicationNotFound` (listing the directories searched) for a bare name.
    public func resolveApplication(_ application: String) throws -> String {
        if application.contains("/") {
            let path = absolutePath(application)
            guard isExecutableFile(path) else { throw SubmitError.applicationNotExecutable(path: path) }
            return path
        }
        let searchPath = pathDirectories()
        for directory in [executableDirectory] + searchPath {
            let candidate = Path.join(directory, application)
            if isExecutableFile(candidate) { return candidate }
        }
        let hint = isExecutableFile(absolutePath(application))
            ? "there is one in the current directory: run it as ./\(application)"
            : "if it is an executable of your package, build it first, in the same configuration "
                + "as flint-submit (e.g. swift build -c release)"
        throw SubmitError.applicationNotFound(name: application, submitDirectory: executableDirectory,
                                              pathDirectories: searchPath, hint: hint)
    }
}
