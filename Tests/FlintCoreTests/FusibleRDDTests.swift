import Foundation
import XCTest
@testable import FlintCore

/// A `map` or `filter` after a `flatMap`, and a `map` after a `filter`, run fused with it
/// (`FusibleRDD`), unless the first step is persisted or checkpointed.
final class FusibleRDDTests: FlintTestCase {
    private let text = ["the quick brown fox", "", "jumps over the lazy dog", "the end", "  spaced  out  "]

    func testChainsFuseAndMatchAPlainComputation() throws {
        let lines = sc.parallelize(text, numSlices: 3)
        let pairs = lines.flatMap { $0.split(separator: " ").map(String.init) }
            .filter { $0 != "the" }.map { ($0, $0.count) }.filter { $0.1 > 3 }.map { ($0.0.uppercased(), $0.1) }
        let fused = lines.flatMap { $0.split(separator: " ").map(String.init) }.filter { $0 != "the" }
        XCTAssertTrue(fused is MapPartitionsRDD<String, String>, "\(type(of: fused))")
        let words: [String] = text.flatMap { $0.split(separator: " ").map(String.init) }
        let lengths: [(String, Int)] = words.filter { $0 != "the" }.map { ($0, $0.count) }
        let expected: [(String, Int)] = lengths.filter { $0.1 > 3 }.map { ($0.0.uppercased(), $0.1) }
        XCTAssertEqual(try pairs.collect().map { "\($0.0)=\($0.1)" }, expected.map { "\($0.0)=\($0.1)" })

        let counts = try lines.flatMap { $0.split(separator: " ").map(String.init) }.map { ($0, 1) }.reduceByKey(+).collect()
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: counts), Dictionary(words.map { ($0, 1) }, uniquingKeysWith: +))
        let empty = try sc.parallelize([String](), numSlices: 2).flatMap { Array($0) }.map { $0.isLetter }.collect()
        XCTAssertEqual(empty, [])
    }

    func testFilterThenMapFusesAndReadsAPersistedFilter() throws {
        let tests = Counter()
        let numbers = sc.parallelize(Array(0..<1000), numSlices: 3)
        let kept = numbers.filter { number -> Bool in
            tests.add(1)
            return number % 3 == 0
        }
        let labelled = kept.map { "n\($0)" }
        XCTAssertTrue(labelled is MapPartitionsRDD<Int, String>, "\(type(of: labelled))")
        let expected = (0..<1000).filter { $0 % 3 == 0 }.map { "n\($0)" }
        XCTAssertEqual(try labelled.collect(), expected)
        XCTAssertEqual(tests.value, 1000)
        try kept.cache()
        XCTAssertEqual(try labelled.collect(), expected)
        XCTAssertEqual(try labelled.count(), expected.count)
        XCTAssertEqual(tests.value, 2000, "the second job read the cached filter")
        XCTAssertEqual(kept.partitioner, numbers.partitioner)
        let lineage = labelled.toDebugString
        XCTAssertTrue(lineage.contains("map at FusibleRDDTests.swift:") && lineage.contains("filter at FusibleRDDTests.swift:"), lineage)
        let keyed = try sc.parallelize(Array(0..<100), numSlices: 2).map { ($0 % 10, $0) }.partitionBy(HashPartitioner(partitions: 4))
        XCTAssertEqual(keyed.filter { $0.1 > 50 }.partitioner, keyed.partitioner, "filter keeps the partitioner")
    }

    func testEveryStepStaysInTheLineage() throws {
        let pairs = sc.parallelize(text, numSlices: 2).flatMap { $0.split(separator: " ") }.map { (String($0), 1) }
        let lines = pairs.toDebugString.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.count, 3, pairs.toDebugString)
        XCTAssertTrue(lines[0].contains("MapPartitionsRDD[") && lines[0].contains("map at FusibleRDDTests.swift:"), lines[0])
        XCTAssertTrue(lines[1].contains("MapPartitionsRDD[") && lines[1].contains("flatMap at FusibleRDDTests.swift:"), lines[1])
        XCTAssertTrue(lines[2].contains("ParallelCollectionRDD"), lines[2])
    }

    func testAPersistedStepIsReadFromItsBlocksNotRecomputed() throws {
        let expansions = Counter()
        let words = sc.parallelize(text, numSlices: 2).flatMap { line -> [Substring] in
            expansions.add(1)
            return line.split(separator: " ")
        }
        let lengths = words.map { $0.count }
        let total = text.flatMap { $0.split(separator: " ") }.reduce(0) { $0 + $1.count }
        XCTAssertEqual(try lengths.reduce(+), total)
        XCTAssertEqual(expansions.value, text.count, "fused: one expansion per line")
        try words.cache()
        XCTAssertEqual(try lengths.reduce(+), total)
        XCTAssertEqual(try lengths.reduce(+), total)
        XCTAssertEqual(expansions.value, 2 * text.count, "the second job read the cached words")
        words.unpersist()
        XCTAssertEqual(try lengths.count(), text.flatMap { $0.split(separator: " ") }.count)
        XCTAssertEqual(expansions.value, 3 * text.count, "fused again once unpersisted")
    }

    func testAFailingStepFailsTheJobNamingIt() throws {
        struct Rejected: Error, CustomStringConvertible { var description: String { "rejected word" } }
        let pairs = sc.parallelize(text, numSlices: 2).flatMap { $0.split(separator: " ") }.map { word -> Int in
            if word == "lazy" { throw Rejected() }
            return word.count
        }
        XCTAssertThrowsError(try pairs.collect()) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("rejected word"), message)
            XCTAssertTrue(message.contains("failed 4 times"), message)
        }
    }

    func testFusedChainsOfTextFilesSampleForSortByKey() throws {
        var random = SeededRandom(seed: 9)
        let keys = (0..<400_000).map { _ in Int64(random.next() % 1_000_000) }
        let path = try writeFile("pairs.txt", stride(from: 0, to: keys.count, by: 3).map { index in
            keys[index..<Swift.min(index + 3, keys.count)].map { "\($0):" + String(repeating: "x", count: 20) }.joined(separator: " ")
        }.joined(separator: "\n") + "\n")
        let pairs = try sc.textFile(path).flatMap { $0.split(separator: " ") }
            .map { token in (Int64(token.prefix { $0 != ":" })!, String(token.suffix(2))) }
        let sorted = try pairs.sortByKey(numPartitions: 3)
        XCTAssertLessThan(try XCTUnwrap(sc.jobHistory.last).metrics.inputRecords, keys.count / 3 / 4,
                          "the sketch read a sample of the lines")
        XCTAssertEqual(try sorted.keys().collect(), keys.sorted())
        XCTAssertTrue(try sorted.values().collect().allSatisfy { $0 == "xx" })
    }
}
