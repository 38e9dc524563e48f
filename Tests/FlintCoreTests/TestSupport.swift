import Foundation
import XCTest
@testable import FlintCore

/// A context per test, on local[2] with a private local dir, stopped at tear-down.
class FlintTestCase: XCTestCase {
    var sc: FlintContext!
    var scratch: URL!

    /// Extra settings for the test's context.
    var extraConf: [String: String] { [:] }

    override func setUpWithError() throws {
        scratch = FileManager.default.temporaryDirectory.appendingPathComponent("flint-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        let conf = FlintConf(loadDefaults: false).setMaster("local[2]").setAppName(name)
            .set("flint.local.dir", scratch.appendingPathComponent("local").path)
            .set("flint.ui.showConsoleProgress", "false")
        for (key, value) in extraConf { conf.set(key, value) }
        sc = try FlintContext(conf: conf)
    }

    override func tearDownWithError() throws {
        sc?.stop()
        sc = nil
        try? FileManager.default.removeItem(at: scratch)
    }

    /// Writes `text` to a file under the scratch directory and returns its path.
    func writeFile(_ name: String, _ text: String) throws -> String {
        let url = scratch.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(text.utf8).write(to: url)
        return url.path
    }
}

/// Records job infos and task errors, for assertions on stages.
final class RecordingListener: FlintListener, @unchecked Sendable {
    private let lock = NSLock()
    private var _taskErrors: [String] = []

    var taskErrors: [String] {
        lock.lock()
        defer { lock.unlock() }
        return _taskErrors
    }

    func onTaskEnd(_ stage: StageInfo, metrics: TaskMetrics, error: String?) {
        guard let error else { return }
        lock.lock()
        _taskErrors.append(error)
        lock.unlock()
    }
}

/// Sorts pairs for order-independent comparison.
func sortedPairs<K: Comparable, V: Comparable>(_ pairs: [(K, V)]) -> [(K, V)] {
    pairs.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
}

/// Asserts two arrays of pairs are equal element-wise.
func assertPairsEqual<K: Equatable, V: Equatable>(_ a: [(K, V)], _ b: [(K, V)], file: StaticString = #filePath,
                                                  line: UInt = #line) {
    XCTAssertEqual(a.count, b.count, "counts differ", file: file, line: line)
    for (x, y) in zip(a, b) where x.0 != y.0 || x.1 != y.1 {
        XCTFail("\(x) != \(y)", file: file, line: line)
        return
    }
}

/// Counts calls from task threads (e.g. how often a partition's elements are computed).
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int {
        lock.lock()
        defer { lock.unlock() }
        return count
    }

    func increment(by amount: Int = 1) {
        lock.lock()
        count += amount
        lock.unlock()
    }
}
