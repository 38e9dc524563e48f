import Foundation
import XCTest
@testable import FlintCore

final class SampledPartitionTests: FlintTestCase {
    /// 400,000 `key,payload` lines (about 11 MiB: two splits of more than 4 MiB each), keys a
    /// seeded permutation-like spread.
    private func keyedFile() throws -> (path: String, keys: [Int64]) {
        var random = SeededRandom(seed: 42)
        let keys = (0..<400_000).map { _ in Int64(bitPattern: random.next()) >> 20 }
        let text = keys.map { "\($0),payload\($0 & 0xFFFF)" }.joined(separator: "\n") + "\n"
        return (try writeFile("keyed.csv", text), keys)
    }

    func testSortByKeySketchesASampleOfATextFile() throws {
        let (path, keys) = try keyedFile()
        let lines = try sc.textFile(path)
        XCTAssertEqual(lines.numPartitions, 2)
        let pairs = lines.map { line -> (Int64, String) in
            let comma = try XCTUnwrap(line.firstIndex(of: ","))
            return (Int64(line[..<comma])!, String(line[line.index(after: comma)...]))
        }
        let sorted = try pairs.sortByKey(numPartitions: 4)
        let sampling = try XCTUnwrap(sc.jobHistory.last)
        XCTAssertLessThan(sampling.metrics.inputRecords, keys.count / 10, "the sketch parsed a sample, not every line")
        XCTAssertGreaterThan(sampling.metrics.inputRecords, 10_000)

        XCTAssertEqual(try sorted.keys().collect(), keys.sorted())
        let sizes = try sorted.glom().map(\.count).collect()
        XCTAssertEqual(sizes.reduce(0, +), keys.count)
        for size in sizes {
            XCTAssertEqual(Double(size), Double(keys.count) / 4, accuracy: Double(keys.count) / 4 * 0.2,
                           "balanced ranges: \(sizes)")
        }
    }

    func testOnlyElementwiseLineagesOfUncachedTextFilesSample() throws {
        let (path, keys) = try keyedFile()
        let lines = try sc.textFile(path)
        let probe = { (rdd: RDD<String>) throws -> SampledPartition<String>? in
            try self.sc.runJob(rdd, partitions: [0], callSite: CallSite("probe", file: #fileID, line: #line)) { context, _ in
                try rdd.sampledPartition(partition: 0, context: context, size: 1000, seed: 7).map {
                    SampledPartition(elements: BatchIterator(try $0.elements.collectAll()), fraction: $0.fraction)
                }
            }[0]
        }
        let sample = try XCTUnwrap(try probe(lines.filter { !$0.isEmpty }.map { $0 + "!" }))
        let drawn = try sample.elements.collectAll()
        XCTAssertEqual(Double(drawn.count), 1000, accuracy: 300)
        XCTAssertEqual(sample.fraction * Double(keys.count / 2), 1000, accuracy: 200, "fraction of the split's lines")
        XCTAssertTrue(drawn.allSatisfy { $0.hasSuffix("!") }, "the map ran on the sample")
        let lineNumbers = Dictionary(keys.enumerated().map { ("\($0.element),payload\($0.element & 0xFFFF)!", $0.offset) },
                                     uniquingKeysWith: { first, _ in first })
        let tenths = Set(drawn.compactMap { lineNumbers[$0] }.map { $0 * 10 / (keys.count / 2) })
        XCTAssertEqual(tenths, Set(0..<10), "runs from every tenth of the split")
        XCTAssertEqual(try probe(lines.filter { !$0.isEmpty }).map { try $0.elements.collectAll() }, drawn.map { String($0.dropLast()) },
                       "equal seeds, equal samples")

        XCTAssertNil(try probe(lines.mapPartitions { $0 }), "mapPartitions may depend on the whole partition")
        let cached = try lines.map { $0 }.cache()
        XCTAssertNil(try probe(cached), "a persisted RDD is read from its blocks")
        let small = try sc.textFile(try writeFile("small.txt", "a\nb\nc\n"))
        XCTAssertNil(try probe(small), "small splits are read whole")
    }
}
