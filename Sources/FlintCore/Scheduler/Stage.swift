/// A set of tasks that run the same pipelined narrow lineage on different partitions, ending
/// either in a shuffle write (`shuffleDependency != nil`) or in the job's action.
final class Stage {
    let id: Int
    let rdd: RDDBase
    /// The partitions the stage computes: all of them for a map stage, those asked for otherwise.
    let partitions: [Int]
    let shuffleDependency: ShuffleDependencyBase?
    let parents: [Stage]
    var info: StageInfo
    var attemptNumber = -1
    var runningTasks = 0
    var fetchFailures = 0
    /// Failed attempts per partition in the current stage attempt.
    var failuresByPartition: [Int: Int] = [:]
    /// Partitions whose accumulator updates were merged, and the named accumulators they updated.
    var accumulators = StageAccumulators()

    init(id: Int, rdd: RDDBase, partitions: [Int], shuffleDependency: ShuffleDependencyBase?, parents: [Stage]) {
        self.id = id
        self.rdd = rdd
        self.partitions = partitions
        self.shuffleDependency = shuffleDependency
        self.parents = parents
        self.info = StageInfo(stageId: id, attemptNumber: 0, name: rdd.callSite.description,
                              numTasks: partitions.count, shuffleId: shuffleDependency?.shuffleId,
                              parentIds: parents.map(\.id), status: .active)
    }

    var isShuffleMap: Bool { shuffleDependency != nil }
}

/// Cuts a lineage into stages at shuffle dependencies.
enum StageBuilder {
    /// The shuffle dependencies reachable from `rdd` through narrow dependencies only. As in
    /// Spark, the walk stops at an RDD whose partitions are all cached: its parents are not
    /// needed.
    static func nearestShuffleDependencies(of rdd: RDDBase) -> [ShuffleDependencyBase] {
        var found: [ShuffleDependencyBase] = []
        var seenShuffles = Set<Int>()
        var visited = Set<Int>()
        var stack = [rdd]
        while let current = stack.popLast() {
            guard visited.insert(current.id).inserted, !isFullyCached(current) else { continue }
            for dependency in current.dependencies {
                if let shuffle = dependency as? ShuffleDependencyBase {
                    if seenShuffles.insert(shuffle.shuffleId).inserted { found.append(shuffle) }
                } else {
                    stack.append(dependency.rdd)
                }
            }
        }
        return found.sorted { $0.shuffleId < $1.shuffleId }
    }

    private static func isFullyCached(_ rdd: RDDBase) -> Bool {
        guard rdd.getStorageLevel().isValid else { return false }
        let blockManager = rdd.context.env.blockManager
        return (0..<rdd.numPartitions).allSatisfy { blockManager.contains(.rdd(rddId: rdd.id, partition: $0)) }
    }
}
