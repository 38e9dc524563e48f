import FlintCore
import FlintSQL

/// The factors of one side of an ALS model (users or items): the ids in ascending order and,
/// for the id at position i, the `rank` floats `values[i * rank ..< (i + 1) * rank]` (single
/// precision, as Spark keeps them). 4 · (rank + 1) bytes per id.
public struct ALSFactors: Sendable, Equatable {
    /// The number of latent factors per id.
    public let rank: Int
    /// The ids, ascending and distinct.
    public let ids: [Int32]
    /// The factors, row by row (`ids.count × rank`, row-major).
    public let values: [Float]

    /// Factors of `ids` (ascending, distinct) laid out row by row in `values`.
    public init(rank: Int, ids: [Int32], values: [Float]) {
        precondition(rank > 0 && values.count == ids.count * rank, "ALSFactors: \(values.count) values for \(ids.count) ids of rank \(rank)")
        precondition(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }, "ALSFactors: ids must be ascending and distinct")
        self.rank = rank
        self.ids = ids
        self.values = values
    }

    /// The number of ids.
    public var count: Int { ids.count }

    /// The position of `id`, or nil when it has no factors. O(log n).
    public func row(of id: Int32) -> Int? {
        var low = 0
        var high = ids.count
        while low < high {
            let middle = (low + high) / 2
            if ids[middle] < id { low = middle + 1 } else { high = middle }
        }
        return low < ids.count && ids[low] == id ? low : nil
    }

    /// The factors of `id`, or nil when it has none. O(log n + rank).
    public func factors(of id: Int32) -> [Float]? {
        row(of: id).map { Array(values[($0 * rank)..<(($0 + 1) * rank)]) }
    }

    /// The schema of the factor tables, as Spark's: `id` int, `features` array<float>.
    public static let schema = StructType([StructField("id", .integer, nullable: false),
                                           StructField("features", .array(element: .float, containsNull: false), nullable: false)])

    /// The factors as a DataFrame of (`id`, `features`) in `session`, id ascending (Spark's
    /// `userFactors` / `itemFactors`). O(count × rank) to build the rows when a job reads them.
    public func dataFrame(in session: FlintSession, partitions: Int = 1) -> DataFrame {
        let factors = self
        let slices = max(1, min(partitions, count))
        let ranges = (0..<slices).map { slice in (slice * factors.count / slices)..<((slice + 1) * factors.count / slices) }
        let batches = session.context.parallelize(ranges, numSlices: slices).map { range in
            ColumnBatch(schema: ALSFactors.schema, rows: range.map { row in
                [.integer(factors.ids[row]), .array(factors.values[(row * factors.rank)..<((row + 1) * factors.rank)].map { .float($0) })]
            })
        }
        return session.createDataFrame(batches, schema: ALSFactors.schema)
    }
}
