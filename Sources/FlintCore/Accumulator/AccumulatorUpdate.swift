/// One task's partial value of one accumulator, as the task hands it back when it ends.
///
/// The scheduler merges it into the driver's accumulator when (and only when) the task
/// succeeded; a failed or killed attempt's updates are dropped. A protocol so that the
/// scheduler handles the updates of accumulators of any state type alike.
@usableFromInline
protocol AccumulatorUpdate: AnyObject {
    /// The id of the accumulator the update belongs to.
    var accumulatorId: Int { get }
    /// The accumulator's name, if it has one.
    var accumulatorName: String? { get }
    /// The accumulator's driver value as text. Formats the whole value: call it once per stage,
    /// not per task.
    var driverValueDescription: String { get }
    /// Merges this partial value into the driver's accumulator. Takes the accumulator's lock.
    func mergeIntoOrigin()
}

/// The partial value of accumulator `origin` in one task attempt, kept in the task's
/// `TaskContext` from the task's first use of the accumulator on.
@usableFromInline
final class TaskLocalAccumulator<State: AccumulatorV2>: AccumulatorUpdate {
    @usableFromInline
    let origin: Accumulator<State>
    /// The partial value. Written by the task's thread only; read by the job's thread after the
    /// task ended.
    @exclusivity(unchecked) @usableFromInline
    var state: State

    @usableFromInline
    init(origin: Accumulator<State>, state: State) {
        self.origin = origin
        self.state = state
    }

    @usableFromInline
    var accumulatorId: Int { origin.id }

    @usableFromInline
    var accumulatorName: String? { origin.name }

    @usableFromInline
    var driverValueDescription: String { "\(origin.driverState.value)" }

    @usableFromInline
    func mergeIntoOrigin() { origin.mergeIntoDriverValue(state) }
}
