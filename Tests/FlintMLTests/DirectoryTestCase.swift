import Foundation
import XCTest

/// An ML test with a scratch directory path (`directory`, created by what saves into it),
/// removed after each test.
class DirectoryTestCase: MLTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("flint-ml-\(UUID().uuidString)")
    }

    override func tearDown() {
        try? FileManager.default.removeItem(at: directory)
        super.tearDown()
    }
}
