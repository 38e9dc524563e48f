import Synchronization

/// Delivers scheduler events to registered listeners and keeps the recent jobs
/// (`FlintContext.jobHistory`), for tests, benchmarks and later the web UI.
final class ListenerBus: Sendable {
    private let listeners = Mutex<[any FlintListener]>([])
    private let history = Mutex<[JobInfo]>([])
    private let historyLimit = 1000

    func add(_ listener: any FlintListener) {
        listeners.withLock { $0.append(listener) }
    }

    func remove(_ listener: any FlintListener) {
        listeners.withLock { $0.removeAll { $0 === listener } }
    }

    func post(_ deliver: (any FlintListener) -> Void) {
        for listener in listeners.withLock({ $0 }) { deliver(listener) }
    }

    func jobEnded(_ job: JobInfo) {
        history.withLock { jobs in
            jobs.append(job)
            if jobs.count > historyLimit { jobs.removeFirst(jobs.count - historyLimit) }
        }
        post { $0.onJobEnd(job) }
    }

    var jobs: [JobInfo] { history.withLock { $0 } }
}
