/// The accumulator bookkeeping of one stage in one job: which partitions' updates were merged
/// into the driver's accumulators, and which named accumulators they touched.
///
/// Merging a partition's updates at most once makes accumulators exact when a stage runs a
/// partition again within the job (its map output was lost and a later stage's fetch failure
/// resubmitted it). Used by the job's thread only.
struct StageAccumulators {
    private var mergedPartitions = Set<Int>()
    /// By accumulator id: the name and one update of each named accumulator the stage updated.
    private var named: [Int: (name: String, update: any AccumulatorUpdate)] = [:]

    /// Merges the updates of a successful task on `partition` into their accumulators, unless
    /// this partition's were merged already. Cost: one set insert, then one lock per update.
    mutating func merge(_ updates: [any AccumulatorUpdate], partition: Int) {
        guard mergedPartitions.insert(partition).inserted else { return }
        for update in updates {
            update.mergeIntoOrigin()
            if let name = update.accumulatorName { named[update.accumulatorId] = (name, update) }
        }
    }

    /// The driver values of the named accumulators the stage updated, by name, as text.
    /// Formats each value once: call it when the stage completes.
    func namedValues() -> [String: String] {
        Dictionary(named.values.map { ($0.name, $0.update.driverValueDescription) },
                   uniquingKeysWith: { _, last in last })
    }
}
