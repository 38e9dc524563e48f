import FlintCore

/// Why flint-submit refused to run an application.
///
/// Every case names the offending input and, where it helps, the accepted forms, so that the
/// message alone tells the user what to fix.
public enum SubmitError: Error, CustomStringConvertible, Equatable {
    /// The command line could not be parsed (missing option value, bad flag, ...); the text is
    /// swift-argument-parser's message.
    case invalidArguments(String)
    /// An option before the application that flint-submit does not know.
    case unknownOption(String)
    /// No application was given after the options.
    case missingApplication
    /// A master URL of a form Flint does not understand.
    case invalidMaster(String)
    /// A master URL that is valid but needs cluster mode, which flint-submit cannot launch yet.
    case clusterModeUnavailable(master: String)
    /// A `--conf` argument that is not of the form `key=value`; `reason` says what is wrong.
    case malformedConf(String, reason: String)
    /// A value that is not of the expected form; `source` is the option or key that held it.
    case invalidValue(source: String, value: String, expected: String)
    /// A properties file given with `--properties-file` that does not exist or cannot be read.
    case propertiesFileNotFound(path: String)
    /// A properties file with a malformed line.
    case malformedPropertiesFile(PropertiesFile.ParseError)
    /// A bare application name found neither in flint-submit's directory nor in those of `PATH`.
    case applicationNotFound(name: String, submitDirectory: String, pathDirectories: [String], hint: String?)
    /// An application path that does not exist, is a directory, or is not executable.
    case applicationNotExecutable(path: String)
    /// The operating system refused to start the application.
    case launchFailed(path: String, reason: String)

    public var description: String {
        switch self {
        case let .invalidArguments(message):
            return message
        case let .unknownOption(option):
            return "unknown option '\(option)'; flint-submit options come before the application "
                + "(run 'flint-submit --help' for the list)"
        case .missingApplication:
            return "no application given; usage: flint-submit [options] <application> [application arguments]"
        case let .invalidMaster(master):
            return FlintConfError.invalidMaster(master).description
        case let .clusterModeUnavailable(master):
            return "master '\(master)' needs cluster mode, which flint-submit does not launch yet "
                + "(it arrives with the cluster work); use local, local[N], local[*] or local[N,maxFailures]"
        case let .malformedConf(argument, reason):
            return "invalid --conf '\(argument)': \(reason); expected key=value, e.g. --conf flint.executor.memory=512m"
        case let .invalidValue(source, value, expected):
            return "invalid value '\(value)' for \(source): expected \(expected)"
        case let .propertiesFileNotFound(path):
            return "properties file '\(path)' (given with --properties-file) does not exist or cannot be read"
        case let .malformedPropertiesFile(error):
            return "malformed properties file: \(error)"
        case let .applicationNotFound(name, submitDirectory, pathDirectories, hint):
            let path = pathDirectories.isEmpty ? "PATH (empty)" : "PATH (\(pathDirectories.joined(separator: ":")))"
            return "application '\(name)' not found: looked for an executable named '\(name)' next to "
                + "flint-submit (in \(submitDirectory)) and on \(path)" + (hint.map { "; \($0)" } ?? "")
        case let .applicationNotExecutable(path):
            return "application '\(path)' does not exist or is not an executable file"
        case let .launchFailed(path, reason):
            return "cannot start application '\(path)': \(reason)"
        }
    }
}
