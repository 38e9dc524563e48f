import Foundation
import XCTest
@testable import FlintCore

/// The largest integer added: a user-defined accumulator.
struct MaxInt: AccumulatorV2 {
    var max = Int.min
    func copyAndReset() -> MaxInt { MaxInt() }
    var isZero: Bool { max == .min }
    mutating func add(_ v: Int) { max = Swift.max(max, v) }
    mutating func merge(_ other: MaxInt) { add(other.max) }
    var value: Int { max }
}

/// The distinct strings added: a user-defined accumulator whose output differs from its input.
struct DistinctWords: AccumulatorV2 {
    var words: Set<String> = []
    func copyAndReset() -> DistinctWords { DistinctWords() }
    var isZero: Bool { words.isEmpty }
    mutating func add(_ v: String) { words.insert(v) }
    mutating func merge(_ other: DistinctWords) { words.formUnion(other.words) }
    var value: [String] { words.sorted() }
}

/// Corrupts a shuffle's first map output when its map stage completes, so that the next stage
/// of the same job hits a fetch failure and reruns that map task.
final class MapOutputCorrupter: FlintListener, @unchecked Sendable {
    private let shuffleManager: ShuffleManager
    private let done = OnceFlag()

    init(_ shuffleManager: ShuffleManager) { self.shuffleManager = shuffleManager }

    func onStageCompleted(_ stage: StageInfo) {
        guard let shuffleId = stage.shuffleId, stage.status == .complete, done.fire() else { return }
        let file = shuffleManager.dataFile(shuffleId: shuffleId, mapId: 0)
        guard var bytes = try? Data(contentsOf: file) else { return }
        bytes[bytes.count / 3] ^= 0xFF
        try? bytes.write(to: file)
    }
}

final class AccumulatorTests: FlintTestCase {
    private let numbers = Array(1...1000)

    func testLongAccumulatorInForeach() throws {
        let acc = sc.longAccumulator("sum")
        try sc.parallelize(numbers, numSlices: 4).foreach { acc.add($0) }
        XCTAssertEqual(acc.value, 500_500)
        XCTAssertEqual(acc.sum, 500_500)
        XCTAssertEqual(acc.count, 1000)
        XCTAssertEqual(acc.avg, 500.5)
        XCTAssertEqual(acc.name, "sum")
    }

    func testDoubleAccumulatorInMapThenCount() throws {
        let acc = sc.doubleAccumulator()
        let halves = sc.parallelize(numbers, numSlices: 4).map { x -> Int in
            acc.add(Double(x) / 2)
            return x
        }
        XCTAssertEqual(try halves.count(), 1000)
        XCTAssertEqual(acc.value, 250_250)
        XCTAssertEqual(acc.count, 1000)
        XCTAssertEqual(acc.avg, 250.25)
        XCTAssertTrue(sc.doubleAccumulator().avg.isNaN, "the mean of nothing is NaN, as in Spark")
    }

    func testCollectionAccumulatorKeepsEachTasksOrder() throws {
        let acc = sc.collectionAccumulator(of: Int.self)
        try sc.parallelize(numbers, numSlices: 4).foreach { acc.add($0) }
        XCTAssertEqual(acc.value.sorted(), numbers)
        let starts = stride(from: 0, to: 1000, by: 250).map { acc.value[$0] }
        XCTAssertEqual(starts.sorted(), [1, 251, 501, 751], "per-task lists are concatenated whole")
    }

    func testRetriedTaskIsCountedOnce() throws {
        let acc = sc.longAccumulator()
        try sc.parallelize(numbers, numSlices: 4).foreach { x in
            acc.add(x)
            if x == 500, TaskContext.get()!.attemptNumber == 0 { throw InjectedFailure() }
        }
        XCTAssertEqual(acc.value, 500_500)
        XCTAssertEqual(acc.count, 1000)
        XCTAssertEqual(sc.jobHistory.last?.stages.last?.failedTasks, 1)
    }

    func testRetriedTaskInTransformationIsCountedOnce() throws {
        let acc = sc.longAccumulator()
        let mapped = sc.parallelize(numbers, numSlices: 4).map { x -> Int in
            acc.add(x)
            let context = TaskContext.get()!
            if context.partitionId == 1, context.attemptNumber < 2, x == 400 { throw InjectedFailure() }
            return x
        }
        XCTAssertEqual(try mapped.count(), 1000)
        XCTAssertEqual(acc.value, 500_500)
        XCTAssertEqual(sc.jobHistory.last?.stages.last?.failedTasks, 2)
    }

