extension FlintContext {
    /// Shares `value` read-only with every task, as Spark's `broadcast`: capture the returned
    /// handle in closures and read `value` in the tasks. In local mode nothing is copied; tasks
    /// read this very value. Cost: one allocation.
    /// - Throws: `FlintError.contextStopped` if the context was stopped.
    public func broadcast<T>(_ value: T) throws -> Broadcast<T> {
        guard !isStopped else { throw FlintError.contextStopped }
        return Broadcast(id: newBroadcastId(), value: value)
    }
}
