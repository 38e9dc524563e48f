import Foundation

/// The state of one running job: its event queue, results and running tasks.
///
/// Task threads only post events and register/unregister their contexts; everything else is
/// read and written by the job's own thread.
final class JobRun: @unchecked Sendable {
    enum Event {
        case taskStarted(stageId: Int)
        case taskEnded(TaskDescription, Result<Any, Error>, TaskMetrics, [any AccumulatorUpdate])
        case cancelled(String)
    }

    let jobId: Int
    let name: String
    /// The job group of the thread that started the job (`FlintContext.setJobGroup`).
    let group: String?
    var results: [Any?] = []
    var resultIndex: [Int: Int] = [:]
    var finishedPartitions = Set<Int>()

    private let condition = NSCondition()
    private var events: [Event] = []
    private var finished = false
    private var inFlight = 0
    private var runningContexts: [Int: TaskContext] = [:]

    init(jobId: Int, name: String, group: String?) {
        self.jobId = jobId
        self.name = name
        self.group = group
    }

    /// Queues an event for the job's thread.
    func post(_ event: Event) {
        condition.lock()
        events.append(event)
        condition.broadcast()
        condition.unlock()
    }

    /// Blocks until an event arrives, then returns it.
    func take() -> Event {
        condition.lock()
        defer { condition.unlock() }
        while events.isEmpty { condition.wait() }
        return events.removeFirst()
    }

    /// Called by a slot before it runs a task: false if the job has ended (drop the task).
    func admitTask() -> Bool {
        condition.lock()
        defer { condition.unlock() }
        if finished { return false }
        inFlight += 1
        return true
    }

    func taskStarted(_ context: TaskContext) {
        condition.lock()
        runningContexts[context.taskAttemptId] = context
        let interrupted = finished
        condition.unlock()
        if interrupted { context.interrupt() }
        post(.taskStarted(stageId: context.stageId))
    }

    func taskFinished(_ taskAttemptId: Int) {
        condition.lock()
        runningContexts[taskAttemptId] = nil
        inFlight -= 1
        condition.broadcast()
        condition.unlock()
    }

    /// Marks the job ended: queued tasks are dropped from now on.
    func finish() {
        condition.lock()
        finished = true
        condition.unlock()
    }

    func interruptRunningTasks() {
        condition.lock()
        let contexts = Array(runningContexts.values)
        condition.unlock()
        contexts.forEach { $0.interrupt() }
    }

    /// Waits until no task of this job is running.
    func waitForRunningTasks() {
        condition.lock()
        while inFlight > 0 { condition.wait() }
        condition.unlock()
    }
}
