import Foundation
import XCTest
@testable import FlintSQL

final class DataSourceTests: SessionTestCase {
    var directory: URL!

    override func setUpWithError() throws {
        try super.setUpWithError()
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("flint-sql-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(at: directory)
        try super.tearDownWithError()
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    func testTextSource() throws {
        let path = try write("lines.txt", "to be\nor not\nto be\n")
        let lines = try session.read.text(path).groupBy("value").count().orderBy("value").collect()
        XCTAssertEqual(lines.map(\.description), ["[or not,1]", "[to be,2]"])
        XCTAssertThrowsError(try session.read.load(path)) { error in
            XCTAssertTrue("\(error)".contains("no data source format"), "\(error)")
        }
        XCTAssertThrowsError(try session.read.format("parquet").load(path)) { error in
            XCTAssertTrue("\(error)".contains("'parquet' is not available"), "\(error)")
        }
    }
}
