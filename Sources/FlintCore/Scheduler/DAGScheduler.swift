import Foundation
import Logging
import Synchronization

/// Turns an action into stages and runs them, as Spark's `DAGScheduler`.
///
/// `runJob` builds the stage graph of the final RDD (a stage boundary at each shuffle
/// dependency), skips map stages whose outputs exist already, submits the tasks of every stage
/// whose parents are complete, retries failed tasks up to `flint.task.maxFailures`, reruns a
/// parent stage when a reduce task cannot fetch its map output, and aborts the job with an error
/// naming the stage and partition otherwise. Each job's loop runs on the thread that called the
/// action; tasks run on the backend's slots.
final class DAGScheduler: @unchecked Sendable {
    private unowned let context: FlintContext
    let backend: SchedulerBackend
    private let maxTaskFailures: Int
    private let maxStageAttempts = 4
    private let nextStageId = Atomic<Int>(0)
    private let nextTaskId = Atomic<Int>(0)
    private let nextJobId = Atomic<Int>(0)
    private let activeJobs = Mutex<[Int: JobRun]>([:])
    private let logger = FlintLogging.logger("flint.scheduler")

    init(context: FlintContext, backend: SchedulerBackend, maxTaskFailures: Int) {
        self.context = context
        self.backend = backend
        self.maxTaskFailures = maxTaskFailures
    }

    /// Runs `function` on the given partitions of `rdd` and returns its values in partition order.
    func runJob<T, U>(rdd: RDD<T>, partitions: [Int], callSite: CallSite, group: String?,
                      function: @escaping (TaskContext, BatchIterator<T>) throws -> U) throws -> [U] {
        let jobId = nextJobId.add(1, ordering: .relaxed).oldValue
        if partitions.isEmpty { return [] }
        let job = JobRun(jobId: jobId, name: callSite.description, group: group)
        var stagesByShuffle: [Int: Stage] = [:]
        let finalStage = Stage(id: newStageId(), rdd: rdd, partitions: partitions, shuffleDependency: nil,
                               parents: parentStages(of: rdd, into: &stagesByShuffle))
        try run(job, finalStage: finalStage) { stage, partition in
            if let dependency = stage.shuffleDependency {
                return { context in try dependency.runMapTask(mapId: partition, context: context) }
            }
            return { context in try function(context, try rdd.iterator(partition: partition, context: context)) }
        }
        return job.results.map { $0 as! U }
    }

    /// Runs the map side of `dependency` (and the stages it needs) so that every map output is
    /// registered, as Spark's `submitMapStage`; a job without a result stage. Outputs already
    /// there are not recomputed.
    func runMapStage(_ dependency: ShuffleDependencyBase, callSite: CallSite, group: String?) throws {
        let jobId = nextJobId.add(1, ordering: .relaxed).oldValue
        if dependency.rdd.numPartitions == 0 { return }
        let job = JobRun(jobId: jobId, name: callSite.description, group: group)
        var stagesByShuffle: [Int: Stage] = [:]
        let finalStage = Stage(id: newStageId(), rdd: dependency.rdd, partitions: Array(0..<dependency.rdd.numPartitions),
                               shuffleDependency: dependency, parents: parentStages(of: dependency.rdd, into: &stagesByShuffle))
        try run(job, finalStage: finalStage) { stage, partition in
            let stageDependency = stage.shuffleDependency!
            return { context in try stageDependency.runMapTask(mapId: partition, context: context) }
        }
    }