    func testFailedJobMergesOnlySuccessfulTasks() throws {
        // One slot runs the tasks in submission order, so partitions 0, 2 and 3 end before the
        // fourth attempt of partition 1 fails the job.
        let conf = FlintConf(loadDefaults: false).setMaster("local[1]").setAppName(name)
            .set("flint.local.dir", scratch.appendingPathComponent("local1").path)
            .set("flint.ui.showConsoleProgress", "false")
        let serial = try FlintContext(conf: conf)
        defer { serial.stop() }
        let acc = serial.longAccumulator()
        XCTAssertThrowsError(try serial.parallelize(numbers, numSlices: 4).foreach { x in
            acc.add(x)
            if x == 500 { throw InjectedFailure() }
        })
        XCTAssertEqual(acc.value, numbers.reduce(0, +) - (251...500).reduce(0, +))
        XCTAssertEqual(acc.count, 750)
    }

    func testResubmittedMapStageIsCountedOnceInAJob() throws {
        sc.addListener(MapOutputCorrupter(sc.env.shuffleManager))
        let acc = sc.longAccumulator()
        let data = (0..<20_000).map { ("k\($0 % 500)", $0) }
        let grouped = sc.parallelize(data, numSlices: 2).map { pair -> (String, Int) in
            acc.add(1)
            return pair
        }.partitionBy(HashPartitioner(partitions: 2))
        XCTAssertEqual(try grouped.count(), 20_000)
        let job = try XCTUnwrap(sc.jobHistory.last)
        XCTAssertGreaterThan(job.stages.first?.attemptNumber ?? 0, 0, "the map stage was resubmitted")
        XCTAssertEqual(acc.value, 20_000)
    }

    func testUserDefinedAccumulators() throws {
        let maximum = sc.register(MaxInt(), name: "max")
        let words = sc.register(DistinctWords())
        try sc.parallelize(numbers, numSlices: 4).foreach { x in
            maximum.add(x * 3 % 1001)
            words.add(x.isMultiple(of: 2) ? "even" : "odd")
        }
        XCTAssertEqual(maximum.value, 1000)
        XCTAssertEqual(words.value, ["even", "odd"])
        XCTAssertEqual(sc.jobHistory.last?.stages.last?.accumulables, ["max": "1000"])
    }

    func testDriverAddAndPartialValueInTask() throws {
        let acc = sc.longAccumulator()
        acc.add(5)
        let partials = try sc.parallelize(numbers, numSlices: 4).map { _ -> Int in
            acc.add(1)
            return acc.value
        }.collect()
        XCTAssertEqual(partials, Array(repeating: Array(1...250), count: 4).flatMap { $0 },
                       "inside a task the value is the task's partial sum")
        XCTAssertEqual(acc.value, 1005)
        XCTAssertNil(TaskContext.get(), "no task context on the driver")
    }

    func testResetMergeAndDescription() throws {
        let acc = sc.longAccumulator("errors")
        XCTAssertTrue(acc.isZero)
        acc.add(2)
        acc.add(3)
        XCTAssertFalse(acc.isZero)
        XCTAssertEqual(acc.description, "LongAccumulator(id: \(acc.id), name: Some(errors), value: 5)")
        let other = sc.longAccumulator()
        other.add(10)
        acc.merge(other)
        XCTAssertEqual(acc.value, 15)
        XCTAssertEqual(acc.count, 3)
        acc.reset()
        XCTAssertTrue(acc.isZero)
        XCTAssertEqual(other.description, "LongAccumulator(id: \(other.id), name: None, value: 10)")
        XCTAssertNotEqual(acc.id, other.id)
    }

    func testResetInsideATaskClearsOnlyThePartial() throws {
        let acc = sc.longAccumulator()
        acc.add(100)
        try sc.parallelize(numbers, numSlices: 4).foreachPartition { batches in
            while let batch = try batches.nextBatch() { batch.forEach(acc.add) }
            acc.reset()
            acc.add(1)
        }
        XCTAssertEqual(acc.value, 104)
    }

    func testTaskContextIsSetInTasksOnly() throws {
        let partitions = try sc.parallelize(numbers, numSlices: 4).mapPartitionsWithIndex { index, items in
            items.map { _ in TaskContext.get()?.partitionId == index }
        }.collect()
        XCTAssertEqual(partitions, Array(repeating: true, count: 1000))
        XCTAssertNil(TaskContext.get())
    }
}
