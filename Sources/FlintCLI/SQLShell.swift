import ArgumentParser
import FlintCore
import FlintSQL
import Foundation

/// flint-sql, as spark-sql: runs SQL from `-e`, from `-f` files, or typed at a prompt, over
/// files registered as views with `--view name=path[:format]`, and prints results as an aligned
/// table, CSV or JSON lines.
public struct SQLShell: ParsableCommand {
    /// The command's name, help and version.
    public static let configuration = CommandConfiguration(
        commandName: "flint-sql",
        abstract: "Runs SQL queries over files with Flint, as spark-sql.",
        discussion: """
            Examples:
              flint-sql --view sales=data/sales.csv -e "SELECT region, sum(units) FROM sales GROUP BY region"
              flint-sql --view people=people.csv:csv -f report.sql --output-format json
              flint-sql --view logs=/var/log/app/*.txt          (interactive; end statements with ';')
            CSV views are read with a header and inferred types.
            """,
        version: "flint-sql \(FlintSubmit.version)")

    /// `--master`, `--conf`, `--name`, memory options, as flint-submit.
    @OptionGroup public var options: LaunchOptions

    /// `-e`: the SQL to run.
    @Option(name: .customShort("e"), help: ArgumentHelp("SQL statements to run (separated by ';').", valueName: "sql"))
    public var execute: String?

    /// `-f`: a file of SQL statements.
    @Option(name: .customShort("f"), help: ArgumentHelp("A file of SQL statements to run.", valueName: "path"))
    public var file: String?

    /// `--view name=path[:format]`, repeatable.
    @Option(help: ArgumentHelp("Registers a file as a view; format from the extension (csv, json, txt) or after ':'.",
                               valueName: "name=path[:format]"))
    public var view: [String] = []

    /// `--output-format`.
    @Option(help: ArgumentHelp("How results are printed: table, csv or json.", valueName: "format"))
    public var outputFormat: String = "table"

    /// An unparsed command (swift-argument-parser fills it).
    public init() {}

    /// Rejects an unknown output format and giving both `-e` and `-f`.
    public func validate() throws {
        guard ["table", "csv", "json"].contains(outputFormat.lowercased()) else {
            throw ValidationError("--output-format must be table, csv or json, got '\(outputFormat)'")
        }
        if execute != nil, file != nil { throw ValidationError("give either -e or -f, not both") }
    }

    /// Starts a session, registers the views, and runs `-e`, `-f` or the prompt.
    public func run() throws {
        let session = FlintSession(context: try FlintContext(conf: try configuration()))
        defer { session.stop() }
        for definition in view { try register(definition, in: session) }
        let output = SQLOutput(format: outputFormat.lowercased())
        if let execute {
            try runScript(execute, session: session, output: output)
        } else if let file {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ValidationError("cannot read the SQL file \(file)")
            }
            try runScript(text, session: session, output: output)
        } else {
            SQLPrompt(session: session, output: output).run()
        }
    }

    /// The configuration: defaults, then `--conf`, then the explicit options.
    func configuration() throws -> FlintConf {
        let conf = FlintConf().setAppName(options.name ?? "flint-sql").set("flint.ui.showConsoleProgress", "false")
        for pair in options.conf {
            guard let equals = pair.firstIndex(of: "="), equals != pair.startIndex else {
                throw ValidationError("--conf needs key=value, got '\(pair)'")
            }
            conf.set(String(pair[..<equals]), String(pair[pair.index(after: equals)...]))
        }
        if let master = options.master { conf.setMaster(master) }
        if let memory = options.driverMemory { conf.set(ConfigEntry.driverMemory.key, memory) }
        if let memory = options.executorMemory { conf.set(ConfigEntry.executorMemory.key, memory) }
        return conf
    }

    /// Registers `name=path[:format]` as a temporary view.
    func register(_ definition: String, in session: FlintSession) throws {
        guard let equals = definition.firstIndex(of: "="), equals != definition.startIndex else {
            throw ValidationError("--view needs name=path[:format], got '\(definition)'")
        }
        let name = String(definition[..<equals])
        var path = String(definition[definition.index(after: equals)...])
        var format = (path as NSString).pathExtension.lowercased()
        if let colon = path.lastIndex(of: ":"), ["csv", "json", "text", "txt"].contains(path[path.index(after: colon)...].lowercased()) {
            format = path[path.index(after: colon)...].lowercased()
            path = String(path[..<colon])
        }
        let frame: DataFrame
        switch format {
        case "csv": frame = try session.read.option("header", true).option("inferSchema", true).csv(path)
        case "json", "jsonl": frame = try session.read.json(path)
        case "txt", "text", "log": frame = try session.read.text(path)
        default: throw ValidationError("cannot tell the format of \(path); add :csv, :json or :text")
        }
        frame.createOrReplaceTempView(name)
    }

    func runScript(_ text: String, session: FlintSession, output: SQLOutput) throws {
        for statement in try SQLParser.parseStatements(text) {
            print(try output.render(statement, in: session), terminator: "")
        }
    }
}

/// Prints query results as an aligned table, CSV or JSON lines.
struct SQLOutput {
    let format: String

    /// Runs `statement` and renders its result. In table format, EXPLAIN prints its plan as
    /// plain text, as spark-sql does, not inside a one-cell table.
    func render(_ statement: SQLStatement, in session: FlintSession) throws -> String {
        let frame = try session.execute(statement)
        if case .explain = statement, format == "table", case let .string(plan)? = try frame.first()?.values.first {
            return plan.hasSuffix("\n") ? plan : plan + "\n"
        }
        return try render(frame)
    }

    func render(_ frame: DataFrame) throws -> String {
        let rows = try frame.collect()
        let columns = frame.columns
        guard !columns.isEmpty else { return "" }
        switch format {
        case "csv":
            let quote = { (text: String) in text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : text }
            return ([columns.map(quote).joined(separator: ",")]
                    + rows.map { $0.values.map { $0.isNull ? "" : quote($0.description) }.joined(separator: ",") })
                .joined(separator: "\n") + "\n"
        case "json":
            let types = frame.schema.fields.map(\.dataType)
            return rows.map { row in
                JSONText.object(zip(zip(columns, row.values), types).map { ($0.0, $0.1, $1) }) + "\n"
            }.joined()
        default:
            return try frame.showString(Int.max - 1, truncate: false)
        }
    }
}

/// The interactive prompt: reads lines (with line editing and history in
/// `~/.flint_sql_history` on a terminal) until a statement ends with ';', runs it, prints the
/// result or the error, and goes on; `quit;` / `exit;` or end of input stops.
struct SQLPrompt {
    let session: FlintSession
    let output: SQLOutput

    func run() {
        let editor = LineEditor(historyFile: LineEditor.homeFile(".flint_sql_history"))
        var buffer = ""
        while true {
            guard let line = editor.readLine(prompt: buffer.isEmpty ? "flint-sql> " : "         > ") else { break }
            buffer += line + "\n"
            guard line.trimmingCharacters(in: .whitespaces).hasSuffix(";") else { continue }
            let text = buffer.trimmingCharacters(in: .whitespacesAndNewlines)
            buffer = ""
            if ["quit;", "exit;"].contains(text.lowercased()) { return }
            do {
                for statement in try SQLParser.parseStatements(text) {
                    print(try output.render(statement, in: session), terminator: "")
                }
            } catch {
                print("Error: \(error)")
            }
        }
    }
}
