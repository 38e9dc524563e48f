import Foundation
import XCTest

/// flint-sql as a user runs it: the binary built beside the tests, over Examples/data/people.csv.
final class SQLShellTests: XCTestCase {
    private var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("flint-sql")
    }

    private var people: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/data/people.csv").path
    }

    private func run(_ arguments: [String], input: String? = nil) throws -> (status: Int32, stdout: String, stderr: String) {
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("flint-sql is not built next to the tests (\(binary.path))")
        }
        let process = Process()
        process.executableURL = binary
        process.arguments = ["--master", "local[2]"] + arguments
        let out = Pipe(), err = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = stdin
        try process.run()
        if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
        try stdin.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: stdout, as: UTF8.self), String(decoding: stderr, as: UTF8.self))
    }

    func testQueryOverACSVViewAsATable() throws {
        let result = try run(["--view", "people=\(people)", "-e",
                              "SELECT dept, count(*) AS n FROM people WHERE dept IS NOT NULL GROUP BY dept ORDER BY dept"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, """
            +-----+---+
            |dept |n  |
            +-----+---+
            |eng  |2  |
            |sales|2  |
            +-----+---+

            """)
    }

    func testExplainPrintsThePlanAsPlainText() throws {
        let result = try run(["--view", "people=\(people)", "-e", "EXPLAIN SELECT dept, count(*) FROM people GROUP BY dept"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("== Physical Plan ==\n"), result.stdout)
        XCTAssertTrue(result.stdout.contains("HashAggregate(keys=[dept#"), result.stdout)
        XCTAssertFalse(result.stdout.contains("+---"), "no table borders: \(result.stdout)")
    }

    func testCSVAndJSONOutputAndScripts() throws {
        let csv = try run(["--view", "p=\(people):csv", "--output-format", "csv", "-e", "SELECT name, salary FROM p WHERE age < 35 ORDER BY name"])
        XCTAssertEqual(csv.stdout, "name,salary\nAlice,120.5\nCarol,90.0\n", csv.stderr)
        let script = FileManager.default.temporaryDirectory.appendingPathComponent("flint-sql-\(UUID().uuidString).sql")
        try Data("CREATE TEMP VIEW old AS SELECT * FROM p WHERE age > 40;\nSELECT name FROM old ORDER BY name;".utf8).write(to: script)
        defer { try? FileManager.default.removeItem(at: script) }
        let json = try run(["--view", "p=\(people)", "--output-format", "json", "-f", script.path])
        XCTAssertEqual(json.stdout, "{\"name\":\"Bob\"}\n{\"name\":\"Dan\"}\n", json.stderr)
    }

    func testPromptRunsStatementsAndReportsErrors() throws {
        let result = try run(["--view", "p=\(people)"], input: "SELECT count(*)\nFROM p;\nSELEC 1;\nquit;\n")
        XCTAssertTrue(result.stdout.contains("|5       |"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Error: [PARSE_SYNTAX_ERROR]"), result.stdout)
    }

    /// On a terminal (given by `script`), the prompt edits lines with libedit and keeps them in
    /// `~/.flint_sql_history`.
    func testPromptOnATerminalKeepsHistory() throws {
        let script = URL(fileURLWithPath: "/usr/bin/script")
        guard FileManager.default.isExecutableFile(atPath: script.path),
              FileManager.default.isExecutableFile(atPath: binary.path) else {
            throw XCTSkip("needs util-linux's script and the flint-sql binary")
        }
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("flint-home-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: home) }
        let process = Process()
        process.executableURL = script
        process.arguments = ["-qfc", "\(binary.path) --master local[1] --conf flint.ui.showConsoleProgress=false", "/dev/null"]
        process.environment = ProcessInfo.processInfo.environment.merging(["HOME": home.path]) { $1 }
        let out = Pipe(), stdin = Pipe()
        process.standardOutput = out
        process.standardInput = stdin
        try process.run()
        stdin.fileHandleForWriting.write(Data("SELECT 40 + 2 AS answer;\n".utf8))
        // Wait for the answer before quitting: a terminal's input is read line by line.
        var seen = Data()
        let deadline = Date().addingTimeInterval(60)
        while !String(decoding: seen, as: UTF8.self).contains("|42    |"), Date() < deadline {
            seen.append(out.fileHandleForReading.availableData)
        }
        stdin.fileHandleForWriting.write(Data("quit;\n".utf8))
        try stdin.fileHandleForWriting.close()
        seen.append(out.fileHandleForReading.readDataToEndOfFile())
        process.waitUntilExit()
        XCTAssertTrue(String(decoding: seen, as: UTF8.self).contains("|42    |"), String(decoding: seen, as: UTF8.self))
        let history = try String(contentsOf: home.appendingPathComponent(".flint_sql_history"), encoding: .utf8)
        XCTAssertTrue(history.contains("SELECT\\04040\\040+\\0402\\040AS\\040answer;"), history)
        XCTAssertTrue(history.contains("quit;"), history)
    }

    func testBadArgumentsAreClearErrors() throws {
        let format = try run(["--output-format", "xml", "-e", "SELECT 1"])
        XCTAssertNotEqual(format.status, 0)
        XCTAssertTrue(format.stderr.contains("--output-format must be table, csv or json"), format.stderr)
        let view = try run(["--view", "broken", "-e", "SELECT 1"])
        XCTAssertTrue(view.stderr.contains("--view needs name=path"), view.stderr)
        let missing = try run(["--view", "x=/nonexistent/file.csv", "-e", "SELECT 1"])
        XCTAssertNotEqual(missing.status, 0)
        XCTAssertTrue(missing.stderr.contains("/nonexistent/file.csv"), missing.stderr)
    }
}
