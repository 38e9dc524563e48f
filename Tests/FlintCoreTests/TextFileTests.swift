import Foundation
import XCTest
@testable import FlintCore

final class TextFileTests: FlintTestCase {
    func testSplitsReadEveryLineExactlyOnce() throws {
        var generator = SeededRandom(seed: 5)
        let lines = (0..<3000).map { i in
            i % 97 == 0 ? "" : String(repeating: "w\(i) ", count: Int(generator.next() % 20) + 1)
        }
        let path = try writeFile("lines.txt", lines.joined(separator: "\n") + "\n")
        for minPartitions in [1, 2, 7, 31] {
            let rdd = try sc.textFile(path, minPartitions: minPartitions)
            XCTAssertGreaterThanOrEqual(rdd.numPartitions, minPartitions)
            XCTAssertEqual(try rdd.collect(), lines, "minPartitions \(minPartitions)")
        }
        let input = try XCTUnwrap(sc.jobHistory.last).metrics
        XCTAssertEqual(input.inputRecords, lines.count)
        XCTAssertEqual(input.inputBytes, lines.joined(separator: "\n").utf8.count + 1)
    }

    func testCRLFNoTrailingNewlineAndUnicode() throws {
        let path = try writeFile("crlf.txt", "première\r\nzweite Zeile\r\n\r\n三")
        XCTAssertEqual(try sc.textFile(path, minPartitions: 3).collect(), ["première", "zweite Zeile", "", "三"])
        let empty = try writeFile("empty.txt", "")
        XCTAssertEqual(try sc.textFile(empty).count(), 0)
    }

    func testDirectoriesGlobsAndLists() throws {
        let a = try writeFile("dir/a.txt", "a1\na2\n")
        _ = try writeFile("dir/b.txt", "b1\n")
        _ = try writeFile("dir/_SUCCESS", "")
        _ = try writeFile("dir/.hidden", "secret\n")
        let c = try writeFile("other/c.log", "c1\n")
        let directory = scratch.appendingPathComponent("dir").path
        XCTAssertEqual(try sc.textFile(directory).collect(), ["a1", "a2", "b1"])
        XCTAssertEqual(try sc.textFile(directory + "/*.txt").collect(), ["a1", "a2", "b1"])
        XCTAssertEqual(try sc.textFile("\(a),\(c)").collect(), ["a1", "a2", "c1"])
        let whole = try sc.wholeTextFiles(directory).collect()
        XCTAssertEqual(whole.map(\.1), ["a1\na2\n", "b1\n"])
        XCTAssertEqual(whole.first?.0, "file:" + a)
        let link = scratch.appendingPathComponent("link.txt").path
        try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: a)
        XCTAssertEqual(try sc.textFile(link).collect(), ["a1", "a2"], "a symbolic link is read through")
    }

    func testMissingInputIsAClearError() throws {
        let missing = scratch.appendingPathComponent("nope.txt").path
        XCTAssertThrowsError(try sc.textFile(missing)) { error in
            XCTAssertEqual("\(error)", "Input path does not exist: \(missing)")
        }
        XCTAssertThrowsError(try sc.textFile(scratch.path + "/*.csv"))
        XCTAssertThrowsError(try sc.wholeTextFiles(missing))
        let gz = try writeFile("logs/a.txt.gz", "not really gzip")
        XCTAssertThrowsError(try sc.textFile(scratch.appendingPathComponent("logs").path)) { error in
            XCTAssertTrue("\(error)".contains("\(gz) is compressed (.gz)"), "\(error)")
        }
    }

    func testSaveAsTextFileWritesPartsAndRefusesToOverwrite() throws {
        let output = scratch.appendingPathComponent("out").path
        try sc.parallelize(Array(0..<10), numSlices: 3).map { "line \($0)" }.saveAsTextFile(output)
        let names = try FileManager.default.contentsOfDirectory(atPath: output).sorted()
        XCTAssertEqual(names, ["_SUCCESS", "part-00000", "part-00001", "part-00002"])
        XCTAssertEqual(try sc.textFile(output).collect(), (0..<10).map { "line \($0)" })
        XCTAssertThrowsError(try sc.parallelize([1]).saveAsTextFile(output)) { error in
            XCTAssertEqual("\(error)", "Output directory \(output) already exists")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: output).count, 4, "nothing overwritten")
    }
}

extension TextFileTests {
    func testFirstLineNumberOfEachSplit() throws {
        let text = (1...200).map { "line \($0) with some padding text" }.joined(separator: "\n") + "\n"
        let path = try writeFile("numbered.txt", text)
        let rdd = try XCTUnwrap(try sc.textFile(path, minPartitions: 5) as? TextFileRDD)
        XCTAssertGreaterThan(rdd.numPartitions, 3)
        let firstLines = try rdd.mapPartitions { lines in BatchIterator(Array(try lines.collectAll().prefix(1))) }.collect()
        for partition in 0..<rdd.numPartitions {
            let split = rdd.split(ofPartition: partition)
            let number = try TextFileRDD.firstLineNumber(ofSplitAt: split.start, in: split.path)
            XCTAssertEqual(firstLines[partition], "line \(number) with some padding text", "partition \(partition)")
        }
    }
}

