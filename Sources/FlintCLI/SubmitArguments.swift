import ArgumentParser
import FlintCore

/// The options that every Flint launcher (flint-submit, later flint-shell) accepts, as
/// spark-submit's. Embed them in a command with `@OptionGroup var options: LaunchOptions`.
public struct LaunchOptions: ParsableArguments {
    /// `--master`: where the job runs.
    @Option(help: ArgumentHelp("Where the job runs (flint.master).",
                               discussion: "One of: local, local[N], local[*], local[N,maxFailures], "
                                   + "local-cluster[workers,cores,memoryMB], flint://host:port.",
                               valueName: "master-url"))
    public var master: String?

    /// `--name`: the application name.
    @Option(help: ArgumentHelp("The application name (flint.app.name).", valueName: "name"))
    public var name: String?

    /// `--conf key=value`, repeatable, in command-line order.
    @Option(help: ArgumentHelp("Sets a configuration property; repeat for several.", valueName: "key=value"))
    public var conf: [String] = []

    /// `--properties-file`: the file of defaults to read instead of conf/flint-defaults.conf.
    @Option(help: ArgumentHelp(
        "File of default properties (default: $FLINT_CONF_DIR/flint-defaults.conf, else "
            + "$FLINT_HOME/conf/flint-defaults.conf, else conf/flint-defaults.conf above flint-submit).",
        valueName: "path"))
    public var propertiesFile: String?

    /// `--driver-memory`: memory of the driver, e.g. `2g`.
    @Option(help: ArgumentHelp("Memory of the driver, e.g. 2g (flint.driver.memory).", valueName: "size"))
    public var driverMemory: String?

    /// `--executor-memory`: memory of an executor, e.g. `1g`.
    @Option(help: ArgumentHelp("Memory of an executor, e.g. 1g (flint.executor.memory).", valueName: "size"))
    public var executorMemory: String?

    /// `--verbose` / `-v`: print the parsed arguments and the final properties on stderr.
    @Flag(name: [.long, .customShort("v")],
          help: "Print the parsed arguments, the properties file and the final properties on stderr.")
    public var verbose = false

    /// Creates empty options (all unset).
    public init() {}
}

/// The swift-argument-parser command behind flint-submit; only its parse result is used.
struct SubmitCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "flint-submit",
        abstract: "Runs a Flint application with the given master and configuration.",
        usage: "flint-submit [options] <application> [application arguments...]",
        discussion: SubmitHelp.discussion,
        version: "flint-submit \(FlintSubmit.version)"
    )

    @OptionGroup var options: LaunchOptions

    @Argument(parsing: .captureForPassthrough,
              help: ArgumentHelp("The application (a path, or the name of an executable next to flint-submit "
                                 + "or on PATH) and its arguments, passed on untouched.",
                                 valueName: "application"))
    var application: [String] = []
}

/// What the user asked flint-submit to do.
public enum SubmitRequest {
    /// Run an application.
    case submit(SubmitArguments)
    /// Print this text on stdout and exit successfully (`--help`, `--version`).
    case printMessage(String)
}

/// A parsed and validated flint-submit command line, before merging with the properties file.
public struct SubmitArguments {
    /// `--master`, if given.
    public var master: String?
    /// `--name`, if given.
    public var name: String?
    /// The `--conf` settings, in command-line order.
    public var conf: [(key: String, value: String)] = []
    /// `--properties-file`, if given.
    public var propertiesFile: String?
    /// `--driver-memory`, if given.
    public var driverMemory: String?
    /// `--executor-memory`, if given.
    public var executorMemory: String?
    /// Whether `--verbose` was given.
    public var verbose = false
    /// The application as typed: a path or a bare executable name.
    public var application: String
    /// Every argument after the application, untouched.
    public var applicationArguments: [String] = []

    /// Creates arguments that run `application` with nothing else set.
    public init(application: String, applicationArguments: [String] = []) {
        self.application = application
        self.applicationArguments = applicationArguments
    }

