import FlintCLI
import FlintCore
import XCTest

final class SubmitPlanTests: XCTestCase {
    private let defaultsPath = "/opt/flint/conf/flint-defaults.conf"

    private func plan(_ argv: [String], world: FakeWorld = FakeWorld()) throws -> SubmitPlan {
        guard case let .submit(arguments) = try SubmitArguments.parse(argv) else {
            throw SubmitError.missingApplication
        }
        return try SubmitPlan(arguments: arguments, environment: world.environment)
    }

    private func properties(_ plan: SubmitPlan) -> [String: String] {
        Dictionary(uniqueKeysWithValues: plan.properties.map { ($0.key, $0.value) })
    }

    /// A world whose flint-submit has /opt/flint/conf above it, holding `defaults`.
    private func worldWithDefaults(_ defaults: String) -> FakeWorld {
        var world = FakeWorld()
        world.directories = ["/opt/flint/conf"]
        world.files = [defaultsPath: defaults]
        return world
    }

    func testPrecedenceIsFileThenConfThenFlags() throws {
        let world = worldWithDefaults("""
            flint.master local[1]
            flint.app.name = FromFile
            flint.executor.memory: 1g
            flint.x file
            """)
        let result = try plan(["--conf", "flint.master=local[3]", "--conf", "flint.x=conf", "--conf", "flint.y=conf",
                               "--conf", "flint.app.name=FromConf", "--master", "local[4]", "WordCount"], world: world)
        XCTAssertEqual(result.propertiesFile, defaultsPath)
        XCTAssertEqual(properties(result), [
            "flint.master": "local[4]", "flint.app.name": "FromConf", "flint.executor.memory": "1g",
            "flint.x": "conf", "flint.y": "conf",
        ])
        XCTAssertEqual(result.properties.map(\.key), result.properties.map(\.key).sorted())
    }

    func testLaterConfWinsOverEarlierConf() throws {
        let result = try plan(["--conf", "flint.a=1", "--conf", "flint.a=2", "WordCount"])
        XCTAssertEqual(properties(result), ["flint.a": "2"])
    }

    func testNonFlintKeysAreIgnoredWithAWarning() throws {
        let result = try plan(["--conf", "other.key=1", "WordCount"], world: worldWithDefaults("spark.master local\n"))
        XCTAssertTrue(result.properties.isEmpty)
        XCTAssertEqual(result.warnings.count, 2)
        XCTAssertTrue(result.warnings[0].contains("spark.master=local"), result.warnings[0])
        XCTAssertTrue(result.warnings[1].contains("other.key=1"), result.warnings[1])
    }

    func testPropertiesReachTheApplicationThroughTheEnvironment() throws {
        let result = try plan(["--master", "local[2]", "--conf", "flint.a=x y", "WordCount"])
        let environment = result.applicationEnvironment(base: ["HOME": "/home/user"])
        XCTAssertEqual(environment["HOME"], "/home/user")
        let text = try XCTUnwrap(environment[FlintConf.submitEnvironmentKey])
        let parsed = try PropertiesFile.parse(text)
        XCTAssertEqual(parsed.map(\.key), ["flint.a", "flint.master"])
        XCTAssertEqual(parsed.map(\.value), ["x y", "local[2]"])
    }

    func testFlintConfReadsTheSubmittedPropertiesAndCodeWins() throws {
        let result = try plan(["--master", "local[2]", "--name", "Submitted", "WordCount"])
        setenv(FlintConf.submitEnvironmentKey, result.renderedProperties, 1)
        defer { unsetenv(FlintConf.submitEnvironmentKey) }
        let conf = FlintConf(loadDefaults: true).setAppName("InCode")
        XCTAssertEqual(conf.get("flint.master"), "local[2]")
        XCTAssertEqual(conf.get("flint.app.name"), "InCode")
    }

    func testMissingExplicitPropertiesFileIsAnError() {
        XCTAssertThrowsError(try plan(["--properties-file", "my.conf", "WordCount"])) { error in
            XCTAssertEqual(error as? SubmitError, .propertiesFileNotFound(path: "my.conf"))
            XCTAssertTrue("\(error)".contains("'my.conf'"))
        }
    }

    func testExplicitPropertiesFileIsReadRelativeToTheCurrentDirectory() throws {
        var world = worldWithDefaults("flint.a default")
        world.files["/home/user/my.conf"] = "flint.a mine"
        let result = try plan(["--properties-file", "./my.conf", "WordCount"], world: world)
        XCTAssertEqual(result.propertiesFile, "/home/user/my.conf")
        XCTAssertEqual(properties(result), ["flint.a": "mine"])
    }

    func testMissingDefaultPropertiesFileIsFine() throws {
        var world = FakeWorld()
        world.directories = ["/opt/flint/conf"]
        let result = try plan(["WordCount"], world: world)
        XCTAssertNil(result.propertiesFile)
        XCTAssertTrue(result.properties.isEmpty)
    }

