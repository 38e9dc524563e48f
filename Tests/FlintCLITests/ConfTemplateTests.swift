import FlintCore
import XCTest

/// Keeps conf/flint-defaults.conf.template in step with `ConfigEntry.all`.
final class ConfTemplateTests: XCTestCase {
    /// The repository root: this file is <root>/Tests/FlintCLITests/ConfTemplateTests.swift.
    private var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    private func templateLines() throws -> [String] {
        let url = repositoryRoot.appendingPathComponent("conf/flint-defaults.conf.template")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }

    func testTemplateDocumentsEveryKeyWithItsDefault() throws {
        let lines = try templateLines()
        for entry in ConfigEntry.all {
            let keyLine = lines.firstIndex { $0.hasPrefix("# \(entry.key) ") }
            guard let keyLine else {
                XCTFail("conf/flint-defaults.conf.template lacks a '# \(entry.key)  <default>' line")
                continue
            }
            XCTAssertEqual(lines[keyLine - 1], "# \(entry.doc)", "doc line above \(entry.key)")
            if let defaultValue = entry.defaultValue {
                XCTAssertEqual(lines[keyLine], "# \(entry.key)  \(defaultValue)")
            }
        }
    }

    func testUncommentedTemplateIsAValidPropertiesFile() throws {
        let settings = try templateLines().filter { $0.hasPrefix("# flint.") }.map { String($0.dropFirst(2)) }
        let parsed = try PropertiesFile.parse(settings.joined(separator: "\n"))
        XCTAssertEqual(Set(parsed.map(\.key)), Set(ConfigEntry.all.map(\.key)))
    }
}
