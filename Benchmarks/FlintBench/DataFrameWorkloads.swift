import Flint
import Foundation

extension Workload {
    /// kv.csv and dim.csv as DataFrames with the kit's schemas.
    private static func kvFrames(_ session: FlintSession, _ path: String) throws -> (kv: DataFrame, dim: DataFrame) {
        let dimPath = ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent("dim.csv")
        let kv = try session.read.option("header", true).schema("key BIGINT, value DOUBLE, cat STRING").csv(path)
        let dim = try session.read.option("header", true).schema("key BIGINT, name STRING, weight DOUBLE").csv(dimPath)
        return (kv, dim)
    }

    /// The kit's groupby: `groupBy(key).agg(sum(value))`, cached, then count, Σs, Σs² and the top 3.
    static func dataFrameGroupBy(_ sc: FlintContext, _ path: String, _ dataset: KVDataset?) throws -> WorkloadOutcome {
        let session = FlintSession(context: sc)
        let (kv, _) = try kvFrames(session, path)
        let grouped = try kv.groupBy("key").agg(sum("value").alias("s")).cache()
        let totals = try singleRow(grouped.agg(count("*"), sum("s"), sum(col("s") * col("s"))))
        let top3 = try grouped.orderBy(col("s").desc(), col("key").asc()).limit(3).collect()
        grouped.unpersist()
        let groups = Int(totals[0].longValue ?? -1)
        let total = totals[1].doubleValue ?? .nan, squares = totals[2].doubleValue ?? .nan
        var ok: Bool?
        if let expected = dataset?.expected.groupby, let expectedSum = Double(expected.sumOfSums) {
            ok = groups == expected.nGroups && relativelyClose(total, expectedSum)
                && expected.sumOfSquaredSums.map { relativelyClose(squares, $0) } ?? true
                && expected.top3BySum.map { $0.map { Int64($0[0]) } == top3.map { $0[0].longValue ?? -1 } } ?? true
        }
        return WorkloadOutcome(
            result: [("n_groups", .int(groups)), ("sum_of_sums", .fixed(total, digits: 2)), ("sum_of_squared_sums", .double(squares)),
                     ("top3_by_sum", .array(top3.map { .array([.int(Int($0[0].longValue ?? -1)), .double($0[1].doubleValue ?? .nan)]) }))],
            ok: ok, notes: ["DataFrame API: read.csv with the kit's schema, groupBy/agg, cached, then two queries"],
            inputPartitions: try kv.batchRDD.numPartitions, outputPartitions: session.shufflePartitions)
    }

    /// The kit's join: `kv.join(dim, "key")`, then count and Σ value·weight.
    static func dataFrameJoin(_ sc: FlintContext, _ path: String, _ dataset: KVDataset?) throws -> WorkloadOutcome {
        let session = FlintSession(context: sc)
        let (kv, dim) = try kvFrames(session, path)
        let totals = try singleRow(kv.join(dim, using: ["key"]).agg(count("*"), sum(col("value") * col("weight"))))
        let rows = Int(totals[0].longValue ?? -1)
        let total = totals[1].doubleValue ?? .nan
        var ok: Bool?
        if let expected = dataset?.expected.join, let expectedSum = Double(expected.sumValueTimesWeight) {
            ok = rows == expected.rows && relativelyClose(total, expectedSum)
        }
        return WorkloadOutcome(
            result: [("rows", .int(rows)), ("sum_value_times_weight", .fixed(total, digits: 4))],
            ok: ok, notes: ["DataFrame API: shuffled hash join of both sides on key"],
            inputPartitions: try kv.batchRDD.numPartitions, outputPartitions: session.shufflePartitions)
    }

    /// The single row of a global aggregate.
    private static func singleRow(_ frame: DataFrame) throws -> [Value] {
        guard let row = try frame.collect().first else { throw BenchError.malformed(file: "query", record: "no result row") }
        return row.values
    }
}
