import Foundation
import XCTest
@testable import FlintCore

/// A lookup table shared by reference, to check that tasks see the driver's object.
final class Lookup: @unchecked Sendable {
    let names: [Int: String]
    init(names: [Int: String]) { self.names = names }
}

final class BroadcastTests: FlintTestCase {
    func testTasksReadTheBroadcastValue() throws {
        let names = try sc.broadcast([1: "one", 2: "two", 3: "three"])
        let mapped = try sc.parallelize([1, 2, 3, 2], numSlices: 2).map { try names.value[$0] ?? "?" }.collect()
        XCTAssertEqual(mapped, ["one", "two", "three", "two"])
    }

    func testTasksShareTheDriversObject() throws {
        let lookup = Lookup(names: [1: "one"])
        let shared = try sc.broadcast(lookup)
        let sameObject = try sc.parallelize(Array(0..<100), numSlices: 4)
            .map { _ in try shared.value === lookup }.collect()
        XCTAssertEqual(sameObject, Array(repeating: true, count: 100), "local mode copies nothing")
    }

    func testIdsAndDescription() throws {
        let first = try sc.broadcast(1)
        let second = try sc.broadcast("two")
        XCTAssertEqual(second.id, first.id + 1)
        XCTAssertEqual(second.description, "Broadcast(\(second.id))")
    }

    func testDestroyedBroadcastThrowsNamingTheCallSite() throws {
        let table = try sc.broadcast([1, 2, 3])
        XCTAssertFalse(table.isDestroyed)
        table.destroy(); let destroyLine = #line
        table.destroy()
        XCTAssertTrue(table.isDestroyed)
        XCTAssertThrowsError(try table.value) { error in
            guard case let FlintError.broadcastDestroyed(id, site) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(id, table.id)
            XCTAssertEqual(site.line, destroyLine, "a second destroy keeps the first call site")
            XCTAssertEqual("\(error)", "Attempted to use Broadcast(\(table.id)) after it was destroyed "
                + "(destroy at BroadcastTests.swift:\(destroyLine))")
        }
    }

    func testJobReadingADestroyedBroadcastFails() throws {
        let table = try sc.broadcast([10, 20])
        table.destroy()
        XCTAssertThrowsError(try sc.parallelize([0, 1], numSlices: 2).map { try table.value[$0] }.collect()) { error in
            guard case FlintError.jobFailed = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("Attempted to use Broadcast(\(table.id)) after it was destroyed"), "\(error)")
        }
    }

    func testUnpersistKeepsTheValueUsable() throws {
        let table = try sc.broadcast([7, 8, 9])
        table.unpersist()
        table.unpersist(blocking: true)
        XCTAssertEqual(try sc.parallelize([0, 1, 2]).map { try table.value[$0] }.collect(), [7, 8, 9])
    }

    func testBroadcastOnAStoppedContextThrows() throws {
        sc.stop()
        XCTAssertThrowsError(try sc.broadcast(1)) { error in
            guard case FlintError.contextStopped = error else { return XCTFail("\(error)") }
        }
    }
}