    func testDefaultPropertiesFileLocation() {
        var world = FakeWorld()
        XCTAssertNil(world.environment.defaultPropertiesFilePath())
        world.directories = ["/opt/flint/conf"]
        XCTAssertEqual(world.environment.defaultPropertiesFilePath(), defaultsPath)
        world.variables["FLINT_HOME"] = "/srv/flint"
        XCTAssertEqual(world.environment.defaultPropertiesFilePath(), "/srv/flint/conf/flint-defaults.conf")
        world.variables["FLINT_CONF_DIR"] = "etc"
        XCTAssertEqual(world.environment.defaultPropertiesFilePath(), "/home/user/etc/flint-defaults.conf")
    }

    func testMalformedPropertiesFileNamesFileAndLine() {
        XCTAssertThrowsError(try plan(["WordCount"], world: worldWithDefaults("# ok\nflint.a 1\nbroken\n"))) { error in
            XCTAssertTrue("\(error)".contains("\(defaultsPath):3"), "\(error)")
        }
    }

    func testInvalidValuesFromTheFileOrConfAreErrors() {
        XCTAssertThrowsError(try plan(["WordCount"], world: worldWithDefaults("flint.driver.memory 2x"))) { error in
            XCTAssertTrue("\(error)".contains("flint.driver.memory (from \(defaultsPath))"), "\(error)")
        }
        XCTAssertThrowsError(try plan(["--conf", "flint.master=mesos://x", "WordCount"])) { error in
            XCTAssertEqual(error as? SubmitError, .invalidMaster("mesos://x"))
        }
    }

    func testClusterMastersAreParsedButNotLaunchedYet() {
        for master in ["local-cluster[2,1,1024]", "flint://localhost:7077"] {
            XCTAssertThrowsError(try plan(["--master", master, "WordCount"])) { error in
                XCTAssertEqual(error as? SubmitError, .clusterModeUnavailable(master: master))
                XCTAssertTrue("\(error)".contains("cluster"))
            }
        }
    }

    func testBareApplicationNameIsFoundNextToFlintSubmitThenOnPath() throws {
        var world = FakeWorld()
        world.executables.insert("/usr/bin/WordCount")
        world.executables.insert("/usr/bin/MyJob")
        XCTAssertEqual(try plan(["WordCount"], world: world).applicationPath, FakeWorld.submitDirectory + "/WordCount")
        XCTAssertEqual(try plan(["MyJob"], world: world).applicationPath, "/usr/bin/MyJob")
    }

    func testApplicationPathIsResolvedAgainstTheCurrentDirectory() throws {
        var world = FakeWorld()
        world.executables.insert("/home/user/bin/job")
        XCTAssertEqual(try plan(["./bin/job", "a"], world: world).applicationPath, "/home/user/bin/job")
        XCTAssertEqual(try plan(["/home/user/bin/job"], world: world).applicationPath, "/home/user/bin/job")
        XCTAssertThrowsError(try plan(["bin/missing"], world: world)) { error in
            XCTAssertEqual(error as? SubmitError, .applicationNotExecutable(path: "/home/user/bin/missing"))
        }
    }

    func testUnknownApplicationErrorSaysWhereItLooked() {
        var world = FakeWorld()
        world.executables.insert("/home/user/Local")
        XCTAssertThrowsError(try plan(["Local"], world: world)) { error in
            let text = "\(error)"
            for part in ["'Local'", FakeWorld.submitDirectory, "/usr/local/bin:/usr/bin", "./Local"] {
                XCTAssertTrue(text.contains(part), "\(part) missing from: \(text)")
            }
            XCTAssertEqual((error as? SubmitError)?.exitStatus, 127)
        }
    }

    func testVerboseOutputShowsArgumentsFileAndProperties() throws {
        var world = worldWithDefaults("flint.b 2")
        world.executables.insert("/bin/true")
        var errors = ""
        let status = FlintSubmit.main(arguments: ["-v", "--conf", "flint.a=1", "/bin/true", "x", "--y"],
                                      environment: world.environment,
                                      standardOutput: { _ in }, standardError: { errors += $0 })
        XCTAssertEqual(status, 0)
        for part in ["Using properties file: \(defaultsPath)", "Parsed arguments:", "(flint.a,1)", "(flint.b,2)",
                     "applicationArguments    [x, --y]", "Application:\n  /bin/true"] {
            XCTAssertTrue(errors.contains(part), "\(part) missing from:\n\(errors)")
        }
    }

    func testMainReportsErrorsAndHelp() {
        var output = "", errors = ""
        XCTAssertEqual(FlintSubmit.main(arguments: ["--help"], environment: FakeWorld().environment,
                                        standardOutput: { output += $0 }, standardError: { errors += $0 }), 0)
        XCTAssertTrue(output.contains("USAGE"))
        XCTAssertEqual(FlintSubmit.main(arguments: ["--bogus", "WordCount"], environment: FakeWorld().environment,
                                        standardOutput: { output += $0 }, standardError: { errors += $0 }), 2)
        XCTAssertTrue(errors.contains("flint-submit: error: unknown option '--bogus'"), errors)
    }
}
