import FlintCore

/// The texts flint-submit shows: the help discussion and the `--verbose` report.
enum SubmitHelp {
    /// The discussion under `flint-submit --help`: precedence and every key of `ConfigEntry.all`.
    static var discussion: String {
        let width = (ConfigEntry.all.map(\.key.count).max() ?? 0) + 2
        let keys = ConfigEntry.all.map { entry in
            "  " + entry.key.padding(toLength: width, withPad: " ", startingAt: 0)
                + (entry.defaultValue ?? "(computed)")
        }
        return """
            Everything after the application is passed to it untouched, even arguments that look \
            like options. A bare application name (e.g. WordCount) is looked up next to flint-submit, \
            then on PATH.

            Precedence of settings, highest first: values set in the application's code, the \
            explicit options (--master, --name, --driver-memory, --executor-memory), --conf, the \
            properties file, then each key's default. Keys that do not start with 'flint.' are ignored.

            Configuration keys and their defaults (conf/flint-defaults.conf.template says what each does):

            """ + keys.joined(separator: "\n")
    }

    /// The `--verbose` report of a plan, in the manner of spark-submit's. Cost: linear in its size.
    static func verboseReport(for plan: SubmitPlan) -> String {
        let arguments = plan.arguments
        let file = plan.propertiesFile ?? "none"
        let parsed: [(String, String)] = [
            ("master", arguments.master ?? "(not set)"),
            ("name", arguments.name ?? "(not set)"),
            ("propertiesFile", arguments.propertiesFile ?? "(default)"),
            ("driverMemory", arguments.driverMemory ?? "(not set)"),
            ("executorMemory", arguments.executorMemory ?? "(not set)"),
            ("conf", "[" + arguments.conf.map { "\($0.key)=\($0.value)" }.joined(separator: ", ") + "]"),
            ("verbose", String(arguments.verbose)),
            ("application", arguments.application),
            ("applicationArguments", "[" + arguments.applicationArguments.joined(separator: ", ") + "]"),
        ]
        var lines = ["Using properties file: \(file)", "Parsed arguments:"]
        lines += parsed.map { name, value in "  " + name.padding(toLength: 24, withPad: " ", startingAt: 0) + value }
        lines += ["", "Flint properties used, including those specified through",
                  " --conf and those from the properties file \(file):"]
        lines += plan.properties.map { "  (\($0.key),\($0.value))" }
        lines += ["", "Application:", "  \(plan.applicationPath)", "Arguments:"]
        lines += arguments.applicationArguments.map { "  \($0)" }
        return lines.joined(separator: "\n") + "\n"
    }
}
