import Foundation
import XCTest
@testable import FlintCore

struct InjectedFailure: Error, CustomStringConvertible {
    var description: String { "injected failure for testing" }
}

/// True exactly once.
final class OnceFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var fired = false
    func fire() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if fired { return false }
        fired = true
        return true
    }
}

final class SchedulerTests: FlintTestCase {
    func testTwoShufflesMakeThreeStages() throws {
        let words = sc.parallelize(["a", "b", "a", "c", "a", "b"], numSlices: 3)
        let byCount = words.map { ($0, 1) }.reduceByKey(+).map { ($0.1, $0.0) }.groupByKey()
        XCTAssertEqual(try byCount.collectAsMap().mapValues { $0.sorted() }, [3: ["a"], 2: ["b"], 1: ["c"]])
        let job = try XCTUnwrap(sc.jobHistory.last)
        XCTAssertEqual(job.stages.count, 3)
        XCTAssertEqual(job.stages.filter { $0.shuffleId != nil }.count, 2)
        XCTAssertTrue(job.stages.allSatisfy { $0.status == .complete })
        XCTAssertEqual(job.stages.last?.parentIds, [job.stages[1].stageId])
    }

    func testReusedShuffleIsSkipped() throws {
        let counts = sc.parallelize(Array(0..<1000), numSlices: 4).map { ($0 % 10, 1) }.reduceByKey(+)
        XCTAssertEqual(try counts.count(), 10)
        XCTAssertEqual(sc.jobHistory.last?.stages.map(\.status), [.complete, .complete])
        XCTAssertEqual(try counts.collectAsMap(), Dictionary(uniqueKeysWithValues: (0..<10).map { ($0, 100) }))
        let second = try XCTUnwrap(sc.jobHistory.last)
        XCTAssertEqual(second.stages.map(\.status), [.skipped, .complete])
        XCTAssertEqual(second.stages[0].completedTasks, 0)
    }

    func testTaskFailingOnceIsRetried() throws {
        let listener = RecordingListener()
        sc.addListener(listener)
        let flag = OnceFlag()
        let result = try sc.parallelize(Array(0..<100), numSlices: 4).map { x -> Int in
            if x == 42, flag.fire() { throw InjectedFailure() }
            return x * 2
        }.collect()
        XCTAssertEqual(result, (0..<100).map { $0 * 2 })
        XCTAssertEqual(listener.taskErrors, ["injected failure for testing"])
        XCTAssertEqual(sc.jobHistory.last?.stages.last?.failedTasks, 1)
    }

    func testJobFailsAfterMaxFailuresNamingStageAndPartition() throws {
        let listener = RecordingListener()
        sc.addListener(listener)
        let rdd = sc.parallelize(Array(0..<100), numSlices: 4).map { x -> Int in
            if x == 60 { throw InjectedFailure() }
            return x
        }
        XCTAssertThrowsError(try rdd.count()) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("task 2 in stage"), message)
            XCTAssertTrue(message.contains("failed 4 times"), message)
            XCTAssertTrue(message.contains("injected failure for testing"), message)
            XCTAssertTrue(message.contains("(map at SchedulerTests.swift:"), message)
        }
        XCTAssertEqual(listener.taskErrors.count, 4)
        XCTAssertEqual(sc.jobHistory.last?.stages.last?.status, .failed)
        XCTAssertEqual(try sc.parallelize([1, 2, 3]).count(), 3, "the context still works after a failed job")
    }

    /// Starts a slow 64-task job on its own thread (in job group `group`, if any) and returns once
    /// its first task runs; `ended` is fulfilled when the job ends, `cancelled` counts a
    /// `jobCancelled` outcome.
    private func startSlowJob(group: String? = nil, cancelled: Counter) -> XCTestExpectation {
        let started = expectation(description: "job started")
        let ended = expectation(description: "job ended")
        let flag = OnceFlag()
        let slow = sc.parallelize(Array(0..<64), numSlices: 64).map { x -> Int in
            if flag.fire() { started.fulfill() }
            Thread.sleep(forTimeInterval: 0.05)
            return x
        }
        let context = sc!
        Thread {
            if let group { context.setJobGroup(group) }
            do {
                _ = try slow.collect()
            } catch FlintError.jobCancelled {
                cancelled.add(1)
            } catch {}
            context.clearJobGroup()
            ended.fulfill()
        }.start()
        wait(for: [started], timeout: 10)
        return ended
    }

    func testCancelAllJobsStopsARunningJob() throws {
        let cancelled = Counter()
        let ended = startSlowJob(cancelled: cancelled)
        XCTAssertEqual(sc.activeJobIds.count, 1)
        sc.cancelAllJobs()
        wait(for: [ended], timeout: 10)
        XCTAssertEqual(cancelled.value, 1, "collect must throw jobCancelled")
        XCTAssertEqual(sc.activeJobIds, [])
    }

    func testCancelJobGroupCancelsOnlyThatGroup() throws {
        let cancelled = Counter()
        let ended = startSlowJob(group: "nightly", cancelled: cancelled)
        sc.cancelJobGroup("other")
        XCTAssertEqual(sc.activeJobIds.count, 1, "another group's cancel leaves the job running")
        sc.cancelJobGroup("nightly")
        wait(for: [ended], timeout: 10)
        XCTAssertEqual(cancelled.value, 1)
        XCTAssertEqual(try sc.parallelize([1, 2]).count(), 2)
    }

    func testStageMetricsCountRecordsAndShuffleBytes() throws {
        let data = (0..<10_000).map { ("key\($0 % 100)", $0) }
        _ = try sc.parallelize(data, numSlices: 4).reduceByKey(+).collect()
        let job = try XCTUnwrap(sc.jobHistory.last)
        let map = job.stages[0].metrics, reduce = job.stages[1].metrics
        XCTAssertEqual(map.inputRecords, 10_000)
        XCTAssertEqual(map.shuffleRecordsWritten, 400, "records after the map-side combine, as Spark counts")
        XCTAssertGreaterThan(map.shuffleBytesWritten, 0)
        XCTAssertEqual(reduce.shuffleRecordsRead, 400, "map-side combine: 100 keys from each of 4 maps")
        XCTAssertEqual(reduce.shuffleBytesRead, map.shuffleBytesWritten)
    }

    func testProgressBarRendering() {
        var info = StageInfo(stageId: 3, attemptNumber: 0, name: "x", numTasks: 40, shuffleId: nil, parentIds: [],
                             status: .active)
        info.completedTasks = 12
        info.runningTasks = 2
        let line = ConsoleProgressBar.render([info], width: 80)
        XCTAssertTrue(line.hasPrefix("[Stage 3:"), line)
        XCTAssertTrue(line.hasSuffix("(12 + 2) / 40]"), line)
        XCTAssertEqual(line.count, 80)
        XCTAssertTrue(line.contains("===>"), line)
    }
}