    /// Runs `finalStage` and the stages it needs, posting the job's events.
    private func run(_ job: JobRun, finalStage: Stage, makeBody: @escaping TaskBodyFactory) throws {
        let jobId = job.jobId
        activeJobs.withLock { $0[jobId] = job }
        defer { _ = activeJobs.withLock { $0.removeValue(forKey: jobId) } }
        let stages = topologicalOrder(finalStage)
        let start = DispatchTime.now().uptimeNanoseconds
        context.listenerBus.post { $0.onJobStart(jobId: jobId, name: job.name) }
        for stage in stages where stage.isShuffleMap && stage !== finalStage && isComplete(stage, job: job) {
            stage.info.status = .skipped
        }
        var failure: Error?
        do {
            try loop(job: job, stages: stages, finalStage: finalStage, makeBody: makeBody)
        } catch {
            failure = error
        }
        let info = JobInfo(jobId: jobId, name: job.name, stages: stages.map(\.info),
                           failure: failure.map { "\($0)" },
                           durationSeconds: Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        context.listenerBus.jobEnded(info)
        if let failure { throw failure }
    }

    /// Cancels a running job; its action throws `FlintError.jobCancelled`.
    func cancelJob(_ jobId: Int, reason: String) {
        activeJobs.withLock { $0[jobId] }?.post(.cancelled(reason))
    }

    /// Cancels the running jobs started in job group `group`.
    func cancelJobGroup(_ group: String, reason: String) {
        for job in activeJobs.withLock({ Array($0.values) }) where job.group == group { job.post(.cancelled(reason)) }
    }

    /// Cancels every running job.
    func cancelAllJobs(reason: String) {
        for job in activeJobs.withLock({ Array($0.values) }) { job.post(.cancelled(reason)) }
    }

    /// Ids of the jobs running now.
    var activeJobIds: [Int] { activeJobs.withLock { Array($0.keys).sorted() } }

    // MARK: - Stage graph

    private func newStageId() -> Int { nextStageId.add(1, ordering: .relaxed).oldValue }

    private func parentStages(of rdd: RDDBase, into stagesByShuffle: inout [Int: Stage]) -> [Stage] {
        StageBuilder.nearestShuffleDependencies(of: rdd).map { dependency in
            if let existing = stagesByShuffle[dependency.shuffleId] { return existing }
            let parents = parentStages(of: dependency.rdd, into: &stagesByShuffle)
            let stage = Stage(id: newStageId(), rdd: dependency.rdd, partitions: Array(0..<dependency.rdd.numPartitions),
                              shuffleDependency: dependency, parents: parents)
            stagesByShuffle[dependency.shuffleId] = stage
            return stage
        }
    }

    private func topologicalOrder(_ finalStage: Stage) -> [Stage] {
        var ordered: [Stage] = []
        var seen = Set<Int>()
        func visit(_ stage: Stage) {
            guard seen.insert(stage.id).inserted else { return }
            stage.parents.forEach(visit)
            ordered.append(stage)
        }
        visit(finalStage)
        return ordered
    }

    private func missingPartitions(_ stage: Stage, job: JobRun) -> [Int] {
        if let dependency = stage.shuffleDependency {
            return context.env.shuffleManager.mapOutputTracker.missingMaps(dependency.shuffleId)
        }
        return stage.partitions.filter { !job.finishedPartitions.contains($0) }
    }

    private func isComplete(_ stage: Stage, job: JobRun) -> Bool { missingPartitions(stage, job: job).isEmpty }

    // MARK: - The job loop

    private typealias TaskBodyFactory = (Stage, Int) -> (TaskContext) throws -> Any

    private func loop(job: JobRun, stages: [Stage], finalStage: Stage, makeBody: TaskBodyFactory) throws {
        for (index, partition) in finalStage.partitions.enumerated() { job.resultIndex[partition] = index }
        job.results = Array(repeating: nil, count: finalStage.partitions.count)
        while true {
            for stage in stages where stage.runningTasks == 0 && !isComplete(stage, job: job)
                && stage.parents.allSatisfy({ isComplete($0, job: job) }) {
                try submitStage(stage, job: job, makeBody: makeBody)
            }
            if isComplete(finalStage, job: job) {
                job.finish()
                return
            }
            let event = job.take()
            switch event {
            case let .taskStarted(stageId):
                if let stage = stages.first(where: { $0.id == stageId }) {
                    stage.info.runningTasks += 1
                    context.listenerBus.post { $0.onTaskStart(stage.info) }
                }
            case let .taskEnded(description, outcome, metrics, accumulatorUpdates):
                guard let stage = stages.first(where: { $0.id == description.stageId }) else { continue }
                do {
                    try handleTaskEnd(stage, job: job, description: description, outcome: outcome, metrics: metrics,
                                      accumulatorUpdates: accumulatorUpdates, makeBody: makeBody)
                } catch {
                    abort(job, stages: stages)
                    throw error
                }
            case let .cancelled(reason):
                abort(job, stages: stages)
                throw FlintError.jobCancelled(jobId: job.jobId, reason: reason)
            }
        }
    }

    private func submitStage(_ stage: Stage, job: JobRun, makeBody: TaskBodyFactory) throws {
        let missing = missingPartitions(stage, job: job)
        stage.attemptNumber += 1
        stage.failuresByPartition = [:]
        stage.info.attemptNumber = stage.attemptNumber
        stage.info.status = .active
        logger.debug("submitting stage \(stage.id) (\(stage.info.name)) with \(missing.count) tasks")
        context.listenerBus.post { $0.onStageSubmitted(stage.info) }
        backend.submit(missing.map { makeTask(stage, partition: $0, attempt: 0, job: job, makeBody: makeBody) })
    }

    private func makeTask(_ stage: Stage, partition: Int, attempt: Int, job: JobRun,
                          makeBody: TaskBodyFactory) -> RunnableTask {
        stage.runningTasks += 1
        let kind: TaskDescription.Kind = stage.shuffleDependency.map { .shuffleMap(shuffleId: $0.shuffleId) } ?? .result
        let description = TaskDescription(jobId: job.jobId, stageId: stage.id, stageAttemptNumber: stage.attemptNumber,
                                          partition: partition, attemptNumber: attempt,
                                          taskAttemptId: nextTaskId.add(1, ordering: .relaxed).oldValue, kind: kind)
        return RunnableTask(
            description: description, body: makeBody(stage, partition),
            completion: { [job] description, outcome, metrics, accumulatorUpdates in
                job.post(.taskEnded(description, outcome, metrics, accumulatorUpdates))
                job.taskFinished(description.taskAttemptId)
            },
            isObsolete: { [job] in !job.admitTask() },
            started: { [job] context in job.taskStarted(context) })
    }

    private func handleTaskEnd(_ stage: Stage, job: JobRun, description: TaskDescription, outcome: Result<Any, Error>,
                               metrics: TaskMetrics, accumulatorUpdates: [any AccumulatorUpdate],
                               makeBody: TaskBodyFactory) throws {
        stage.runningTasks -= 1
        stage.info.runningTasks = max(0, stage.info.runningTasks - 1)
        switch outcome {
        case let .success(value):
            stage.info.completedTasks += 1
            stage.info.metrics.accumulate(metrics)
            stage.accumulators.merge(accumulatorUpdates, partition: description.partition)
            if let dependency = stage.shuffleDependency, let status = value as? MapStatus {
                context.env.shuffleManager.mapOutputTracker.registerMapOutput(dependency.shuffleId, status: status)
            } else if let index = job.resultIndex[description.partition] {
                job.results[index] = value
                job.finishedPartitions.insert(description.partition)
            }
            context.listenerBus.post { $0.onTaskEnd(stage.info, metrics: metrics, error: nil) }
            if stage.runningTasks == 0, isComplete(stage, job: job) {
                stage.info.status = .complete
                stage.info.accumulables = stage.accumulators.namedValues()
                context.listenerBus.post { $0.onStageCompleted(stage.info) }
            }
        case let .failure(error):
            stage.info.failedTasks += 1
            context.listenerBus.post { $0.onTaskEnd(stage.info, metrics: metrics, error: "\(error)") }
            if case let FlintError.fetchFailed(shuffleId, mapId, _, _) = error {
                if mapId >= 0 { context.env.shuffleManager.mapOutputTracker.unregisterMapOutput(shuffleId, mapId: mapId) }
                stage.fetchFailures += 1
                logger.warning("stage \(stage.id): \(error); resubmitting the parent stage")
                if stage.fetchFailures >= maxStageAttempts {
                    throw fail(job, stage: stage, partition: description.partition, attempts: stage.fetchFailures, error: error)
                }
                return
            }
            let failures = (stage.failuresByPartition[description.partition] ?? 0) + 1
            stage.failuresByPartition[description.partition] = failures
            logger.warning("lost task \(description.partition) in stage \(stage.id) (attempt \(failures)): \(error)")
            // A record type with no serializer, or whose Codable encoding throws, fails the same
            // way on every attempt: no retry.
            if let serialization = error as? SerializationError, serialization.isDeterministicWriteFailure {
                throw fail(job, stage: stage, partition: description.partition, attempts: failures, error: error)
            }
            if failures >= maxTaskFailures {
                throw fail(job, stage: stage, partition: description.partition, attempts: failures, error: error)
            }
            backend.submit([makeTask(stage, partition: description.partition, attempt: failures, job: job,
                                     makeBody: makeBody)])
        }
    }

    private func fail(_ job: JobRun, stage: Stage, partition: Int, attempts: Int, error: Error) -> Error {
        FlintError.jobFailed(jobId: job.jobId, stageId: stage.id, stageDescription: stage.info.name,
                             partition: partition, attempts: attempts, underlying: "\(error)")
    }

    /// Stops the job's tasks, waits for the running ones to end, and marks active stages failed.
    private func abort(_ job: JobRun, stages: [Stage]) {
        job.finish()
        job.interruptRunningTasks()
        job.waitForRunningTasks()
        for stage in stages where stage.info.status == .active {
            stage.info.status = .failed
            context.listenerBus.post { $0.onStageCompleted(stage.info) }
        }
    }
}
