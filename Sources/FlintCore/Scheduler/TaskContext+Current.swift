#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The key of the thread-local slot that holds the running task's context.
@usableFromInline
let currentTaskContextKey: pthread_key_t = {
    var key = pthread_key_t()
    let status = pthread_key_create(&key, nil)
    precondition(status == 0, "pthread_key_create failed with status \(status)")
    return key
}()

extension TaskContext {
    /// The context of the task running on the current thread, as Spark's `TaskContext.get()`;
    /// nil on the driver and on threads that a task starts itself.
    ///
    /// Cost: one thread-local read (`pthread_getspecific`) and a retain, a few nanoseconds, so
    /// it can be called per record.
    @inlinable
    public static func get() -> TaskContext? { current?.takeUnretainedValue() }

    /// The current thread's task context, unretained: the task's thread keeps it alive while the
    /// task runs. Lets per-record code use the context without a retain and a release.
    @inlinable
    static var current: Unmanaged<TaskContext>? {
        pthread_getspecific(currentTaskContextKey).map { Unmanaged<TaskContext>.fromOpaque($0) }
    }

    /// Makes `context` the current thread's task context (nil clears it). The caller keeps
    /// `context` alive until it clears it: the slot does not retain it.
    static func setCurrent(_ context: TaskContext?) {
        let pointer = context.map { Unmanaged.passUnretained($0).toOpaque() }
        let status = pthread_setspecific(currentTaskContextKey, pointer)
        precondition(status == 0, "pthread_setspecific failed with status \(status)")
    }
}
