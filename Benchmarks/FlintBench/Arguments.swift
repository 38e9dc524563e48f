import Foundation

/// An error of flint-bench itself (bad arguments, missing data, malformed input), printed as one
/// line on stderr before the process exits with a non-zero status.
enum BenchError: Error, CustomStringConvertible {
    /// The command line is wrong; the text says what is expected.
    case usage(String)
    /// A data directory or file the command needs is missing; the text says how to create it.
    case missingData(String)
    /// A file could not be read or written.
    case io(path: String, reason: String)
    /// An input record could not be parsed.
    case malformed(file: String, record: String)

    var description: String {
        switch self {
        case let .usage(text): return text
        case let .missingData(text): return text
        case let .io(path, reason): return "\(path): \(reason)"
        case let .malformed(file, record): return "\(file): cannot parse the record \"\(record.prefix(120))\""
        }
    }
}

/// The arguments of one subcommand, parsed by hand: positionals, `--name value` (or
/// `--name=value`) options, which may repeat, and `--flag` switches.
struct Arguments {
    /// The arguments that are neither options nor their values, in order.
    private(set) var positionals: [String] = []
    private var values: [String: [String]] = [:]
    private var flags: Set<String> = []

    /// Parses `argv` (without the program and subcommand names).
    /// - Throws: `BenchError.usage` for an unknown option or an option without its value.
    init(_ argv: ArraySlice<String>, valueOptions: Set<String>, flagOptions: Set<String> = []) throws {
        var index = argv.startIndex
        while index < argv.endIndex {
            let argument = argv[index]
            index += 1
            guard argument.hasPrefix("--"), argument.count > 2 else {
                positionals.append(argument)
                continue
            }
            var name = String(argument.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if flagOptions.contains(name), inlineValue == nil {
                flags.insert(name)
            } else if valueOptions.contains(name) {
                if let inlineValue {
                    values[name, default: []].append(inlineValue)
                } else {
                    guard index < argv.endIndex else { throw BenchError.usage("--\(name) needs a value") }
                    values[name, default: []].append(argv[index])
                    index += 1
                }
            } else {
                let known = (valueOptions.union(flagOptions)).sorted().map { "--\($0)" }.joined(separator: ", ")
                throw BenchError.usage("unknown option --\(name) (known: \(known))")
            }
        }
    }

    /// The last value given for `--name`, if any.
    func value(_ name: String) -> String? { values[name]?.last }

    /// Every value given for `--name`, in order.
    func allValues(_ name: String) -> [String] { values[name] ?? [] }

    /// Whether the switch `--name` was given.
    func flag(_ name: String) -> Bool { flags.contains(name) }

    /// The value of `--name` as an integer, `defaultValue` when absent.
    /// - Throws: `BenchError.usage` when it is not an integer within `range`.
    func int(_ name: String, default defaultValue: Int, in range: ClosedRange<Int>) throws -> Int {
        guard let text = value(name) else { return defaultValue }
        guard let number = Int(text), range.contains(number) else {
            throw BenchError.usage("--\(name) must be an integer in \(range.lowerBound)...\(range.upperBound), got '\(text)'")
        }
        return number
    }

    /// Exactly one positional argument, named `what` in the error.
    /// - Throws: `BenchError.usage` when there is none or more than one.
    func singlePositional(_ what: String) throws -> String {
        guard positionals.count == 1 else {
            throw BenchError.usage(positionals.isEmpty ? "missing \(what)"
                                   : "expected one \(what), got \(positionals.joined(separator: " "))")
        }
        return positionals[0]
    }
}

/// Writes `text` and a newline to stderr.
func printError(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}