extension TextFileTests {
    func testSplitCountRoundsUpToAMultipleOfTheSlots() {
        let mib = 1 << 20
        let corpus = [InputPaths.File(path: "corpus.txt", size: 214 * mib)]
        // Hadoop's rule alone: six 32 MiB splits and a 22 MiB tail, 7 tasks.
        XCTAssertEqual(TextFileRDD.computeSplits(corpus, minPartitions: 2).count, 7)
        let balanced = TextFileRDD.computeSplits(corpus, minPartitions: 2, slots: 2)
        XCTAssertEqual(balanced.count, 8)
        XCTAssertEqual(balanced.first?.start, 0)
        XCTAssertEqual(balanced.last?.end, 214 * mib)
        XCTAssertTrue(zip(balanced, balanced.dropFirst()).allSatisfy { $0.end == $1.start }, "contiguous")
        XCTAssertLessThanOrEqual(balanced.map { $0.end - $0.start }.max() ?? 0, 27 * mib)
        // Already a multiple, or fewer splits than slots: unchanged.
        let sorted = [InputPaths.File(path: "sort.csv", size: 178 * mib)]
        XCTAssertEqual(TextFileRDD.computeSplits(sorted, minPartitions: 2, slots: 2).count, 6)
        XCTAssertEqual(TextFileRDD.computeSplits([InputPaths.File(path: "s", size: 10 * mib)], minPartitions: 2, slots: 4).count, 2)
        XCTAssertEqual(TextFileRDD.computeSplits([InputPaths.File(path: "odd", size: 10_000_001)], minPartitions: 2, slots: 2).count, 2)
    }
}

extension TextFileTests {
    func testChunksHoldTheSameLinesAsTextFile() throws {
        var random = SeededRandom(seed: 11)
        var lines = (0..<40_000).map { i in String(repeating: "c\(i % 10)", count: Int(random.next() % 40)) }
        lines[777] = String(repeating: "x", count: 1_500_000)  // longer than a read buffer
        lines[5_000] += "\r"  // a CRLF line: the chunk keeps its \r, textFile drops it
        let path = try writeFile("chunks.txt", lines.joined(separator: "\n"))  // no final newline
        for minPartitions in [1, 3, 8] {
            let rdd = try XCTUnwrap(try sc.textFile(path, minPartitions: minPartitions) as? TextFileRDD)
            let chunks = try rdd.chunks().collect()
            XCTAssertTrue(chunks.allSatisfy { $0.last == 0x0A }, "every chunk ends a line")
            // Split the bytes: as Characters, "\r\n" is one grapheme and would not split.
            var fromChunks = Array(chunks.joined()).split(separator: 0x0A, omittingEmptySubsequences: false)
                .map { String(decoding: $0, as: UTF8.self) }
            XCTAssertEqual(fromChunks.removeLast(), "")
            XCTAssertEqual(fromChunks, lines, "minPartitions \(minPartitions)")
            XCTAssertEqual(try rdd.collect(), lines.map { $0.utf8.last == 0x0D ? String($0.utf8.dropLast())! : $0 })
            XCTAssertEqual(try XCTUnwrap(sc.jobHistory.last).metrics.inputRecords, lines.count)
        }
    }
}

extension TextFileTests {
    func testFileScanSplitsAsSparksMaxSplitBytes() throws {
        let mib = 1 << 20
        // kv.csv on two cores: (208 + 4) MiB / 2 = 106 MiB per split, so two splits.
        XCTAssertEqual(TextFileRDD.scanSplitBytes([208 * mib], maxPartitionBytes: 128 * mib, openCostInBytes: 4 * mib,
                                                  minPartitions: 2), 106 * mib)
        XCTAssertEqual(TextFileRDD.scanSplitBytes([1000 * mib], maxPartitionBytes: 128 * mib, openCostInBytes: 4 * mib,
                                                  minPartitions: 2), 128 * mib, "capped by maxPartitionBytes")
        XCTAssertEqual(TextFileRDD.scanSplitBytes([10], maxPartitionBytes: 128 * mib, openCostInBytes: 4 * mib,
                                                  minPartitions: 8), 4 * mib, "at least the open cost")
        let cut = TextFileRDD.cut([InputPaths.File(path: "kv.csv", size: 208 * mib)], splitSize: 106 * mib, slack: 1)
        XCTAssertEqual(cut.map { $0.end - $0.start }, [106 * mib, 102 * mib])

        var generator = SeededRandom(seed: 9)
        let lines = (0..<20_000).map { i in "\(i),\(generator.next() % 1000)" }
        let path = try writeFile("scan.csv", lines.joined(separator: "\n") + "\n")
        sc.conf.set(ConfigEntry.sqlFilesMaxPartitionBytes.key, "16k")
        sc.conf.set(ConfigEntry.sqlFilesOpenCostInBytes.key, "1k")
        let scan = try sc.fileScanLines(path)
        let size = lines.joined(separator: "\n").utf8.count + 1
        XCTAssertEqual(scan.numPartitions, (size + 16 * 1024 - 1) / (16 * 1024))
        XCTAssertEqual(try scan.collect(), lines, "every line once, in order")
        sc.conf.set(ConfigEntry.sqlFilesMaxPartitionBytes.key, "0")
        XCTAssertThrowsError(try sc.fileScanLines(path)) { XCTAssertTrue("\($0)".contains("flint.sql.files.maxPartitionBytes"), "\($0)") }
        sc.conf.set(ConfigEntry.sqlFilesMaxPartitionBytes.key, "128m")
        sc.conf.set(ConfigEntry.sqlFilesMinPartitionNum.key, "many")
        XCTAssertThrowsError(try sc.fileScanLines(path)) { XCTAssertTrue("\($0)".contains("flint.sql.files.minPartitionNum"), "\($0)") }
    }
}
