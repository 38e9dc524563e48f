import Foundation
import XCTest
@testable import FlintCore

final class ContextTests: XCTestCase {
    func testMasterURLs() throws {
        XCTAssertEqual(try Master.parse("local"), .local(threads: 1, maxFailures: nil))
        XCTAssertEqual(try Master.parse("local[3]"), .local(threads: 3, maxFailures: nil))
        XCTAssertEqual(try Master.parse("local[2,5]"), .local(threads: 2, maxFailures: 5))
        XCTAssertEqual(try Master.parse("local[*]"), .local(threads: ProcessInfo.processInfo.activeProcessorCount,
                                                            maxFailures: nil))
        XCTAssertEqual(try Master.parse("local-cluster[2,1,1024]"), .localCluster(workers: 2, coresPerWorker: 1, memoryMiB: 1024))
        XCTAssertEqual(try Master.parse("flint://host:7077"), .standalone(host: "host", port: 7077))
        for bad in ["lokal", "local[0]", "local[x]", "local[2", "flint://host", "spark://h:1", "local[1,0]"] {
            XCTAssertThrowsError(try Master.parse(bad), bad) { error in
                XCTAssertTrue("\(error)".contains("invalid master URL '\(bad)'"), "\(error)")
            }
        }
    }

    func testBadMasterFailsContextCreation() {
        XCTAssertThrowsError(try FlintContext(master: "local[-1]", appName: "x")) { error in
            XCTAssertTrue("\(error)".contains("local[-1]"), "\(error)")
        }
        XCTAssertThrowsError(try FlintContext(master: "flint://localhost:7077", appName: "x")) { error in
            XCTAssertTrue("\(error)".contains("standalone cluster"), "\(error)")
        }
    }

    func testConfigurationPrecedenceAndValidation() throws {
        setenv(FlintConf.submitEnvironmentKey, "flint.app.name=FromSubmit\nflint.task.maxFailures=2\nflint.master=local[2]", 1)
        defer { unsetenv(FlintConf.submitEnvironmentKey) }
        let conf = FlintConf()
        XCTAssertEqual(conf.get("flint.app.name"), "FromSubmit")
        conf.setAppName("FromCode")
        let sc = try FlintContext(conf: conf)
        defer { sc.stop() }
        XCTAssertEqual(sc.appName, "FromCode")
        XCTAssertEqual(sc.master, .local(threads: 2, maxFailures: nil))
        XCTAssertEqual(sc.defaultParallelism, 2)
        let bad = FlintConf(loadDefaults: false).setMaster("local").set("flint.executor.memory", "lots")
        XCTAssertThrowsError(try FlintContext(conf: bad)) { error in
            XCTAssertEqual("\(error)", "invalid value 'lots' for flint.executor.memory: expected a size such as 512m, 2g or 64k")
        }
        let codec = FlintConf(loadDefaults: false).setMaster("local").set("flint.io.compression.codec", "zip")
        XCTAssertThrowsError(try FlintContext(conf: codec)) { error in
            XCTAssertTrue("\(error)".contains("zip"), "\(error)")
        }
    }

    func testStoppedContextRejectsJobs() throws {
        let sc = try FlintContext(conf: FlintConf(loadDefaults: false).setMaster("local[2]"))
        let rdd = sc.parallelize([1, 2, 3])
        sc.stop()
        XCTAssertThrowsError(try rdd.count()) { error in
            XCTAssertEqual("\(error)", "Cannot call methods on a stopped FlintContext")
        }
    }
}

final class LocalDirectoryTests: XCTestCase {
    func testFlintLocalDirsOverridesTheConfigurationKey() throws {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("flint-dirs-\(UUID().uuidString)")
        setenv("FLINT_LOCAL_DIRS", base.path + ",/unused", 1)
        defer {
            unsetenv("FLINT_LOCAL_DIRS")
            try? FileManager.default.removeItem(at: base)
        }
        let sc = try FlintContext(conf: FlintConf(loadDefaults: false).setMaster("local[2]").set("flint.local.dir", "/nonexistent-dir"))
        defer { sc.stop() }
        XCTAssertEqual(sc.env.shuffleManager.rootDirectory.deletingLastPathComponent().path, base.path)
        XCTAssertEqual(try sc.parallelize(Array(0..<100)).map { ($0 % 5, 1) }.reduceByKey(+).count(), 5)
    }
}
