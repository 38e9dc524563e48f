import Synchronization

/// Ids of accumulators, unique in the process (as Spark's `AccumulatorContext.newId`).
private let nextAccumulatorId = Atomic<Int>(0)

/// A shared variable that tasks only add to and the driver reads, as Spark's accumulators.
/// Create one with `FlintContext.register(_:name:)`, `longAccumulator`, `doubleAccumulator` or
/// `collectionAccumulator`, capture it in a closure, and read `value` on the driver after the
/// action.
///
/// Exactly once: inside a task, `add` goes to a partial value private to that task attempt,
/// which the scheduler merges into the driver's value only when the task succeeds, and at most
/// once per partition and stage in a job. So retried tasks and rerun stages do not count twice
/// within a job; a later job that computes the same RDD again adds again, as in Spark (cache
/// the RDD to avoid it). On the driver (and on threads a task starts itself), `add` applies to
/// the driver's value directly.
public final class Accumulator<State: AccumulatorV2>: @unchecked Sendable, CustomStringConvertible {
    /// A unique id in the process.
    public let id: Int
    /// The name given at registration (named accumulators appear in `StageInfo.accumulables`).
    public let name: String?
    /// The empty state, the start of each task's partial value.
    @usableFromInline
    let zero: State
    /// The driver's value: what was added on the driver plus what successful tasks merged.
    @usableFromInline
    let merged: Mutex<State>

    init(_ state: State, name: String?) {
        id = nextAccumulatorId.add(1, ordering: .relaxed).oldValue
        self.name = name
        zero = state.copyAndReset()
        merged = Mutex(state)
    }

    /// Adds `v`: to this task's partial value inside a task, to the driver's value otherwise.
    ///
    /// Cost inside a task: one thread-local read, a lookup among the accumulators the task used
    /// (a comparison each, usually one or two) and `State.add`: about 15 ns for a
    /// `LongAccumulator` in a release build. The task's first call also allocates its partial
    /// value. On the driver: one lock and `State.add`.
    ///
    /// Threads a task starts itself have no task context: their adds go to the driver's value
    /// at once, without the exactly-once guarantee.
    @inlinable
    public func add(_ v: State.Input) {
        if let context = TaskContext.current {
            context._withUnsafeGuaranteedRef { partial(in: $0).state.add(v) }
        } else {
            merged.withLock { $0.add(v) }
        }
    }

    /// Inside a task, this task's partial value (as in Spark); on the driver, the merged value.
    /// Cost: one lock on the driver, a lookup as in `add` in a task, plus `State.value`.
    public var value: State.Output { state.value }

    /// Whether the value seen here (the task's partial one inside a task) is empty.
    public var isZero: Bool { state.isZero }

    /// Empties the value seen here: the driver's value, or inside a task this task's partial one.
    public func reset() { update { $0 = zero } }

    /// Merges `other`'s value as seen here into this accumulator's value seen here (both partial
    /// inside a task, both the driver's outside).
    public func merge(_ other: Accumulator<State>) {
        let addition = other.state
        update { $0.merge(addition) }
    }

    /// E.g. `LongAccumulator(id: 0, name: Some(errors), value: 5)`, as Spark prints it.
    public var description: String {
        "\(State.displayName)(id: \(id), name: \(name.map { "Some(\($0))" } ?? "None"), value: \(value))"
    }

    /// The state seen here: this task's partial one inside a task, the driver's outside.
    var state: State {
        if let context = TaskContext.get() { return partial(in: context).state }
        return driverState
    }

    /// The driver's state, whatever the calling thread. Takes the lock.
    var driverState: State { merged.withLock { $0 } }

    /// Merges a successful task's partial value into the driver's value.
    func mergeIntoDriverValue(_ partial: State) { merged.withLock { $0.merge(partial) } }

    /// Changes the state seen here (see `state`).
    private func update(_ change: (inout State) -> Void) {
        if let context = TaskContext.get() {
            change(&partial(in: context).state)
        } else {
            merged.withLock { change(&$0) }
        }
    }

    /// This accumulator's partial value in the task of `context`, created empty on first use.
    @inlinable
    func partial(in context: TaskContext) -> TaskLocalAccumulator<State> {
        if let existing = context.accumulators.update(for: id) {
            // Only this class stores entries, under its own id, so the type is known.
            return unsafeDowncast(existing, to: TaskLocalAccumulator<State>.self)
        }
        let created = TaskLocalAccumulator(origin: self, state: zero)
        context.accumulators.append(created, for: id)
        return created
    }
}
