import Synchronization

/// A read-only value shared by every task of the application, as Spark's broadcast variables.
/// Create one with `FlintContext.broadcast(_:)`, capture it in a closure, and read `value` in
/// the tasks.
///
/// In local mode tasks run in the driver's process and read the driver's value itself: nothing
/// is copied, so a class instance is the same object in every task. In cluster mode each
/// executor will fetch one copy and share it among its tasks.
public final class Broadcast<T>: @unchecked Sendable, CustomStringConvertible {
    /// What the broadcast holds: the value until `destroy` drops it.
    @usableFromInline
    enum Content {
        case live(T)
        case destroyed(at: CallSite)
    }

    /// A unique id in the context.
    public let id: Int
    @usableFromInline
    let content: Mutex<Content>

    init(id: Int, value: T) {
        self.id = id
        content = Mutex(.live(value))
    }

    /// The broadcast value.
    ///
    /// Cost: one lock and a copy of `T` (a retain for a class, an array or a dictionary). In a
    /// hot loop, read it once per partition (e.g. in `mapPartitions`) rather than per record.
    /// - Throws: `FlintError.broadcastDestroyed` after `destroy()`, naming where it was called.
    @inlinable
    public var value: T {
        get throws(FlintError) {
            let current = content.withLock { $0 }
            switch current {
            case let .live(value): return value
            case let .destroyed(site): throw FlintError.broadcastDestroyed(id: id, destroyedAt: site)
            }
        }
    }

    /// Deletes the executors' cached copies, as Spark's `unpersist`; the value stays usable and
    /// would be sent again to the executors that need it. In local mode there are no copies, so
    /// this does nothing. `blocking` (wait until the copies are deleted) only matters in
    /// cluster mode.
    public func unpersist(blocking: Bool = false) {}

    /// Drops the value and every copy of it, as Spark's `destroy`: reading `value` afterwards
    /// throws `FlintError.broadcastDestroyed`, which names this call site. Idempotent: a second
    /// call keeps the first call site. `blocking` only matters in cluster mode.
    public func destroy(blocking: Bool = false, file: String = #fileID, line: Int = #line) {
        content.withLock { content in
            if case .live = content { content = .destroyed(at: CallSite("destroy", file: file, line: line)) }
        }
    }

    /// Whether `destroy()` was called.
    public var isDestroyed: Bool {
        content.withLock { content in
            if case .destroyed = content { return true }
            return false
        }
    }

    /// "Broadcast(3)", as Spark prints it.
    public var description: String { "Broadcast(\(id))" }
}
