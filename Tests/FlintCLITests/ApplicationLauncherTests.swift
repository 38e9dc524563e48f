import FlintCLI
import XCTest

final class ApplicationLauncherTests: XCTestCase {
    private func run(_ script: String, environment: [String: String] = [:]) throws -> Int32 {
        try ApplicationLauncher.run(path: "/bin/sh", arguments: ["-c", script], environment: environment)
    }

    func testReturnsTheExitStatus() throws {
        XCTAssertEqual(try run("exit 0"), 0)
        XCTAssertEqual(try run("exit 42"), 42)
    }

    func testSignalDeathIsReportedAs128PlusTheSignal() throws {
        XCTAssertEqual(try run("kill -KILL $$"), 128 + 9)
    }

    func testPassesArgumentsAndExactlyTheGivenEnvironment() throws {
        let script = #"[ "$1" = "--flag" ] && [ "$2" = "two words" ] && [ "$FLINT_X" = "a=b" ] && [ -z "$HOME" ]"#
        let status = try ApplicationLauncher.run(
            path: "/bin/sh", arguments: ["-c", script, "sh", "--flag", "two words"], environment: ["FLINT_X": "a=b"])
        XCTAssertEqual(status, 0)
    }

    func testForwardsTerminationSentToFlintSubmit() throws {
        // The child tells us it is ready by creating a file; then we send SIGTERM to ourselves.
        let ready = NSTemporaryDirectory() + "flint-launcher-\(getpid())"
        defer { unlink(ready) }
        let script = "trap 'exit 7' TERM; touch '\(ready)'; sleep 20 & wait"
        let sender = Thread {
            for _ in 0..<500 where access(ready, F_OK) != 0 { usleep(20_000) }
            if access(ready, F_OK) == 0 { kill(getpid(), SIGTERM) }
        }
        sender.start()
        XCTAssertEqual(try run(script), 7)
    }

    func testUnstartableApplicationIsALaunchError() {
        let launch = { try ApplicationLauncher.run(path: "/nonexistent/app", arguments: [], environment: [:]) }
        XCTAssertThrowsError(try launch()) { error in
            guard case let .launchFailed(path, _)? = error as? SubmitError else { return XCTFail("\(error)") }
            XCTAssertEqual(path, "/nonexistent/app")
        }
    }
}
