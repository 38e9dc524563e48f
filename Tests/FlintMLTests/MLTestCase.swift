import FlintCore
import FlintSQL
import Foundation
import XCTest

/// A session on local[2] with 2 shuffle partitions and no progress bar, stopped at tear-down,
/// and Spark's sample data from Examples/data.
class MLTestCase: XCTestCase {
    var session: FlintSession!

    override func setUpWithError() throws {
        let conf = FlintConf().setMaster("local[2]").setAppName("ml-tests").set("flint.ui.showConsoleProgress", "false")
            .set("flint.sql.shuffle.partitions", "2")
        session = FlintSession(context: try FlintContext(conf: conf))
    }

    override func tearDown() { session.stop() }

    /// The path of `Examples/data/<name>`.
    func examplePath(_ name: String) -> String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Examples/data/\(name)").path
    }
}
