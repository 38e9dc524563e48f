/// The partial accumulator values of one task attempt, by accumulator id: what the task's
/// `Accumulator.add` calls write to, and what it hands back to the scheduler when it ends.
///
/// A task uses a few accumulators, so this is two parallel arrays searched linearly: finding
/// one costs a comparison per accumulator before it, less than hashing the id.
@usableFromInline
struct TaskAccumulators {
    @usableFromInline
    var ids: [Int] = []
    @usableFromInline
    var updates: [any AccumulatorUpdate] = []

    @usableFromInline
    init() {}

    /// The partial value of accumulator `id`, if the task used it.
    @inlinable
    func update(for id: Int) -> (any AccumulatorUpdate)? {
        for index in ids.indices where ids[index] == id { return updates[index] }
        return nil
    }

    /// Adds the partial value of an accumulator the task had not used yet.
    @inlinable
    mutating func append(_ update: any AccumulatorUpdate, for id: Int) {
        ids.append(id)
        updates.append(update)
    }
}
