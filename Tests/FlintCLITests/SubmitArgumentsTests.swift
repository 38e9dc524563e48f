import FlintCLI
import FlintCore
import XCTest

final class SubmitArgumentsTests: XCTestCase {
    private func parse(_ argv: [String], file: StaticString = #filePath, line: UInt = #line) throws -> SubmitArguments {
        guard case let .submit(arguments) = try SubmitArguments.parse(argv) else {
            XCTFail("expected a submission for \(argv)", file: file, line: line)
            throw SubmitError.missingApplication
        }
        return arguments
    }

    private func assertThrows(_ expected: SubmitError, _ body: () throws -> Any,
                              file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertThrowsError(try body(), file: file, line: line) { error in
            XCTAssertEqual(error as? SubmitError, expected, file: file, line: line)
        }
    }

    private func message(_ argv: [String]) throws -> String? {
        guard case let .printMessage(text) = try SubmitArguments.parse(argv) else { return nil }
        return text
    }

    func testApplicationArgumentsArePassedThroughEvenWhenTheyLookLikeOptions() throws {
        let arguments = try parse(["--master", "local[2]", "WordCount", "in.txt", "--output", "out",
                                   "--master", "local", "--conf", "x", "-v", "--help", "--"])
        XCTAssertEqual(arguments.master, "local[2]")
        XCTAssertEqual(arguments.application, "WordCount")
        XCTAssertEqual(arguments.applicationArguments,
                       ["in.txt", "--output", "out", "--master", "local", "--conf", "x", "-v", "--help", "--"])
        XCTAssertTrue(arguments.conf.isEmpty)
        XCTAssertFalse(arguments.verbose)
    }

    func testDoubleDashBeforeTheApplicationIsDropped() throws {
        let arguments = try parse(["--verbose", "--", "./job", "--name", "x"])
        XCTAssertTrue(arguments.verbose)
        XCTAssertEqual(arguments.application, "./job")
        XCTAssertEqual(arguments.applicationArguments, ["--name", "x"])
        XCTAssertNil(arguments.name)
    }

    func testConfIsRepeatableAndKeepsOrderAndSplitsAtFirstEquals() throws {
        let arguments = try parse(["--conf", "flint.a=1", "--conf=flint.b=x=y", "--conf", "flint.a=2", "App"])
        XCTAssertEqual(arguments.conf.map(\.key), ["flint.a", "flint.b", "flint.a"])
        XCTAssertEqual(arguments.conf.map(\.value), ["1", "x=y", "2"])
    }

    func testExplicitFlagsMapToTheirKeys() throws {
        let arguments = try parse(["--master", "local[*]", "--name", "Job", "--driver-memory", "2g",
                                   "--executor-memory", "512m", "App"])
        let settings = Dictionary(uniqueKeysWithValues: arguments.flagSettings.map { ($0.key, $0.value) })
        XCTAssertEqual(settings, ["flint.master": "local[*]", "flint.app.name": "Job",
                                  "flint.driver.memory": "2g", "flint.executor.memory": "512m"])
    }

    func testBadMasterIsAnErrorNamingItAndTheAcceptedForms() {
        for master in ["yarn", "local[0]", "local[x]", "local[2,]", "local[1,2,3]", "local-cluster[2,1]",
                       "local-cluster[0,1,1]", "flint://host", "flint://:7077", "flint://host:0", "Local"] {
            assertThrows(.invalidMaster(master)) { try self.parse(["--master", master, "App"]) }
        }
        let text = SubmitError.invalidMaster("yarn").description
        for form in ["'yarn'", "local[N]", "local[*]", "flint://host:port"] {
            XCTAssertTrue(text.contains(form), text)
        }
    }

    func testEveryMasterFormIsAcceptedByTheParser() throws {
        for master in ["local", "local[4]", "local[*]", "local[2,3]", "local[*,2]", "local-cluster[2,1,1024]",
                       "flint://node-1:7077"] {
            XCTAssertEqual(try parse(["--master", master, "App"]).master, master)
        }
    }

    func testBadConfIsAnErrorNamingIt() {
        assertThrows(.malformedConf("flint.x", reason: "it has no '='")) {
            try self.parse(["--conf", "flint.x", "App"])
        }
        assertThrows(.malformedConf("=1", reason: "the key is empty")) { try self.parse(["--conf", "=1", "App"]) }
        let text = SubmitError.malformedConf("flint.x", reason: "it has no '='").description
        XCTAssertTrue(text.contains("'flint.x'"), text)
    }

    func testBadMemoryIsAnErrorNamingTheOption() {
        let expected = "a size such as 512m, 2g or 64k"
        assertThrows(.invalidValue(source: "--driver-memory", value: "2x", expected: expected)) {
            try self.parse(["--driver-memory", "2x", "App"])
        }
        assertThrows(.invalidValue(source: "--executor-memory", value: "lots", expected: expected)) {
            try self.parse(["--executor-memory", "lots", "App"])
        }
    }

    func testUnknownOptionBeforeTheApplicationIsAnErrorNamingIt() {
        assertThrows(.unknownOption("--bogus")) { try self.parse(["--bogus", "App"]) }
        assertThrows(.unknownOption("--deploy-mode")) { try self.parse(["--deploy-mode=cluster", "App"]) }
        XCTAssertTrue(SubmitError.unknownOption("--bogus").description.contains("'--bogus'"))
    }

    func testMissingApplicationAndMissingOptionValue() {
        assertThrows(.missingApplication) { try self.parse([]) }
        assertThrows(.missingApplication) { try self.parse(["--master", "local"]) }
        XCTAssertThrowsError(try parse(["--master"])) { error in
            guard case let .invalidArguments(text)? = error as? SubmitError else {
                return XCTFail("unexpected \(error)")
            }
            XCTAssertTrue(text.contains("--master"), text)
        }
    }

    func testHelpListsOptionsAndEveryConfigurationKey() throws {
        for argv in [["--help"], ["-h"], ["--master", "local", "--help"]] {
            let text = try XCTUnwrap(try message(argv), "\(argv)")
            for word in ["USAGE", "--master", "--conf", "--properties-file", "--driver-memory",
                         "--executor-memory", "--verbose", "--name"] {
                XCTAssertTrue(text.contains(word), "\(word) missing from help")
            }
            for entry in ConfigEntry.all { XCTAssertTrue(text.contains(entry.key), "\(entry.key) missing") }
        }
    }

    func testVersion() throws {
        XCTAssertEqual(try message(["--version"]), "flint-submit \(FlintSubmit.version)")
    }
}