    /// Parses a flint-submit command line (`argv` without the program name).
    ///
    /// Options are read up to the first argument that is not a flint-submit option; that is the
    /// application, and everything after it is passed through, even text that looks like an option.
    /// A `--` before the application is dropped. Cost: linear in the number of arguments.
    ///
    /// - Throws: `SubmitError` for an unknown option before the application, a missing application,
    ///   a bad master URL, a `--conf` that is not `key=value`, or a memory size `ByteSize` rejects.
    public static func parse(_ argv: [String]) throws -> SubmitRequest {
        let command: SubmitCommand
        do {
            command = try SubmitCommand.parse(argv)
        } catch {
            if SubmitCommand.exitCode(for: error).isSuccess {
                return .printMessage(SubmitCommand.fullMessage(for: error))
            }
            throw SubmitError.invalidArguments(SubmitCommand.message(for: error))
        }
        var rest = command.application[...]
        // Passthrough capture keeps swift-argument-parser from seeing these itself.
        switch rest.first {
        case "--help", "-h", "-help": return .printMessage(SubmitCommand.helpMessage())
        case "--version": return .printMessage(SubmitCommand.configuration.version)
        case "--": rest = rest.dropFirst()
        default: break
        }
        guard let application = rest.first else { throw SubmitError.missingApplication }
        if application.hasPrefix("-"), application != "-" {
            throw SubmitError.unknownOption(String(application.prefix(while: { $0 != "=" })))
        }

        let options = command.options
        var arguments = SubmitArguments(application: application, applicationArguments: Array(rest.dropFirst()))
        arguments.master = options.master
        arguments.name = options.name
        arguments.conf = try options.conf.map(parseConf)
        arguments.propertiesFile = options.propertiesFile
        arguments.driverMemory = options.driverMemory
        arguments.executorMemory = options.executorMemory
        arguments.verbose = options.verbose
        for (key, value, option) in arguments.flagOrigins {
            try SettingValidation.validate(key: key, value: value, source: option)
        }
        return .submit(arguments)
    }

    /// The settings given by explicit flags, which override `--conf` and the properties file.
    public var flagSettings: [(key: String, value: String)] {
        flagOrigins.map { (key: $0.key, value: $0.value) }
    }

    /// Each explicit flag that was given, with the key it sets and the option's name.
    private var flagOrigins: [(key: String, value: String, option: String)] {
        let flags: [(ConfigEntry, String?, String)] = [
            (.master, master, "--master"),
            (.appName, name, "--name"),
            (.driverMemory, driverMemory, "--driver-memory"),
            (.executorMemory, executorMemory, "--executor-memory"),
        ]
        return flags.compactMap { entry, value, option in value.map { (entry.key, $0, option) } }
    }

    /// Splits one `--conf` argument at its first `=`.
    private static func parseConf(_ argument: String) throws -> (key: String, value: String) {
        guard let equals = argument.firstIndex(of: "=") else {
            throw SubmitError.malformedConf(argument, reason: "it has no '='")
        }
        let key = argument[..<equals]
        let value = argument[argument.index(after: equals)...]
        if key.isEmpty {
            throw SubmitError.malformedConf(argument, reason: "the key is empty")
        }
        if key.contains(where: { $0 == ":" || $0.isWhitespace }) {
            throw SubmitError.malformedConf(argument, reason: "the key contains ':' or whitespace")
        }
        if value.contains(where: \.isNewline) {
            throw SubmitError.malformedConf(argument, reason: "the value contains a line break")
        }
        return (key: String(key), value: String(value))
    }
}

/// Checks the values of the keys flint-submit understands, wherever they come from.
enum SettingValidation {
    /// Throws if `value` is not a valid value of `key`; `source` names the option or key in the error.
    static func validate(key: String, value: String, source: String) throws {
        switch key {
        case ConfigEntry.master.key:
            _ = try master(value)
        case ConfigEntry.driverMemory.key, ConfigEntry.executorMemory.key:
            guard ByteSize.parse(value) != nil else {
                throw SubmitError.invalidValue(source: source, value: value,
                                               expected: "a size such as 512m, 2g or 64k")
            }
        default:
            break
        }
    }

    /// The parsed master URL.
    /// - Throws: `SubmitError.invalidMaster` naming `text` when `Master.parse` rejects it.
    static func master(_ text: String) throws -> Master {
        do {
            return try Master.parse(text)
        } catch {
            throw SubmitError.invalidMaster(text)
        }
    }
}
