import DequeModule
import Foundation
import Logging

/// Runs tasks on a fixed pool of threads in this process (`local[N]`).
///
/// Tasks wait in one FIFO queue; each of the N threads takes the next one. Submitting costs
/// one lock per batch of tasks.
final class LocalBackend: SchedulerBackend, @unchecked Sendable {
    let defaultParallelism: Int
    private let env: FlintEnv
    private let condition = NSCondition()
    private var queue = Deque<RunnableTask>()
    private var stopped = false
    private var threads: [Thread] = []
    private let logger = FlintLogging.logger("flint.scheduler")

    init(threads count: Int, env: FlintEnv) {
        defaultParallelism = count
        self.env = env
        for index in 0..<count {
            // Each thread holds the backend until stop() ends its loop.
            let thread = Thread { [self] in self.workLoop() }
            thread.name = "flint-executor-\(index)"
            thread.stackSize = 16 << 20
            threads.append(thread)
            thread.start()
        }
    }

    func submit(_ tasks: [RunnableTask]) {
        condition.lock()
        queue.append(contentsOf: tasks)
        condition.broadcast()
        condition.unlock()
    }

    func stop() {
        condition.lock()
        stopped = true
        queue.removeAll()
        condition.broadcast()
        condition.unlock()
    }

    private func nextTask() -> RunnableTask? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, !stopped { condition.wait() }
        if stopped { return nil }
        return queue.removeFirst()
    }

    private func workLoop() {
        while let task = nextTask() {
            if task.isObsolete() { continue }
            run(task)
        }
    }

    private func run(_ task: RunnableTask) {
        let d = task.description
        let context = TaskContext(stageId: d.stageId, stageAttemptNumber: d.stageAttemptNumber,
                                  partitionId: d.partition, attemptNumber: d.attemptNumber,
                                  taskAttemptId: d.taskAttemptId, env: env)
        task.started(context)
        let start = DispatchTime.now().uptimeNanoseconds
        let outcome: Result<Any, Error>
        TaskContext.setCurrent(context)
        do {
            outcome = .success(try task.body(context))
        } catch {
            logger.debug("task \(d.partition) of stage \(d.stageId) failed: \(error)")
            outcome = .failure(error)
        }
        context.markTaskCompleted()
        TaskContext.setCurrent(nil)
        context.metrics.runTimeNanos = DispatchTime.now().uptimeNanoseconds - start
        task.completion(d, outcome, context.metrics, context.accumulators.updates)
    }
}
